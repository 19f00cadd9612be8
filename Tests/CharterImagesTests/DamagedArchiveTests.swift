import CharterCore
import CharterTestSupport
@testable import CharterImages
import Foundation
import Testing

/// Archives whose bytes do not match what their manifests promise, that are cut short, or that
/// use what is not read yet: each is refused with a message naming the archive and the blob or
/// member, and a failed extraction leaves nothing in the workspace.
@Suite struct DamagedArchiveTests {
    static let tar = TarBuilder(entries: [.file("etc/issue", "Welcome\n"), .file("bin/data", String(repeating: "0123456789", count: 300))]).bytes()

    enum Damage: String, CaseIterable, Sendable {
        case gzipLayerAltered, plainLayerAltered, wrongDiffID, configAltered, manifestSizeWrong, layerBlobMissing
        case layerBlobShortened, tarballCutInsideABlob, layerTarCutShort, zstdLayer, xzLayer, gzippedTarball, notAnArchive
        case emptyFolder, indexNotJSON, configLacksRootfs, layerCountDisagrees, sha512Digest, classicConfigAltered

        var expectedCode: ImageArchiveError.Code {
            switch self {
            case .gzipLayerAltered, .plainLayerAltered, .wrongDiffID, .configAltered, .manifestSizeWrong, .layerBlobShortened,
                 .classicConfigAltered: .digestMismatch
            case .zstdLayer, .xzLayer, .gzippedTarball, .sha512Digest: .unsupported
            case .layerBlobMissing, .tarballCutInsideABlob, .layerTarCutShort, .notAnArchive, .emptyFolder, .indexNotJSON,
                 .configLacksRootfs, .layerCountDisagrees: .malformed
            }
        }
    }

    /// Writes the damaged archive; returns its path and the message expected after that path.
    static func write(_ damage: Damage, _ fixture: ImageFixture) throws -> (path: String, message: Regex<Substring>) {
        let writer = LayoutWriter(work: fixture.work.path)
        var image = TestImage(tars: [tar], gzip: damage != .plainLayerAltered)
        switch damage {
        case .zstdLayer: image.layers[0].storedOverride = [0x28, 0xB5, 0x2F, 0xFD] + tar.prefix(64)
        case .xzLayer: image.layers[0].storedOverride = [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00] + tar.prefix(64)
        case .layerTarCutShort: image.layers[0].tar = Array(tar.prefix(1024 + 512 + 100))
        case .wrongDiffID: image.editConfig = { $0["rootfs"] = ["type": "layers", "diff_ids": [.string("sha256:" + String(repeating: "0", count: 64))]] }
        case .configLacksRootfs: image.editConfig = { $0["rootfs"] = nil }
        case .layerCountDisagrees: image.editConfig = { $0["rootfs"] = ["type": "layers", "diff_ids": [.string(TestImage.digest(tar)), .string(TestImage.digest([]))]] }
        default: break
        }
        if damage == .classicConfigAltered || damage == .layerTarCutShort {
            var bytes = LayoutWriter.dockerSave([image])
            if damage == .classicConfigAltered {
                let offset = try #require(bytes.firstRange(of: Array(#""WorkingDir""#.utf8))?.lowerBound)
                bytes[offset + 1] = UInt8(ascii: "w")
            }
            let path = try fixture.write(bytes, named: "classic.tar")
            return damage == .classicConfigAltered
                ? (path, try Regex(#": [0-9a-f]{64}\.json: hashes to sha256:[0-9a-f]{64}, not the sha256:[0-9a-f]{64} its name says"#))
                : (path, try Regex(#": layer 1 of 1 \([0-9a-f]{64}/layer\.tar\): member bin/data: its data is cut short"#))
        }
        var manifest = try writer.manifest(image)
        let layout = fixture.work.file("layout")
        let blobs = layout + "/blobs/sha256/"
        let layerHex = try #require(writer.blobs.first?.hex)
        let configHex = try #require(writer.blobs.dropFirst().first?.hex)
        switch damage {
        case .manifestSizeWrong:
            guard case .object(var fields) = manifest else { break }
            fields["size"] = .number((fields["size"]?.doubleValue ?? 0) + 1)
            manifest = .object(fields)
        case .sha512Digest:
            manifest = ["mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": .string("sha512:" + String(repeating: "ab", count: 64)), "size": 10]
        default: break
        }
        if damage == .tarballCutInsideABlob {
            let bytes = writer.tarball(index: [manifest])
            return (try fixture.write(Array(bytes.prefix(1536 + 50)), named: "cut.tar"), try Regex(#": member blobs/sha256/[0-9a-f]{64}: its data is cut short"#))
        }
        if damage == .gzippedTarball {
            let bytes = try Gzip.compress(writer.tarball(index: [manifest]))
            return (try fixture.write(bytes, named: "image.tar.gz"), try Regex(#": is gzip-compressed; decompress it first"#))
        }
        if damage == .notAnArchive {
            return (try fixture.write(Array(String(repeating: "not a tar ", count: 100).utf8), named: "text.tar"), try Regex(#": header at offset 0: not a tar header"#))
        }
        if damage == .emptyFolder {
            try FileManager.default.createDirectory(atPath: layout, withIntermediateDirectories: false)
            return (layout, try Regex(#": has neither index.json \(an OCI image layout\) nor manifest.json \(docker save\)"#))
        }
        try writer.writeFolder(layout, index: [manifest])
        func alter(_ file: String, at offset: Int) throws {
            var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            bytes[offset] ^= 0x01
            try Data(bytes).write(to: URL(fileURLWithPath: file))
        }
        let layerBlob = blobs + layerHex
        let hashes = #"hashes to sha256:[0-9a-f]{64}, not the sha256:[0-9a-f]{64}"#
        switch damage {
        case .gzipLayerAltered:
            try alter(layerBlob, at: 40)
            return (layout, try Regex(#": layer 1 of 1 \(blobs/sha256/[0-9a-f]{64}\): "# + hashes + " the manifest names for it; the archive is corrupt or was altered"))
        case .plainLayerAltered:
            try alter(layerBlob, at: 512 + 3)
            return (layout, try Regex(#": layer 1 of 1 \(blobs/sha256/[0-9a-f]{64}\): "# + hashes + " the manifest names for it"))
        case .wrongDiffID:
            return (layout, try Regex(#": layer 1 of 1 \(blobs/sha256/[0-9a-f]{64}\) \(uncompressed\): hashes to sha256:[0-9a-f]{64}, not the sha256:0{64} the config's rootfs.diff_ids names for it"#))
        case .configAltered:
            try alter(blobs + configHex, at: 10)
            return (layout, try Regex(#"/blobs/sha256/[0-9a-f]{64}: "# + hashes + #" that .*/blobs/sha256/[0-9a-f]{64} names; the archive is corrupt or was altered"#))
        case .manifestSizeWrong:
            return (layout, try Regex(#"/blobs/sha256/[0-9a-f]{64}: is \d+ bytes, not the \d+ that .*index.json declares for this manifest"#))
        case .layerBlobMissing:
            try FileManager.default.removeItem(atPath: layerBlob)
            return (layout, try Regex(#": layer 1 \(sha256:[0-9a-f]{64}\) is not in the archive"#))
        case .layerBlobShortened:
            let bytes = try Data(contentsOf: URL(fileURLWithPath: layerBlob))
            try bytes.prefix(bytes.count - 20).write(to: URL(fileURLWithPath: layerBlob))
            return (layout, try Regex(#": layer 1 of 1 \(blobs/sha256/[0-9a-f]{64}\): is \d+ bytes, not the \d+ its descriptor declares"#))
        case .zstdLayer:
            return (layout, try Regex(#": layer 1 of 1 \(blobs/sha256/[0-9a-f]{64}\): zstd layers are not supported yet"#))
        case .xzLayer:
            return (layout, try Regex(#": layer 1 of 1 \(blobs/sha256/[0-9a-f]{64}\): xz layers are not supported yet"#))
        case .indexNotJSON:
            try Data("{\"manifests\": [".utf8).write(to: URL(fileURLWithPath: layout + "/index.json"))
            return (layout, try Regex(#"/index.json:1:\d+: .*: the file is not valid JSON"#))
        case .configLacksRootfs:
            return (layout, try Regex(#"/blobs/sha256/[0-9a-f]{64}: rootfs is missing"#))
        case .layerCountDisagrees:
            return (layout, try Regex(#"/blobs/sha256/[0-9a-f]{64}: lists 1 layers but the config's rootfs.diff_ids lists 2"#))
        case .sha512Digest:
            return (layout, try Regex(#"index.json: manifests\[0\].digest: digest algorithm "sha512" is not supported"#))
        case .classicConfigAltered, .layerTarCutShort, .tarballCutInsideABlob, .gzippedTarball, .notAnArchive, .emptyFolder:
            throw Unreachable()
        }
    }

    /// Damages written before the layout folder is, so never reach the second switch.
    struct Unreachable: Error {}

    @Test(arguments: Damage.allCases)
    func refusesNamingTheBlobAndLeavesNothing(damage: Damage) throws {
        let fixture = try ImageFixture("damaged")
        defer { fixture.remove() }
        let (path, expected) = try Self.write(damage, fixture)
        let workspace = try ImageWorkspace(in: fixture.work.path)
        let error = try #require(throws: ImageArchiveError.self) {
            try ImageArchive(path: path).extract(into: workspace)
        }
        #expect(error.code == damage.expectedCode)
        #expect(error.message.hasPrefix(path), "\(error.message)")
        #expect(error.message.contains(expected), "\(error.message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path).isEmpty)
    }
}
