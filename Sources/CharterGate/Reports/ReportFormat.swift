/// Output formats for gate results; `--format` picks one, `--json` is `json`.
package enum ReportFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit
}

/// What a report says about a rule (SARIF lists rules with their descriptions).
package struct RuleDescriptor: Sendable, Equatable {
    package let id: String
    package let description: String
    package let gate: String
    /// A 0–10 score for code-scanning UIs (SARIF `security-severity`); nil takes the gate's default.
    package let securitySeverity: Double?

    package init(id: String, description: String, gate: String, securitySeverity: Double? = nil) {
        self.id = id
        self.description = description
        self.gate = gate
        self.securitySeverity = securitySeverity
    }
}

/// What a scan covered, for the summary line and the JSON report.
package struct ScanSummary: Sendable, Codable, Equatable {
    package var files = 0
    package var bytes = 0
    package var commits: Int?
    package var seconds = 0.0
    package var skippedIgnored = 0
    package var skippedLarge = 0
    package var skippedBinary = 0
    package var skippedSymlinks = 0

    package init() {}

    package var megabytesPerSecond: Double {
        seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0
    }
}
