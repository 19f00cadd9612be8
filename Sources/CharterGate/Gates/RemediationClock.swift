import CharterCore
import Foundation

/// When the ledger first saw each vulnerability still open in a repository, folded from its
/// `deps.first-seen` and `deps.fixed` entries, so time-to-remediate is measured, not guessed. A
/// vulnerability is one advisory in one package of one lockfile: a version bump that is still
/// affected keeps its clock running.
package struct RemediationClock: Sendable {
    /// Open vulnerability key → when it was first seen (RFC 3339).
    package private(set) var openSince: [String: String] = [:]

    package static let firstSeenKind = "deps.first-seen"
    package static let fixedKind = "deps.fixed"

    package init(entries: [LedgerEntry]) {
        for entry in entries.sorted(by: { $0.index < $1.index }) {
            guard let payload = try? JSONParser.parse(Array(entry.payload.utf8), options: .lenient), let key = payload["key"]?.stringValue else { continue }
            switch entry.kind.rawValue {
            case Self.firstSeenKind: if openSince[key] == nil { openSince[key] = entry.time }
            case Self.fixedKind: openSince[key] = nil
            default: break
            }
        }
    }

    /// `GHSA-…|requirements.txt|django`: the advisory, the lockfile and the package, not the version.
    package static func key(_ finding: Finding) -> String {
        let name = finding.preview.split(separator: "@", omittingEmptySubsequences: false).dropLast().joined(separator: "@")
        return [finding.ruleID, finding.location.path, name.isEmpty ? finding.preview : name].joined(separator: "|")
    }

    /// When the ledger first saw `finding` (RFC 3339); nil for one no recorded run has seen.
    package func firstSeen(_ finding: Finding) -> String? {
        openSince[Self.key(finding)]
    }

    /// Days since `finding` was first seen; 0 for one this run sees for the first time.
    package func age(of finding: Finding, now: Date) -> Int {
        guard let since = firstSeen(finding), let date = RFC3339.parse(since) else { return 0 }
        return max(0, Int(now.timeIntervalSince(date) / 86_400))
    }

    /// The entries that bring the ledger up to date with `findings`: first sightings, and fixes
    /// of what it holds open that is no longer found.
    package func drafts(for findings: [Finding], actor: String, repository: String) throws -> [EntryDraft] {
        var drafts: [EntryDraft] = []
        var current: [String: Finding] = [:]
        for finding in findings { current[Self.key(finding)] = current[Self.key(finding)] ?? finding }
        for (key, finding) in current.sorted(by: { $0.key < $1.key }) where openSince[key] == nil {
            drafts.append(try EntryDraft(kind: EntryKind(validating: Self.firstSeenKind), actor: actor, subject: repository, payload: .object([
                "key": .string(key), "vulnerability": .string(finding.ruleID), "package": .string(finding.preview),
                "path": .string(finding.location.path), "severity": .string(finding.level.rawValue), "fingerprint": .string(finding.fingerprint),
            ])))
        }
        for key in openSince.keys.sorted() where current[key] == nil {
            drafts.append(try EntryDraft(kind: EntryKind(validating: Self.fixedKind), actor: actor, subject: repository, payload: .object([
                "key": .string(key), "firstSeen": .string(openSince[key]!),
            ])))
        }
        return drafts
    }
}
