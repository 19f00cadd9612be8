/// The facts an image's config blob records about how it runs and how it was built (OCI image
/// config, which Docker's matches field for field).
package struct ImageConfig: Sendable, Equatable {
    package struct HistoryStep: Sendable, Equatable {
        package var created: String?
        /// The Dockerfile instruction or command that made the step.
        package var createdBy: String?
        package var author: String?
        package var comment: String?
        /// The step changed only metadata and has no layer.
        package var emptyLayer: Bool
    }

    package var platform: ImagePlatform
    package var created: String?
    package var author: String?
    /// The user processes run as; nil or empty means root.
    package var user: String?
    package var environment: [String]
    package var entrypoint: [String]?
    package var command: [String]?
    package var workingDirectory: String?
    package var labels: [String: String]
    /// `port/protocol` keys, sorted.
    package var exposedPorts: [String]
    package var volumes: [String]
    package var stopSignal: String?
    package var history: [HistoryStep]
    /// The digests of the uncompressed layers, in order from the base.
    package var diffIDs: [BlobDigest]

    init(_ fields: JSONFields) throws(ImageArchiveError) {
        platform = ImagePlatform(
            os: try fields.requiredString("os"), architecture: try fields.requiredString("architecture"),
            variant: try fields.string("variant"))
        created = try fields.string("created")
        author = try fields.string("author")
        let run = try fields.object("config")
        user = try run?.string("User")
        environment = try run?.strings("Env") ?? []
        entrypoint = try run?.strings("Entrypoint")
        command = try run?.strings("Cmd")
        workingDirectory = try run?.string("WorkingDir")
        labels = try run?.stringMap("Labels") ?? [:]
        exposedPorts = try run?.keys("ExposedPorts") ?? []
        volumes = try run?.keys("Volumes") ?? []
        stopSignal = try run?.string("StopSignal")
        var history: [HistoryStep] = []
        for step in try fields.objects("history") {
            history.append(
                HistoryStep(
                    created: try step.string("created"), createdBy: try step.string("created_by"), author: try step.string("author"),
                    comment: try step.string("comment"), emptyLayer: try step.bool("empty_layer") ?? false))
        }
        self.history = history
        guard let rootfs = try fields.object("rootfs") else {
            throw ImageArchiveError(.malformed, "\(fields.source): rootfs is missing")
        }
        let type = try rootfs.requiredString("type")
        guard type == "layers" else {
            throw ImageArchiveError(.malformed, "\(fields.source): rootfs.type is \"\(type)\", not \"layers\"")
        }
        var diffIDs: [BlobDigest] = []
        for (index, text) in (try rootfs.strings("diff_ids") ?? []).enumerated() {
            diffIDs.append(try BlobDigest(parsing: text, field: "\(fields.source): rootfs.diff_ids[\(index)]"))
        }
        self.diffIDs = diffIDs
    }
}
