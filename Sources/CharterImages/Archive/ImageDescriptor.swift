/// An OCI content descriptor: what an index or manifest says about a blob it points to.
package struct ImageDescriptor: Sendable, Equatable {
    package var mediaType: String?
    package var digest: BlobDigest
    package var size: Int
    package var platform: ImagePlatform?
    package var annotations: [String: String]

    init(_ fields: JSONFields) throws(ImageArchiveError) {
        mediaType = try fields.string("mediaType")
        digest = try BlobDigest(parsing: try fields.requiredString("digest"), field: "\(fields.source): \(fields.field("digest"))")
        guard let size = try fields.count("size") else {
            throw ImageArchiveError(.malformed, "\(fields.source): \(fields.field("size")) is missing")
        }
        self.size = size
        platform = try ImagePlatform(try fields.object("platform"))
        annotations = try fields.stringMap("annotations")
    }

    static let indexMediaTypes: Set<String> = [
        "application/vnd.oci.image.index.v1+json", "application/vnd.docker.distribution.manifest.list.v2+json",
    ]
    static let manifestMediaTypes: Set<String> = [
        "application/vnd.oci.image.manifest.v1+json", "application/vnd.docker.distribution.manifest.v2+json",
    ]

    /// Names an image goes by: the full name containerd records, and the OCI layout's tag.
    var references: [String] {
        ["io.containerd.image.name", "org.opencontainers.image.ref.name"].compactMap { annotations[$0] }
    }

    /// BuildKit stores provenance and SBOM attestations in indexes as manifests of their own.
    var isAttestation: Bool {
        annotations["vnd.docker.reference.type"] == "attestation-manifest" || platform?.isUnknown == true
    }
}
