/// What a base image must satisfy: come from an approved repository, be pinned by digest, and not
/// float on `latest`. A pure value: the lead loads it from `charter.yml` (`gates.images`); the
/// Dockerfile checker and the manifest checkers evaluate references against the same one.
package struct BaseImagePolicy: Sendable, Equatable {
    /// The allow-list. `nil` means none is configured and the approval check is off; an empty list
    /// approves nothing but `scratch`.
    package var approved: [ImagePattern]?
    /// A base must name an immutable image (`@sha256:…`), not a tag that can be moved.
    package var requireDigest: Bool
    /// Whether an unpinned `latest` tag (written or implied by a missing tag) is acceptable.
    package var allowLatest: Bool

    package init(approved: [ImagePattern]? = nil, requireDigest: Bool = true, allowLatest: Bool = false) {
        self.approved = approved
        self.requireDigest = requireDigest
        self.allowLatest = allowLatest
    }

    /// A policy from pattern texts as a configuration file writes them.
    package init(approvedPatterns: [String]?, requireDigest: Bool = true, allowLatest: Bool = false) throws(ImageReferenceError) {
        var patterns: [ImagePattern]?
        if let approvedPatterns {
            var parsed: [ImagePattern] = []
            for text in approvedPatterns { parsed.append(try ImagePattern(text)) }
            patterns = parsed
        }
        self.init(approved: patterns, requireDigest: requireDigest, allowLatest: allowLatest)
    }

    /// The first allow-list pattern that approves `reference`, if any.
    package func approvingPattern(for reference: ImageReference) -> ImagePattern? {
        guard let approved else { return nil }
        let registry = reference.registry.lowercased()
        let path = reference.repository.split(separator: "/", omittingEmptySubsequences: false)
        return approved.first { $0.matches(registry: registry, path: path, digest: reference.digest) }
    }

    /// Every way `reference` breaks the policy, in a fixed order (approval, digest, tag); empty
    /// when it complies. `scratch` always complies. A digest pins the image, so the tag checks
    /// only apply to references without one.
    package func evaluate(_ reference: ImageReference) -> [BaseImageViolation] {
        guard !reference.isScratch else { return [] }
        var violations: [BaseImageViolation] = []
        if let approved, approvingPattern(for: reference) == nil {
            let list = approved.isEmpty ? "the approved list is empty" : "approved: " + approved.map(\.source).joined(separator: ", ")
            violations.append(BaseImageViolation(.notApproved, reference, "\(reference.name) is not an approved base image (\(list))"))
        }
        if requireDigest && reference.digest == nil {
            violations.append(BaseImageViolation(.notDigestPinned, reference, "\(reference.familiar) is not pinned by digest; append @sha256:<digest> of the image you tested"))
        }
        if !allowLatest && reference.digest == nil {
            if reference.tag == nil {
                violations.append(BaseImageViolation(.missingTag, reference, "\(reference.familiar) has no tag, so it means whatever `latest` is at build time"))
            } else if reference.tag == "latest" {
                violations.append(BaseImageViolation(.latestTag, reference, "\(reference.familiar) uses `latest`, which moves with every release"))
            }
        }
        return violations
    }
}
