import CharterCore
import CharterSecrets
import Foundation

/// Findings already known when a baseline was written: only findings not in it count. Reads
/// Charter's own baseline files and gitleaks JSON reports (for teams migrating: matched by file and
/// secret whatever the rule, re-fingerprinted under this install's key).
package struct Baseline: Sendable {
    package let fingerprints: Set<String>

    package func contains(_ finding: Finding) -> Bool {
        fingerprints.contains(finding.fingerprint) || finding.valueFingerprint.map(fingerprints.contains) == true
    }

    package init(fingerprints: Set<String>) {
        self.fingerprints = fingerprints
    }

    /// What `--baseline-write` writes: sorted fingerprints with their rule and path, no secrets.
    package static func encode(_ findings: [Finding]) throws -> Data {
        let entries = findings.map { BaselineEntry(fingerprint: $0.fingerprint, rule: $0.ruleID, path: $0.location.path) }
        let unique = Dictionary(entries.map { ($0.fingerprint, $0) }, uniquingKeysWith: { first, _ in first }).values.sorted { $0.fingerprint < $1.fingerprint }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(BaselineFile(version: 1, findings: unique)) + Data("\n".utf8)
    }

    package static func load(_ path: String, key: FingerprintKey) throws -> Baseline {
        try load(path, key: { key })
    }

    /// `key` is asked for only when the file is a gitleaks report, whose secrets it fingerprints.
    package static func load(_ path: String, key: () throws -> FingerprintKey) throws -> Baseline {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw GateError(.inputUnreadable, "\(path): baseline cannot be read; write one with --baseline-write \(path)")
        }
        if let file = try? JSONDecoder().decode(BaselineFile.self, from: data) {
            return Baseline(fingerprints: Set(file.findings.map(\.fingerprint)))
        }
        if let report = try? JSONDecoder().decode([GitleaksFinding].self, from: data) {
            let key = try key()
            return Baseline(fingerprints: Set(report.map { key.fingerprint(rule: "", path: $0.File, secret: $0.Secret) }))
        }
        throw GateError(.inputUnreadable, "\(path): neither a Charter baseline ({\"version\": 1, \"findings\": [...]}) nor a gitleaks JSON report")
    }

    private struct BaselineFile: Codable {
        let version: Int
        let findings: [BaselineEntry]
    }

    private struct BaselineEntry: Codable {
        let fingerprint: String
        let rule: String
        let path: String
    }

    /// The fields of a gitleaks report entry a baseline needs.
    private struct GitleaksFinding: Decodable {
        let RuleID: String
        let File: String
        let Secret: String
    }
}
