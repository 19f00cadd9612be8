import CharterCore
import CharterGate
import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

/// Baselines: Charter's own file round-trips, a gitleaks JSON report matches the same secret in
/// the same file whatever the rule, and anything else is refused naming the path.
@Suite struct BaselineTests {
    typealias F = GateFixtures
    static let key = FingerprintKey(bytes: Array(repeating: 0x5a, count: 32))

    /// A rule for a made-up token format (`tok_` and 12 lowercase letters or digits).
    static let rule = SecretRule(
        id: "test-token", description: "A fake test token.", keywords: ["tok_"], pattern: #"\b(tok_[a-z0-9]{12})\b"#,
        confidence: .high, truePositives: [], falsePositives: [])

    static func scan(_ text: String, path: String) throws -> [Finding] {
        let scanner = SecretScanner(engine: try SecretEngine(rules: [rule]), key: key)
        return try scanner.scan(fragments: [ScanFragment(path: path, bytes: Array(text.utf8))])
    }

    // MARK: Charter baselines

    @Test func encodeThenLoadRoundTrips() throws {
        let findings = [F.finding(3, path: "b.env"), F.finding(1, path: "a.env"), F.finding(2, rule: "other", path: "c.env"), F.finding(1, path: "a.env")]
        let data = try Baseline.encode(findings)
        let folder = try TemporaryDirectory("charter-baseline")
        defer { folder.remove() }
        let path = folder.file("baseline.json")
        try data.write(to: URL(fileURLWithPath: path))
        let baseline = try Baseline.load(path, key: Self.key)
        #expect(baseline.fingerprints == [F.fingerprint(1), F.fingerprint(2), F.fingerprint(3)])
        for finding in findings { #expect(baseline.contains(finding)) }
        #expect(!baseline.contains(F.finding(4)))

        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("FAKE"), "a baseline holds no preview")
        #expect(text.hasSuffix("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["version"] as? Int == 1)
        let entries = try #require(object["findings"] as? [[String: Any]])
        #expect(entries.compactMap { $0["fingerprint"] as? String } == [F.fingerprint(1), F.fingerprint(2), F.fingerprint(3)], "sorted, one per fingerprint")
        #expect(entries.compactMap { $0["path"] as? String } == ["a.env", "c.env", "b.env"])
        #expect(entries.compactMap { $0["rule"] as? String } == ["test-token", "other", "test-token"])
    }

    @Test func encodingIsStable() throws {
        let findings = [F.finding(2), F.finding(1)]
        #expect(try Baseline.encode(findings) == Baseline.encode(findings.reversed()))
        let empty = try #require(try JSONSerialization.jsonObject(with: Baseline.encode([])) as? [String: Any])
        #expect(empty["version"] as? Int == 1 && (empty["findings"] as? [Any])?.isEmpty == true)
    }

    @Test func scannedFindingsRoundTripThroughABaseline() throws {
        let findings = try Self.scan("TOKEN=tok_abcdef123456\n", path: "config/app.env")
        try #require(findings.count == 1)
        let folder = try TemporaryDirectory("charter-baseline")
        defer { folder.remove() }
        try Baseline.encode(findings).write(to: URL(fileURLWithPath: folder.file("baseline.json")))
        let baseline = try Baseline.load(folder.file("baseline.json"), key: Self.key)
        #expect(baseline.contains(findings[0]))
        let result = GateJudge(waivers: [], failOn: [.high], baseline: baseline).judge(gate: "secrets", findings: findings)
        #expect(result.passed && result.counts.baselined == 1)
    }

    // MARK: gitleaks reports

    /// A gitleaks 8 JSON report entry with all its fields; the secret is a made-up token.
    static func gitleaksEntry(rule: String, file: String, secret: String) -> String {
        """
          {
            "RuleID": "\(rule)",
            "Description": "Generic API Key",
            "StartLine": 1,
            "EndLine": 1,
            "StartColumn": 7,
            "EndColumn": 22,
            "Match": "TOKEN=\(secret)",
            "Secret": "\(secret)",
            "File": "\(file)",
            "SymlinkFile": "",
            "Commit": "0123456789abcdef0123456789abcdef01234567",
            "Link": "",
            "Entropy": 3.875,
            "Author": "Dana Example",
            "Email": "dana@example.com",
            "Date": "2026-01-20T10:00:00Z",
            "Message": "add config",
            "Tags": [],
            "Fingerprint": "0123456789abcdef0123456789abcdef01234567:\(file):\(rule):1"
          }
        """
    }

    @Test func gitleaksReportMatchesByValueWhateverTheRule() throws {
        let report = "[\n" + [
            Self.gitleaksEntry(rule: "generic-api-key", file: "config/app.env", secret: "tok_abcdef123456"),
            Self.gitleaksEntry(rule: "generic-api-key", file: "other/file.env", secret: "tok_zyxwvu987654"),
        ].joined(separator: ",\n") + "\n]\n"
        let folder = try TemporaryDirectory("charter-baseline")
        defer { folder.remove() }
        let path = folder.file("gitleaks-report.json")
        try Data(report.utf8).write(to: URL(fileURLWithPath: path))
        let baseline = try Baseline.load(path, key: Self.key)
        #expect(baseline.fingerprints.count == 2)

        let findings = try Self.scan("# app settings\nTOKEN=tok_abcdef123456\nOTHER=tok_qqqqqq000000\n", path: "config/app.env")
            .sorted { $0.location.line < $1.location.line }
        try #require(findings.map(\.location.line) == [2, 3])
        #expect(findings[0].valueFingerprint == Self.key.fingerprint(rule: "", path: "config/app.env", secret: "tok_abcdef123456"))
        #expect(baseline.contains(findings[0]), "same secret in the same file, though gitleaks named another rule")
        #expect(!baseline.fingerprints.contains(findings[0].fingerprint), "it matched by value, not by Charter's rule fingerprint")
        #expect(!baseline.contains(findings[1]), "a secret gitleaks did not report")

        let moved = try Self.scan("TOKEN=tok_abcdef123456\n", path: "config/moved.env")
        #expect(!baseline.contains(try #require(moved.first)), "the same secret in another file is new")
        let otherKey = try Baseline.load(path, key: FingerprintKey(bytes: Array(repeating: 0x11, count: 32)))
        #expect(!otherKey.contains(findings[0]), "fingerprints are keyed: another install's key does not match")

        let result = GateJudge(waivers: [], failOn: [.high], baseline: baseline).judge(gate: "secrets", findings: findings)
        #expect(result.findings.map(\.status) == [.baselined, .failing])
    }

    @Test func emptyGitleaksReportIsAnEmptyBaseline() throws {
        let folder = try TemporaryDirectory("charter-baseline")
        defer { folder.remove() }
        try Data("[]\n".utf8).write(to: URL(fileURLWithPath: folder.file("report.json")))
        #expect(try Baseline.load(folder.file("report.json"), key: Self.key).fingerprints.isEmpty)
    }

    // MARK: Refusals

    @Test(arguments: [
        "this is not JSON", "", "{\"version\": 1}", "{\"version\": 1, \"findings\": [{\"fingerprint\": 3}]}",
        "[{\"RuleID\": \"generic-api-key\", \"File\": \"a.env\"}]", "[1, 2, 3]", "\"just a string\"", "{\"findings\": []",
    ])
    func garbageIsRefusedNamingThePath(contents: String) throws {
        let folder = try TemporaryDirectory("charter-baseline")
        defer { folder.remove() }
        let path = folder.file("my-baseline.json")
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: GateError.self) { try Baseline.load(path, key: Self.key) }
        #expect(error.code == .inputUnreadable)
        #expect(error.category == .input)
        #expect(error.message.contains(path), "\(error.message)")
    }

    @Test func missingFileIsRefusedNamingThePath() throws {
        let folder = try TemporaryDirectory("charter-baseline")
        defer { folder.remove() }
        let path = folder.file("absent.json")
        let error = try #require(throws: GateError.self) { try Baseline.load(path, key: Self.key) }
        #expect(error.code == .inputUnreadable)
        #expect(error.message.contains(path) && error.message.contains("--baseline-write"))
    }
}
