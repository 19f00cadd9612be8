import CharterCore

/// `charter.yml`: which gates run, what fails them, and the waivers in force (docs/policy.md).
package struct GatePolicy: Sendable {
    /// Where it was read from; nil when no file exists and defaults apply.
    package let file: String?
    /// `sha256:<hex>` of the file's bytes (of the empty string for defaults), recorded on verdicts.
    package let digest: String
    package let secrets: SecretsGatePolicy?
    package let waivers: [Waiver]
    /// The longest a waiver may run, from its creation to its expiry.
    package let maxWaiverDays: Int

    package static let defaultMaxWaiverDays = 90

    package init(file: String?, digest: String, secrets: SecretsGatePolicy?, waivers: [Waiver], maxWaiverDays: Int) {
        self.file = file
        self.digest = digest
        self.secrets = secrets
        self.waivers = waivers
        self.maxWaiverDays = maxWaiverDays
    }
}

/// The secrets gate's settings.
package struct SecretsGatePolicy: Sendable {
    /// Confidence levels that fail the gate.
    package var failOn: Set<FindingLevel> = [.medium, .high]
    package var maxFileSize = 10 << 20
    package var decodeDepth = 2
    /// Rule ids switched off.
    package var disabledRules: Set<String> = []
    /// gitleaks TOML rule files, relative to the policy file's folder.
    package var importRules: [String] = []
    package var allowlistPaths: [String] = []
    package var allowlistRegexes: [String] = []
    package var allowlistStopwords: [String] = []
    /// Per-rule allowlists: rule id → (paths, regexes, stopwords).
    package var ruleAllowlists: [String: RuleAllowlist] = [:]

    package init() {}

    package struct RuleAllowlist: Sendable {
        package var paths: [String] = []
        package var regexes: [String] = []
        package var stopwords: [String] = []
    }
}
