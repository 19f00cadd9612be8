import CharterCore

/// Judges the images deploy manifests name by the same base-image policy as Dockerfiles: a
/// deployment that runs an unapproved or floating image is as unvetted as a build FROM one.
package struct ManifestImageRules: Sendable {
    /// Rule ids, titles and levels, documented in docs/images.md.
    package static let rules: [(id: String, level: FindingLevel, title: String)] = [
        ("MF001", .high, "Deployed image is not on the approved list"),
        ("MF002", .high, "Deployed image is not pinned by digest"),
        ("MF003", .medium, "Deployed image uses `latest` or no tag"),
        ("MF004", .high, "Deployed image reference is not valid"),
    ]
    package static var ids: Set<String> { Set(rules.map(\.id)) }

    let disabledRules: Set<String>
    /// `sha256:<hex>` of what it is given, for fingerprints.
    let hasher: @Sendable (String) -> String

    package init(disabledRules: Set<String> = [], hasher: @escaping @Sendable (String) -> String) {
        self.disabledRules = disabledRules
        self.hasher = hasher
    }

    package func findings(_ images: [ManifestImage], policy: BaseImagePolicy) -> [Finding] {
        images.flatMap { image -> [Finding] in
            let reference: ImageReference
            do {
                reference = try ImageReference(parsing: image.reference)
            } catch let error as ImageReferenceError {
                return finding("MF004", image, "\(image.context.summary): \(error.message)")
            } catch {
                return finding("MF004", image, "\(image.context.summary): \(error)")
            }
            return policy.evaluate(reference).flatMap { violation -> [Finding] in
                let id = switch violation.kind {
                case .notApproved: "MF001"
                case .notDigestPinned: "MF002"
                case .latestTag, .missingTag: "MF003"
                }
                return finding(id, image, "\(image.context.summary) runs \(reference.familiar): \(violation.reason)")
            }
        }
    }

    private func finding(_ id: String, _ image: ManifestImage, _ title: String) -> [Finding] {
        guard !disabledRules.contains(id), let rule = Self.rules.first(where: { $0.id == id }) else { return [] }
        // The field rather than the line: moving a document keeps its fingerprint.
        let identity = [id, image.path, image.field, image.context.summary, image.reference].joined(separator: "\u{0}")
        return [Finding(gate: "images", ruleID: id, title: title, level: rule.level, location: image.location,
                        fingerprint: hasher(identity), preview: image.written, notes: [rule.title])]
    }
}
