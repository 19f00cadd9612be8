import CharterCore
import CharterGate
import Foundation
import Testing

/// How a gate judges findings: baseline first, then waivers in force, then the threshold; an
/// expired waiver never applies and is named in the result.
@Suite struct GateJudgeTests {
    typealias F = GateFixtures
    static let now = F.day("2026-02-01T12:00:00Z")

    static func judge(
        _ findings: [Finding], waivers: [Waiver] = [], failOn: Set<FindingLevel> = [.medium, .high],
        baseline: Set<String> = [], now: Date = now
    ) -> GateResult {
        GateJudge(waivers: waivers, failOn: failOn, baseline: Baseline(fingerprints: baseline), now: now)
            .judge(gate: "secrets", findings: findings)
    }

    // MARK: Threshold

    static let thresholds: [(Set<FindingLevel>, FindingLevel, JudgedFinding.Status)] = [
        ([.medium, .high], .low, .belowThreshold),
        ([.medium, .high], .medium, .failing),
        ([.medium, .high], .high, .failing),
        ([.high], .medium, .belowThreshold),
        ([.high], .high, .failing),
        ([.low, .medium, .high], .low, .failing),
        ([], .high, .belowThreshold),
    ]

    @Test(arguments: thresholds)
    func threshold(failOn: Set<FindingLevel>, level: FindingLevel, status: JudgedFinding.Status) throws {
        let result = Self.judge([F.finding(1, level: level)], failOn: failOn)
        let judged = try #require(result.findings.first)
        #expect(judged.status == status)
        #expect(judged.waiver == nil && judged.note == nil)
        #expect(result.passed == (status != .failing))
        #expect(result.reasons.isEmpty == (status != .failing))
        #expect(result.gate == "secrets")
    }

    @Test func noFindingsPass() {
        let result = Self.judge([])
        #expect(result.passed && result.findings.isEmpty && result.reasons.isEmpty && result.expiredWaivers.isEmpty)
        #expect(result.counts.total == 0)
    }

    // MARK: Waivers

    @Test func waiverInForceWaives() throws {
        let waiver = F.waiver("W-007", .fingerprint(F.fingerprint(1)), expires: "2026-03-31", approver: "carol@example.com")
        let result = Self.judge([F.finding(1), F.finding(2)], waivers: [waiver])
        try #require(result.findings.count == 2)
        let waived = result.findings[0]
        #expect(waived.status == .waived)
        #expect(waived.waiver == "W-007")
        let note = try #require(waived.note)
        #expect(note.contains("W-007") && note.contains("2026-03-31") && note.contains("carol@example.com"), "\(note)")
        #expect(result.findings[1].status == .failing, "a waiver by fingerprint covers that finding only")
        #expect(result.expiredWaivers.isEmpty)
        #expect(!result.passed)
    }

    @Test func waiverCoversOnlyItsFingerprint() {
        let waiver = F.waiver("W-001", .fingerprint(F.fingerprint(1)))
        #expect(waiver.covers(F.finding(1)))
        #expect(!waiver.covers(F.finding(2)))
        let result = Self.judge([F.finding(1)], waivers: [waiver])
        #expect(result.passed && result.counts.waived == 1)
    }

    /// `expires` is the last day the waiver applies (UTC); from the next midnight UTC it fails.
    @Test(arguments: [
        ("2026-03-30T12:00:00Z", false), ("2026-03-31T00:00:00Z", false), ("2026-03-31T23:59:59Z", false),
        ("2026-04-01T00:00:00Z", true), ("2026-04-01T00:00:01Z", true), ("2026-06-01T00:00:00Z", true),
        ("2026-03-31T23:30:00-02:00", true),
    ])
    func waiverExpiresTheDayAfter(time: String, expired: Bool) throws {
        let now = F.day(time)
        let waiver = F.waiver("W-003", .fingerprint(F.fingerprint(1)), expires: "2026-03-31", approver: "dana@example.com")
        #expect(waiver.isExpired(at: now) == expired)
        let result = Self.judge([F.finding(1)], waivers: [waiver], now: now)
        let judged = try #require(result.findings.first)
        #expect(judged.waiver == "W-003")
        if expired {
            #expect(judged.status == .failing)
            #expect(!result.passed)
            #expect(result.expiredWaivers == ["W-003"])
            #expect(judged.note?.contains("expired") == true)
            #expect(result.reasons.contains { $0.contains("W-003") && $0.contains("expired") && $0.contains("2026-03-31") }, "\(result.reasons)")
            #expect(result.reasons.first?.contains("high-confidence") == true, "the failing count comes first: \(result.reasons)")
        } else {
            #expect(judged.status == .waived)
            #expect(result.passed)
            #expect(result.expiredWaivers.isEmpty)
            #expect(result.reasons.isEmpty)
        }
    }

    @Test func expiredWaiverOnABelowThresholdFindingIsStillReported() throws {
        let waiver = F.waiver("W-004", .fingerprint(F.fingerprint(1)), expires: "2026-01-31")
        let result = Self.judge([F.finding(1, level: .low)], waivers: [waiver])
        let judged = try #require(result.findings.first)
        #expect(judged.status == .belowThreshold)
        #expect(result.passed)
        #expect(result.expiredWaivers == ["W-004"])
    }

    @Test func aWaiverInForceWinsOverAnExpiredOne() throws {
        let old = F.waiver("W-001", .fingerprint(F.fingerprint(1)), expires: "2026-01-15", created: "2025-12-01")
        let renewed = F.waiver("W-002", .rule("test-token", path: "src/**"), expires: "2026-04-15")
        let result = Self.judge([F.finding(1)], waivers: [old, renewed])
        let judged = try #require(result.findings.first)
        #expect(judged.status == .waived && judged.waiver == "W-002")
        #expect(result.expiredWaivers.isEmpty && result.reasons.isEmpty && result.passed)
    }

    @Test func oneExpiredWaiverOverManyFindingsIsListedOnce() {
        let waiver = F.waiver("W-009", .rule("*", path: "testdata/**"), expires: "2026-01-01", created: "2025-12-01")
        let findings = (1...3).map { F.finding($0, path: "testdata/f\($0).env") }
        let result = Self.judge(findings, waivers: [waiver])
        #expect(result.expiredWaivers == ["W-009"])
        #expect(result.reasons == ["3 high-confidence findings not waived", "waiver W-009 expired on 2026-01-01 and no longer applies"])
        #expect(result.counts.failing == 3)
    }

    struct GlobCase: Sendable, CustomTestStringConvertible {
        let rule: String
        let glob: String
        let findingRule: String
        let path: String
        let covered: Bool
        var testDescription: String { "\(rule) in \(glob) vs \(findingRule) at \(path)" }
    }

    @Test(arguments: [
        GlobCase(rule: "test-token", glob: "config/dev.env", findingRule: "test-token", path: "config/dev.env", covered: true),
        GlobCase(rule: "test-token", glob: "config/dev.env", findingRule: "test-token", path: "config/prod.env", covered: false),
        GlobCase(rule: "test-token", glob: "testdata/**", findingRule: "test-token", path: "testdata/a/b/c.json", covered: true),
        GlobCase(rule: "test-token", glob: "testdata/**", findingRule: "test-token", path: "src/testdata/c.json", covered: false),
        GlobCase(rule: "test-token", glob: "testdata/**", findingRule: "other-rule", path: "testdata/c.json", covered: false),
        GlobCase(rule: "test-token", glob: "docs/*.md", findingRule: "test-token", path: "docs/guide.md", covered: true),
        GlobCase(rule: "test-token", glob: "docs/*.md", findingRule: "test-token", path: "docs/deep/guide.md", covered: false),
        GlobCase(rule: "test-token", glob: "*.pem", findingRule: "test-token", path: "keys/deep/server.pem", covered: true),
        GlobCase(rule: "*", glob: "testdata/**", findingRule: "any-rule-at-all", path: "testdata/x.txt", covered: true),
        GlobCase(rule: "*", glob: "testdata/**", findingRule: "any-rule-at-all", path: "app/x.txt", covered: false),
        GlobCase(rule: "test-*", glob: "testdata/**", findingRule: "test-token", path: "testdata/x.txt", covered: false),
    ])
    func ruleAndPathWaivers(_ glob: GlobCase) throws {
        let waiver = F.waiver("W-010", .rule(glob.rule, path: glob.glob))
        let finding = F.finding(5, rule: glob.findingRule, path: glob.path)
        #expect(waiver.covers(finding) == glob.covered)
        let result = Self.judge([finding], waivers: [waiver])
        let judged = try #require(result.findings.first)
        #expect(judged.status == (glob.covered ? .waived : .failing))
        #expect(judged.waiver == (glob.covered ? "W-010" : nil))
    }

    // MARK: Baseline

    @Test func baselineByFingerprint() throws {
        let result = Self.judge([F.finding(1), F.finding(2)], baseline: [F.fingerprint(1)])
        #expect(result.findings.map(\.status) == [.baselined, .failing])
        #expect(result.findings[0].note == nil && result.findings[0].waiver == nil)
        #expect(!result.passed)
        #expect(Self.judge([F.finding(1)], baseline: [F.fingerprint(1)]).passed)
    }

    @Test func baselineByValueFingerprint() {
        let value = F.fingerprint(0x77)
        let moved = F.finding(1, rule: "other-rule", valueFingerprint: value)
        let unrelated = F.finding(2, valueFingerprint: F.fingerprint(0x78))
        let noValue = F.finding(3)
        let result = Self.judge([moved, unrelated, noValue], baseline: [value])
        #expect(result.findings.map(\.status) == [.baselined, .failing, .failing])
        #expect(Baseline(fingerprints: [value]).contains(moved))
        #expect(!Baseline(fingerprints: [value]).contains(noValue))
    }

    @Test func baselineComesBeforeWaivers() throws {
        let waiver = F.waiver("W-001", .fingerprint(F.fingerprint(1)))
        let result = Self.judge([F.finding(1)], waivers: [waiver], baseline: [F.fingerprint(1)])
        #expect(result.findings.first?.status == .baselined)
        #expect(result.findings.first?.waiver == nil)
    }

    // MARK: Counts and reasons

    @Test func countsReasonsAndPassed() {
        let findings = [
            F.finding(1, level: .high), F.finding(2, level: .high), F.finding(3, level: .medium),
            F.finding(4, level: .low), F.finding(5, level: .high), F.finding(6, level: .medium),
        ]
        let result = Self.judge(findings, waivers: [F.waiver("W-001", .fingerprint(F.fingerprint(5)))], baseline: [F.fingerprint(6)])
        #expect(result.findings.map(\.status) == [.failing, .failing, .failing, .belowThreshold, .waived, .baselined])
        let counts = result.counts
        #expect(counts.failing == 3 && counts.belowThreshold == 1 && counts.waived == 1 && counts.baselined == 1)
        #expect(counts.total == 6)
        #expect(!result.passed)
        #expect(result.reasons == ["2 high-confidence findings not waived", "1 medium-confidence finding not waived"])
        #expect(result.findings.map(\.finding) == findings, "every finding is kept, in order")
    }

    @Test func passesWhenEverythingIsHandled() {
        let findings = [F.finding(1, level: .high), F.finding(2, level: .low), F.finding(3, level: .medium)]
        let result = Self.judge(findings, waivers: [F.waiver("W-001", .fingerprint(F.fingerprint(1)))], baseline: [F.fingerprint(3)])
        #expect(result.passed)
        let counts = result.counts
        #expect(counts.failing == 0 && counts.belowThreshold == 1 && counts.waived == 1 && counts.baselined == 1)
        #expect(result.reasons.isEmpty)
    }
}
