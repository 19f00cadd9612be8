/// One image an archive offers: a manifest listed in `index.json` (or in an index nested in it),
/// or an entry of a classic `docker save` `manifest.json`.
package struct ImageCandidate: Sendable, Equatable, CustomStringConvertible {
    package enum Source: Sendable, Equatable {
        /// An OCI (or Docker distribution) manifest, by descriptor.
        case manifest(ImageDescriptor)
        /// A classic `docker save` entry: the config file and the layer files, by member name.
        case dockerSave(config: String, layers: [String])
    }

    package var source: Source
    /// Names the archive gives it: repository tags, `org.opencontainers.image.ref.name`.
    package var references: [String]
    /// The platform its index lists, if any (classic entries and single-image layouts have none).
    package var platform: ImagePlatform?
    /// Whether its manifest is in the archive: a saved index may list platforms whose blobs were not saved.
    package var isPresent: Bool

    /// What tells two candidates apart: the manifest digest, or the config file.
    var identity: String {
        switch source {
        case .manifest(let descriptor): descriptor.digest.description
        case .dockerSave(let config, _): config
        }
    }

    /// `linux/amd64 alpine:3.19`, or the manifest's short digest when the image has no name.
    package var description: String {
        let name: String =
            switch source {
            case _ where !references.isEmpty: references.joined(separator: ", ")
            case .manifest(let descriptor): "sha256:" + descriptor.digest.short
            case .dockerSave(let config, _): config
            }
        return (platform.map { "\($0) " } ?? "") + name + (isPresent ? "" : " (listed, but its blobs are not in the archive)")
    }

    /// Whether `reference` names this image: exactly, without the registry and `library/`
    /// Docker adds to short names, or without the implied `:latest`.
    func isNamed(_ reference: String) -> Bool {
        references.contains { name in
            name == reference || name == reference + ":latest" || name.hasSuffix("/" + reference)
                || name.hasSuffix("/" + reference + ":latest")
        }
    }
}
