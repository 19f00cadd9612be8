import CharterCore

/// A Dockerfile rule: a stable id, a severity, the documentation a user reads, a Dockerfile that
/// passes and one that fails (both run as tests), and the check itself.
package struct DockerfileRule: Sendable, Identifiable {
    /// `DF` and three digits; never reused for a different check.
    package let id: String
    package let level: FindingLevel
    /// One line, stating the problem.
    package let title: String
    /// A short paragraph: why it matters and what to write instead.
    package let documentation: String
    /// Does not trigger this rule (under the sample policy, see `DockerfileRuleCatalog`).
    package let passingSample: String
    /// Triggers this rule at least once.
    package let failingSample: String
    let check: @Sendable (RuleContext) -> [RuleHit]

    init(
        id: String, level: FindingLevel, title: String, documentation: String, passing: String, failing: String,
        check: @escaping @Sendable (RuleContext) -> [RuleHit]
    ) {
        self.id = id
        self.level = level
        self.title = title
        self.documentation = documentation
        self.passingSample = passing
        self.failingSample = failing
        self.check = check
    }
}
