/// One thing a scanner found that a gate may fail on. Carries no secret: only a keyed
/// fingerprint and a redacted preview, so it can be printed, reported and recorded in the ledger.
package struct Finding: Sendable, Codable, Equatable {
    /// The gate that judges it: `secrets`, later `dependencies` and `images`.
    package let gate: String
    package let ruleID: String
    package let title: String
    package let level: FindingLevel
    package let location: SourceLocation
    /// `hmac-sha256:<hex>`: stable for the same rule, path and value under one install's key.
    package let fingerprint: String
    /// `hmac-sha256:<hex>` of path and value alone, whatever the rule: matches findings from
    /// another tool's report (a gitleaks baseline) whose rule ids differ from ours.
    package let valueFingerprint: String?
    /// A redaction such as `ghp_…(40 chars)`, never more than the first four characters.
    package let preview: String
    /// Extra facts worth showing (`checksum verified`, `decoded from base64`).
    package let notes: [String]

    package init(gate: String, ruleID: String, title: String, level: FindingLevel, location: SourceLocation, fingerprint: String, valueFingerprint: String? = nil, preview: String, notes: [String] = []) {
        self.gate = gate
        self.ruleID = ruleID
        self.title = title
        self.level = level
        self.location = location
        self.fingerprint = fingerprint
        self.valueFingerprint = valueFingerprint
        self.preview = preview
        self.notes = notes
    }
}

/// How serious a finding is. Secret rules rate confidence (low, medium, high); vulnerability
/// gates rate severity and may also use `critical`.
package enum FindingLevel: String, Sendable, Codable, CaseIterable, Comparable {
    case low, medium, high, critical

    private var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}

/// Where a finding is: a path relative to the scanned root (or `-` for standard input), 1-based
/// line and column, and for history scans the commit that added it.
package struct SourceLocation: Sendable, Codable, Equatable {
    package let path: String
    package let line: Int
    package let column: Int
    package let commit: CommitInfo?

    package init(path: String, line: Int, column: Int, commit: CommitInfo? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.commit = commit
    }
}

package struct CommitInfo: Sendable, Codable, Equatable {
    package let id: String
    package let author: String
    package let date: String

    package init(id: String, author: String, date: String) {
        self.id = id
        self.author = author
        self.date = date
    }
}
