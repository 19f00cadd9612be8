import CharterCore
@testable import CharterImages
import Foundation

/// A test image: its layers (uncompressed tars, each stored gzipped or not) and its config.
struct TestImage {
    struct Layer {
        var tar: [UInt8]
        var gzip = true
        /// Bytes stored instead of the (compressed) tar, for layers no tool would write.
        var storedOverride: [UInt8]?
    }

    var layers: [Layer]
    var platform: ImagePlatform = .linuxAMD64
    var run: JSONValue = ["User": "app", "Env": ["PATH=/usr/bin", "MODE=test"], "Cmd": ["/bin/app"], "WorkingDir": "/srv"]
    var references: [String] = []
    /// Changes made to the config after it is filled in, for configs no builder would write.
    var editConfig: @Sendable (inout [String: JSONValue]) -> Void = { _ in }

    init(_ layers: [Layer], platform: ImagePlatform = .linuxAMD64, references: [String] = []) {
        self.layers = layers
        self.platform = platform
        self.references = references
    }

    init(tars: [[UInt8]], gzip: Bool = true) {
        self.init(tars.map { Layer(tar: $0, gzip: gzip) })
    }

    func config() -> JSONValue {
        var fields: [String: JSONValue] = [
            "architecture": .string(platform.architecture), "os": .string(platform.os), "config": run,
            "rootfs": ["type": "layers", "diff_ids": .array(layers.map { .string(Self.digest($0.tar)) })],
            "history": .array(layers.map { _ in ["created_by": "COPY . /srv"] }),
        ]
        if let variant = platform.variant { fields["variant"] = .string(variant) }
        editConfig(&fields)
        return .object(fields)
    }

    static func digest(_ bytes: [UInt8]) -> String {
        DigestingStream.digest(of: bytes).description
    }
}

/// Lays test images out as an OCI image layout (a folder, or a tarball as Docker 25+ saves it)
/// or as a classic `docker save` tarball, with digests computed as real tools compute them.
final class LayoutWriter {
    private(set) var blobs: [(hex: String, bytes: [UInt8])] = []
    let work: String

    init(work: String) {
        self.work = work
    }

    @discardableResult
    func add(_ bytes: [UInt8]) -> (digest: String, size: Int) {
        let digest = DigestingStream.digest(of: bytes)
        if !blobs.contains(where: { $0.hex == digest.hex }) { blobs.append((digest.hex, bytes)) }
        return (digest.description, bytes.count)
    }

    func descriptor(_ bytes: [UInt8], mediaType: String, platform: ImagePlatform? = nil, references: [String] = []) -> JSONValue {
        let (digest, size) = add(bytes)
        var fields: [String: JSONValue] = ["mediaType": .string(mediaType), "digest": .string(digest), "size": .number(Double(size))]
        if let platform {
            var described: [String: JSONValue] = ["os": .string(platform.os), "architecture": .string(platform.architecture)]
            if let variant = platform.variant { described["variant"] = .string(variant) }
            fields["platform"] = .object(described)
        }
        if let name = references.first { fields["annotations"] = ["io.containerd.image.name": .string(name)] }
        return .object(fields)
    }

    /// Stores the image's layers, config and manifest; the manifest's descriptor.
    func manifest(_ image: TestImage, listPlatform: Bool = false) throws -> JSONValue {
        var layerDescriptors: [JSONValue] = []
        for layer in image.layers {
            let stored = try layer.storedOverride ?? (layer.gzip ? Gzip.compress(layer.tar) : layer.tar)
            let type = "application/vnd.oci.image.layer.v1.tar" + (layer.gzip ? "+gzip" : "")
            layerDescriptors.append(descriptor(stored, mediaType: type))
        }
        let config = descriptor(PrettyJSON.encode(image.config()), mediaType: "application/vnd.oci.image.config.v1+json")
        let manifest: JSONValue = [
            "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json", "config": config,
            "layers": .array(layerDescriptors),
        ]
        return descriptor(
            PrettyJSON.encode(manifest), mediaType: "application/vnd.oci.image.manifest.v1+json",
            platform: listPlatform ? image.platform : nil, references: image.references)
    }

    /// An index blob listing `manifests`; its descriptor.
    func index(_ manifests: [JSONValue]) -> JSONValue {
        descriptor(PrettyJSON.encode(indexDocument(manifests)), mediaType: "application/vnd.oci.image.index.v1+json")
    }

    func indexDocument(_ manifests: [JSONValue]) -> JSONValue {
        ["schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json", "manifests": .array(manifests)]
    }

    func writeFolder(_ path: String, index manifests: [JSONValue]) throws {
        try FileManager.default.createDirectory(atPath: path + "/blobs/sha256", withIntermediateDirectories: true)
        try Data(#"{"imageLayoutVersion":"1.0.0"}"#.utf8).write(to: URL(fileURLWithPath: path + "/oci-layout"))
        try Data(PrettyJSON.encode(indexDocument(manifests))).write(to: URL(fileURLWithPath: path + "/index.json"))
        for blob in blobs {
            try Data(blob.bytes).write(to: URL(fileURLWithPath: path + "/blobs/sha256/" + blob.hex))
        }
    }

    /// The layout as members of a tarball, `index.json` and `oci-layout` last, as Docker writes them.
    func tarball(index manifests: [JSONValue], extra: [TarBuilder.Member] = []) -> [UInt8] {
        var members: [TarBuilder.Member] = [.entry(.directory("blobs/")), .entry(.directory("blobs/sha256/"))]
        for blob in blobs { members.append(.entry(.file("blobs/sha256/" + blob.hex, bytes: blob.bytes))) }
        members += extra
        members.append(.entry(.file("index.json", bytes: PrettyJSON.encode(indexDocument(manifests)))))
        members.append(.entry(.file("oci-layout", #"{"imageLayoutVersion":"1.0.0"}"#)))
        return TarBuilder(members).bytes()
    }

    /// A classic (pre-25) `docker save` tarball: `<config hex>.json`, `<id>/layer.tar` per layer
    /// (a symbolic link to the first copy when a layer repeats, as Docker writes it), `manifest.json`.
    static func dockerSave(_ images: [TestImage]) -> [UInt8] {
        var members: [TarBuilder.Member] = []
        var entries: [JSONValue] = []
        var firstCopy: [String: String] = [:]
        for (imageIndex, image) in images.enumerated() {
            var layerNames: [JSONValue] = []
            for (index, layer) in image.layers.enumerated() {
                let stored = layer.storedOverride ?? layer.tar
                // Docker's v1 layer ids depend on the layers below and the image's config, not the content alone.
                let id = DigestingStream.digest(of: Array("\(imageIndex)/\(index)".utf8) + stored).hex
                let name = id + "/layer.tar"
                members.append(.entry(.directory(id + "/")))
                if let first = firstCopy[stored.description] {
                    members.append(.entry(.symlink(name, to: "../" + first)))
                } else {
                    firstCopy[stored.description] = name
                    members.append(.entry(.file(name, bytes: stored)))
                }
                members.append(.entry(.file(id + "/VERSION", "1.0")))
                layerNames.append(.string(name))
            }
            let config = PrettyJSON.encode(image.config())
            let configName = DigestingStream.digest(of: config).hex + ".json"
            members.append(.entry(.file(configName, bytes: config)))
            entries.append(
                ["Config": .string(configName), "RepoTags": .array(image.references.map { .string($0) }), "Layers": .array(layerNames)])
        }
        members.append(.entry(.file("manifest.json", bytes: PrettyJSON.encode(.array(entries)))))
        return TarBuilder(members).bytes()
    }
}
