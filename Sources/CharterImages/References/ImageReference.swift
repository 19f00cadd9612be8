/// A container image reference, `[registry/]repository[:tag][@digest]`, normalised the way Docker
/// reads it so that `debian`, `library/debian`, `docker.io/library/debian` and
/// `index.docker.io/library/debian` are the same image name.
///
/// Parse with `init(parsing:)`; the grammar is in `ImageReference+Parsing.swift`.
package struct ImageReference: Sendable, Hashable, CustomStringConvertible {
    /// The registry host as written, with its port: `docker.io`, `localhost:5000`, `[::1]:5000`.
    package let registry: String
    /// The repository path inside the registry: `library/debian`, `bitnami/nginx`, `base/python`.
    package let repository: String
    package let tag: String?
    package let digest: ImageDigest?

    /// Where a name without a registry is pulled from.
    package static let dockerHub = "docker.io"
    /// Docker Hub's prefix for official images named by one component (`debian`).
    static let officialPrefix = "library/"

    package init(registry: String, repository: String, tag: String? = nil, digest: ImageDigest? = nil) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// `registry/repository`: the fully qualified name without tag or digest.
    package var name: String { "\(registry)/\(repository)" }

    /// The name as `docker` prints it: Docker Hub's registry and the `library/` prefix of official
    /// images left out (`debian`, `bitnami/nginx`, `ghcr.io/org/app`).
    package var familiarName: String {
        guard registry == Self.dockerHub else { return name }
        if repository.hasPrefix(Self.officialPrefix) {
            let rest = repository.dropFirst(Self.officialPrefix.count)
            if !rest.utf8.contains(UInt8(ascii: "/")) { return String(rest) }
        }
        return repository
    }

    /// `docker.io/library/debian:12@sha256:…`: every part explicit, as policies compare names.
    package var fullyQualified: String { name + suffix }

    /// `debian:12@sha256:…`: the short form people write.
    package var familiar: String { familiarName + suffix }

    package var description: String { fullyQualified }

    /// Pinned to one immutable image, whatever the tag says.
    package var isDigestPinned: Bool { digest != nil }

    /// Neither a tag nor a digest: Docker pulls `latest`.
    package var impliesLatest: Bool { tag == nil && digest == nil }

    /// `scratch`, the empty base that `FROM scratch` names; it is never pulled.
    package var isScratch: Bool {
        registry == Self.dockerHub && repository == Self.officialPrefix + "scratch" && tag == nil && digest == nil
    }

    private var suffix: String {
        var text = ""
        if let tag { text += ":" + tag }
        if let digest { text += "@" + digest.description }
        return text
    }
}
