import CharterCore
import CharterTestSupport
@testable import CharterImages
import Foundation
import Testing

/// The three archive layouts read the same image the same way: config facts, layer digests
/// checked against the manifest and config, and the layers applied in order.
@Suite struct ImageLayoutTests {
    static let base = TarBuilder(entries: [
        .directory("etc/"), .file("etc/os-release", "ID=debian\n"), .directory("usr/"), .directory("usr/bin/"),
        .file("usr/bin/tool", "#!/bin/sh\n", mode: 0o755), .symlink("bin", to: "usr/bin"),
    ]).bytes()
    static let app = TarBuilder(entries: [
        .directory("srv/"), .file("srv/app.py", "print('hi')\n"), .file("etc/os-release", "ID=debian\nVERSION_ID=12\n"),
    ]).bytes()

    @Test(arguments: ImageFixture.Layout.allCases)
    func readsEveryLayoutAlike(layout: ImageFixture.Layout) throws {
        let fixture = try ImageFixture("image-layout")
        defer { fixture.remove() }
        let path = try fixture.write(TestImage(tars: [Self.base, Self.app]), as: layout)
        let contents = try fixture.extract(path)

        #expect(contents.config.user == "app")
        #expect(contents.config.environment == ["PATH=/usr/bin", "MODE=test"])
        #expect(contents.config.command == ["/bin/app"])
        #expect(contents.config.workingDirectory == "/srv")
        #expect(contents.platform == .linuxAMD64)
        #expect(contents.config.diffIDs.map(\.description) == [TestImage.digest(Self.base), TestImage.digest(Self.app)])
        #expect(contents.layers.map(\.layer.diffID) == contents.config.diffIDs)
        #expect(contents.layers.map(\.uncompressedSize) == [Self.base.count, Self.app.count])
        #expect(contents.layers.map(\.compression) == (layout == .dockerSave ? [.none, .none] : [.gzip, .gzip]))
        for layer in contents.layers {
            // Each blob's digest is of the bytes as stored: the gzip stream, or the plain tar.
            #expect(layer.layer.digest == (layout == .dockerSave ? nil : layer.digest))
            #expect(layer.size == layer.layer.size)
        }
        #expect(contents.manifestDigest == nil ? layout == .dockerSave : layout != .dockerSave)

        #expect(contents.files().map(\.path) == ["etc/os-release", "srv/app.py", "usr/bin/tool"])
        #expect(ImageFixture.text(contents, "etc/os-release") == "ID=debian\nVERSION_ID=12\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: contents.root + "/bin") == "usr/bin")
        #expect(contents.resolve("bin/tool") == "usr/bin/tool")
        #expect(contents.counts.files == 4)
        #expect(contents.counts.entries == 9)
        #expect(contents.oddEntries.isEmpty)
    }

    /// Docker 25+ puts a classic manifest.json beside the OCI layout in its tarballs; the
    /// index, which carries digests, is what is read.
    @Test func prefersTheIndexWhenBothAreSaved() throws {
        let fixture = try ImageFixture("image-both")
        defer { fixture.remove() }
        let writer = LayoutWriter(work: fixture.work.path)
        let manifest = try writer.manifest(TestImage(tars: [Self.base]))
        let classic = TarBuilder.Entry.file("manifest.json", #"[{"Config": "missing.json", "Layers": []}]"#)
        let path = try fixture.write(writer.tarball(index: [manifest], extra: [.entry(classic)]), named: "both.tar")
        let archive = try ImageArchive(path: path)
        #expect(archive.layout == .ociLayout)
        #expect(archive.layers.count == 1)
    }

    /// `gzip -d` reads concatenated members as one stream (pigz and some builders write them);
    /// anything else after the gzip data is refused.
    @Test(arguments: [false, true])
    func readsGzipStreamsOfSeveralMembers(trailingGarbage: Bool) throws {
        let fixture = try ImageFixture("image-members")
        defer { fixture.remove() }
        let tar = TarBuilder(entries: (0..<40).map { .file("f\($0)", String(repeating: "\($0)", count: 200)) }).bytes()
        let stored = try Gzip.compress(Array(tar.prefix(7000))) + Gzip.compress(Array(tar.dropFirst(7000)))
            + (trailingGarbage ? Array("trailing".utf8) : [])
        let image = TestImage([TestImage.Layer(tar: tar, storedOverride: stored)])
        let path = try fixture.write(image, as: .ociFolder)
        if trailingGarbage {
            let error = try #require(throws: ImageArchiveError.self) { try fixture.extract(path) }
            #expect(error.message.contains("): its gzip data is corrupt (incorrect header check)"), "\(error.message)")
        } else {
            let contents = try fixture.extract(path)
            #expect(contents.files().map(\.path).count == 40)
            #expect(contents.layers.first?.uncompressedSize == tar.count)
        }
    }

    @Test func readsEveryConfigFact() throws {
        let fixture = try ImageFixture("image-config")
        defer { fixture.remove() }
        var image = TestImage(tars: [Self.base])
        image.run = [
            "User": "1000:1000", "Env": ["A=1"], "Entrypoint": ["/entry.sh", "--flag"], "Cmd": .null, "WorkingDir": "/w",
            "Labels": ["org.opencontainers.image.source": "https://example.com/repo"], "ExposedPorts": ["8080/tcp": [:], "53/udp": [:]],
            "Volumes": ["/data": [:]], "StopSignal": "SIGTERM",
        ]
        let contents = try fixture.extract(try fixture.write(image, as: .ociFolder))
        let config = contents.config
        #expect(config.user == "1000:1000")
        #expect(config.entrypoint == ["/entry.sh", "--flag"])
        #expect(config.command == nil)
        #expect(config.labels == ["org.opencontainers.image.source": "https://example.com/repo"])
        #expect(config.exposedPorts == ["53/udp", "8080/tcp"])
        #expect(config.volumes == ["/data"])
        #expect(config.stopSignal == "SIGTERM")
        #expect(config.history == [ImageConfig.HistoryStep(created: nil, createdBy: "COPY . /srv", author: nil, comment: nil, emptyLayer: false)])
    }

    /// Layers written by Python's tarfile (GNU and pax headers, real gzip), laid out as Docker does.
    @Test(arguments: ImageFixture.Layout.allCases)
    func readsLayersPythonWrites(layout: ImageFixture.Layout) throws {
        let fixture = try ImageFixture("image-python")
        defer { fixture.remove() }
        let tars = try ["GNU_FORMAT", "PAX_FORMAT"].map { format in
            let path = fixture.work.file("\(format).tar")
            let script = """
                import io, sys, tarfile
                with tarfile.open(sys.argv[1], "w", format=getattr(tarfile, sys.argv[2])) as tar:
                    for name, data in [("app/" + "x" * 120 + "/deep.txt", b"deep"), ("app/" + sys.argv[2] + ".txt", b"layer")]:
                        info = tarfile.TarInfo(name)
                        info.size = len(data)
                        tar.addfile(info, io.BytesIO(data))
                """
            try PythonTool.run(script, [path, format])
            return Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        let contents = try fixture.extract(try fixture.write(TestImage(tars: tars), as: layout))
        #expect(contents.files().map(\.path) == ["app/GNU_FORMAT.txt", "app/PAX_FORMAT.txt", "app/" + String(repeating: "x", count: 120) + "/deep.txt"])
        #expect(contents.files().map(\.size) == [5, 5, 4])
    }
}
