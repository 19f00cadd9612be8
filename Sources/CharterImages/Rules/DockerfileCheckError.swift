import CharterCore

/// A checker configured with a rule id that does not exist: probably a typo in `charter.yml`,
/// which would otherwise silently leave the intended rule on.
package struct DockerfileCheckError: CharterFailure, Equatable {
    package let unknownRuleIDs: [String]

    package var category: FailureCategory { .usage }

    package var message: String {
        let known = DockerfileRuleCatalog.all.map(\.id)
        return "unknown Dockerfile rule id(s) to disable: \(unknownRuleIDs.joined(separator: ", ")); the rules are \(known.first ?? "")…\(known.last ?? "") (see docs/images.md)"
    }
}
