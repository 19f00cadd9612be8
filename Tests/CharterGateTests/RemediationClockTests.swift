import CharterCore
import CharterDependencies
@testable import CharterGate
import Foundation
import Testing

@Suite struct RemediationClockTests {
    static let advisory = """
        {"id": "GHSA-crit", "modified": "2024-01-01T00:00:00Z",
         "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
         "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"}, "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.32.0"}]}]}]}
        """

    static func scan(version: String = "2.31.0", settings: DepsGatePolicy) throws -> (DepsGate, DepsGate.Scan) {
        let gate = DepsGate(settings: settings, advisories: [try OSVRecord.parse(Array(advisory.utf8), source: "GHSA-crit.json")])
        let inventory = DependencyInventory.Result(dependencies: [Dependency(.pypi, name: "requests", version: version, path: "requirements.txt", line: 1)],
                                                   lockfiles: ["requirements.txt"])
        return (gate, gate.scan(inventory))
    }

    static func entry(_ index: UInt64, _ kind: String, key: String, time: String) -> LedgerEntry {
        LedgerEntry(index: index, time: time, kind: EntryKind(rawValue: kind)!, actor: "ci", subject: "repo", reason: nil, payload: "{\"key\":\"\(key)\"}")
    }

    static let key = "GHSA-crit|requirements.txt|requests"

    @Test func firstSightingsAndFixesComeFromTheLedger() throws {
        let (_, scan) = try Self.scan(settings: DepsGatePolicy())
        let fresh = RemediationClock(entries: [])
        let drafts = try fresh.drafts(for: scan.findings, actor: "ci", repository: "repo")
        #expect(drafts.map(\.kind.rawValue) == ["deps.first-seen"])
        #expect(drafts.first?.payload.contains(Self.key) == true)

        let seen = RemediationClock(entries: [Self.entry(1, "deps.first-seen", key: Self.key, time: "2026-01-01T00:00:00.000Z")])
        #expect(try seen.drafts(for: scan.findings, actor: "ci", repository: "repo").isEmpty, "already open: no new sighting")
        let (_, fixedScan) = try Self.scan(version: "2.32.0", settings: DepsGatePolicy())
        #expect(try seen.drafts(for: fixedScan.findings, actor: "ci", repository: "repo").map(\.kind.rawValue) == ["deps.fixed"])

        let reopened = RemediationClock(entries: [
            Self.entry(1, "deps.first-seen", key: Self.key, time: "2026-01-01T00:00:00.000Z"),
            Self.entry(2, "deps.fixed", key: Self.key, time: "2026-02-01T00:00:00.000Z"),
        ])
        #expect(reopened.openSince.isEmpty)
    }

    /// A vulnerability open longer than its severity's deadline fails the gate, below the
    /// threshold or not; a waiver still covers it.
    @Test func pastTheDeadlineFails() throws {
        var settings = DepsGatePolicy()
        settings.failOn = []
        settings.remediationDays = [.critical: 7]
        let (gate, scan) = try Self.scan(settings: settings)
        let now = RFC3339.parse("2026-01-20T00:00:00.000Z")!
        let old = RemediationClock(entries: [Self.entry(1, "deps.first-seen", key: Self.key, time: "2026-01-01T00:00:00.000Z")])
        let late = gate.judge(scan, waivers: [], now: now, databaseUpdated: now, clock: old)
        #expect(!late.passed)
        #expect(late.reasons.contains { $0.contains("past the remediation deadline") && $0.contains("open 19 days, critical allows 7") })
        let recent = RemediationClock(entries: [Self.entry(1, "deps.first-seen", key: Self.key, time: "2026-01-15T00:00:00.000Z")])
        #expect(gate.judge(scan, waivers: [], now: now, databaseUpdated: now, clock: recent).passed)
    }
}
