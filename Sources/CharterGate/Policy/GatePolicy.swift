import CharterCore

/// `charter.yml`: which gates run, what fails them, and the waivers in force (docs/policy.md).
package struct GatePolicy: Sendable {
    /// Where it was read from; nil when no file exists and defaults apply.
    package let file: String?
    /// `sha256:<hex>` of the file's bytes (of the empty string for defaults), recorded on verdicts.
    package let digest: String
    package let secrets: SecretsGatePolicy?
    /// Off unless `gates.deps` is configured: it needs an advisory database (`charter db import`).
    package let deps: DepsGatePolicy?
    /// Off unless `gates.images` is configured: it needs the approved base images.
    package let images: ImagesGatePolicy?
    package let waivers: [Waiver]
    /// The longest a waiver may run, from its creation to its expiry.
    package let maxWaiverDays: Int

    package static let defaultMaxWaiverDays = 90

    package init(file: String?, digest: String, secrets: SecretsGatePolicy?, deps: DepsGatePolicy? = nil, images: ImagesGatePolicy? = nil, waivers: [Waiver], maxWaiverDays: Int) {
        self.file = file
        self.digest = digest
        self.secrets = secrets
        self.deps = deps
        self.images = images
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

/// The dependency gate's settings.
package struct DepsGatePolicy: Sendable, Equatable {
    /// Severities that fail the gate (`fail-on: high` means high and critical).
    package var failOn: Set<FindingLevel> = [.high, .critical]
    /// How an advisory that states no severity is rated.
    package var unknownSeverity: FindingLevel = .high
    /// Whether a lockfile that cannot be read fails the gate (the default) or is only reported.
    package var failOnUnreadableLockfile = true
    /// An advisory database older than this many days makes the gate say so.
    package var maxDatabaseAgeDays = 7
    /// Days a vulnerability of each severity may stay open, from the ledger's first sighting.
    package var remediationDays: [FindingLevel: Int] = [:]

    package init() {}
}

/// The images gate's settings: the base-image policy for Dockerfiles and deploy manifests, and
/// which findings fail.
package struct ImagesGatePolicy: Sendable, Equatable {
    /// Severities that fail the gate (`fail-on: medium` means medium and above).
    package var failOn: Set<FindingLevel> = [.medium, .high, .critical]
    /// Approved base images as patterns (docs/images.md); nil leaves the approval check off.
    package var approvedBases: [String]?
    package var requireDigest = true
    package var allowLatest = false
    /// Rule ids switched off: Dockerfile (DF…), manifest (MF…) and built-image (IM…) rules.
    package var disabledRules: Set<String> = []
    /// Whether Kubernetes manifests and Compose files are checked too.
    package var manifests = true
    /// Approved base images by name, as their layers' diff ids (`sha256:…`, bottom first): a
    /// built image must start with one of them (`charter scan image`). Empty: not checked.
    package var approvedBaseLayers: [String: [String]] = [:]

    package init() {}
}
