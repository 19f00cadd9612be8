import CharterCore
import CharterGate
import CharterTestSupport
import Foundation
import Testing

/// `charter.yml`: every setting read, the defaults when there is no file, and every refusal
/// naming the file, the line and the dotted field so a user can find the mistake.
@Suite struct PolicyLoaderTests {
    static let today = GateFixtures.day("2026-02-01")

    /// Uses every setting; W-002 has no `created`, so its length is measured from `today`.
    static let fullPolicy = """
        # Charter policy for the gate tests.
        version: 1

        gates:
          secrets:
            fail-on: [medium, high]
            max-file-size: 5MiB
            decode-depth: 3
            disable-rules: [test-generic]
            import-rules:
              - rules/gitleaks.toml
            allowlist:
              paths: ["testdata/**", "docs/*.md"]
              regexes: ["FAKE[0-9]+"]
              stopwords: [dummy, placeholder]
            rule-allowlists:
              test-token:
                paths: ["fixtures/**"]
                stopwords: [sample]

        waiver-policy:
          max-days: 120

        waivers:
          - id: W-001
            fingerprint: \(GateFixtures.fingerprint(0xab))
            reason: "Fixture value: rotated, kept for a parser test"
            approver: bob@example.com
            created: 2026-01-10
            expires: 2026-03-31
          - id: W-002
            rule: test-token
            path: testdata/**
            reason: Fixtures
            approver: carol@example.com
            expires: 2026-04-30

        """

    @Test func readsEverySetting() throws {
        let folder = try GateFixtures.policyFolder(Self.fullPolicy)
        defer { folder.remove() }
        let policy = try PolicyLoader.load(root: folder.path, today: Self.today)
        #expect(policy.file == folder.file("charter.yml"))
        #expect(policy.maxWaiverDays == 120)
        let secrets = try #require(policy.secrets)
        #expect(secrets.failOn == [.medium, .high])
        #expect(secrets.maxFileSize == 5 * 1024 * 1024)
        #expect(secrets.decodeDepth == 3)
        #expect(secrets.disabledRules == ["test-generic"])
        #expect(secrets.importRules == ["rules/gitleaks.toml"])
        #expect(secrets.allowlistPaths == ["testdata/**", "docs/*.md"])
        #expect(secrets.allowlistRegexes == ["FAKE[0-9]+"])
        #expect(secrets.allowlistStopwords == ["dummy", "placeholder"])
        #expect(Array(secrets.ruleAllowlists.keys) == ["test-token"])
        #expect(secrets.ruleAllowlists["test-token"]?.paths == ["fixtures/**"])
        #expect(secrets.ruleAllowlists["test-token"]?.regexes == [])
        #expect(secrets.ruleAllowlists["test-token"]?.stopwords == ["sample"])

        try #require(policy.waivers.count == 2)
        let byFingerprint = policy.waivers[0]
        #expect(byFingerprint.id == "W-001")
        #expect(byFingerprint.scope == .fingerprint(GateFixtures.fingerprint(0xab)))
        #expect(byFingerprint.reason == "Fixture value: rotated, kept for a parser test")
        #expect(byFingerprint.approver == "bob@example.com")
        #expect(byFingerprint.created == GateFixtures.day("2026-01-10"))
        #expect(byFingerprint.expires == GateFixtures.day("2026-03-31"))
        #expect(byFingerprint.expiresDay == "2026-03-31")
        #expect(byFingerprint.line == 25)
        let byRule = policy.waivers[1]
        #expect(byRule.id == "W-002")
        #expect(byRule.scope == .rule("test-token", path: "testdata/**"))
        #expect(byRule.approver == "carol@example.com")
        #expect(byRule.created == nil)
        #expect(byRule.expiresDay == "2026-04-30")
        #expect(byRule.line == 31)
    }

    @Test func noFileMeansDefaults() throws {
        let folder = try GateFixtures.policyFolder(nil)
        defer { folder.remove() }
        let policy = try PolicyLoader.load(root: folder.path, today: Self.today)
        #expect(policy.file == nil)
        #expect(policy.digest == "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(policy.waivers.isEmpty)
        #expect(policy.maxWaiverDays == 90)
        let secrets = try #require(policy.secrets, "the secrets gate runs by default")
        #expect(secrets.failOn == [.medium, .high])
        #expect(secrets.maxFileSize == 10 * 1024 * 1024)
        #expect(secrets.decodeDepth == 2)
        #expect(secrets.disabledRules.isEmpty && secrets.importRules.isEmpty && secrets.ruleAllowlists.isEmpty)
        #expect(secrets.allowlistPaths.isEmpty && secrets.allowlistRegexes.isEmpty && secrets.allowlistStopwords.isEmpty)
    }

    static let thresholds: [(String, Set<FindingLevel>)] = [
        ("deps: true", [.high, .critical]), ("deps:\n    fail-on: medium", [.medium, .high, .critical]),
        ("deps:\n    fail-on: [critical]", [.critical]), ("deps:\n    fail-on: low", Set(FindingLevel.allCases)),
    ]

    @Test(arguments: thresholds)
    func dependencyGateThresholds(setting: String, failOn: Set<FindingLevel>) throws {
        let policy = try PolicyLoader.parse(Data("version: 1\ngates:\n  \(setting)\n".utf8), file: "charter.yml", today: Self.today)
        #expect(try #require(policy.deps).failOn == failOn)
        #expect(policy.secrets != nil, "listing deps leaves the secrets gate on")
    }

    @Test func theDependencyGateIsOffUnlessListed() throws {
        #expect(try PolicyLoader.parse(Data("version: 1\n".utf8), file: "charter.yml", today: Self.today).deps == nil)
        let settings = try #require(try PolicyLoader.parse(Data("gates:\n  deps:\n    unknown-severity: critical\n    unreadable-lockfile: report\n    max-database-age-days: 30\n".utf8),
                                                             file: "charter.yml", today: Self.today).deps)
        #expect(settings.unknownSeverity == .critical)
        #expect(!settings.failOnUnreadableLockfile)
        #expect(settings.maxDatabaseAgeDays == 30)
    }

    /// Only an explicit switch turns the gate off; an empty or trimmed `gates:` keeps it.
    @Test(arguments: ["version: 1\ngates:\n", "version: 1\ngates: {}\n", "version: 1\n"])
    func secretsGateRunsUnlessSwitchedOff(text: String) throws {
        let policy = try PolicyLoader.parse(Data(text.utf8), file: "charter.yml", today: Self.today)
        let secrets = try #require(policy.secrets)
        #expect(secrets.failOn == SecretsGatePolicy().failOn)
    }

    @Test(arguments: [
        ("secrets: false", false), ("secrets: true", true),
        ("secrets:\n    enabled: false", false), ("secrets:\n    enabled: true\n    decode-depth: 1", true),
    ])
    func secretsGateSwitch(setting: String, enabled: Bool) throws {
        let policy = try PolicyLoader.parse(Data("version: 1\ngates:\n  \(setting)\n".utf8), file: "charter.yml", today: Self.today)
        #expect((policy.secrets != nil) == enabled)
    }

    @Test(arguments: [
        ("5MiB", 5 << 20), ("512KiB", 512 << 10), ("2 GiB", 2 << 30), ("512KB", 512_000), ("3MB", 3_000_000),
        ("1GB", 1_000_000_000), ("64B", 64), ("1048576", 1_048_576),
    ])
    func maxFileSizeUnits(written: String, bytes: Int) throws {
        let text = "gates:\n  secrets:\n    max-file-size: \(written)\n"
        let policy = try PolicyLoader.parse(Data(text.utf8), file: "charter.yml", today: Self.today)
        #expect(policy.secrets?.maxFileSize == bytes)
    }

    // MARK: Refusals

    struct BadPolicy: Sendable, CustomTestStringConvertible {
        let label: String
        let text: String
        /// The line the message must point at.
        let line: Int
        /// The dotted field the message must name (nil for YAML syntax errors).
        let field: String?
        /// Something else the message must say.
        let says: String
        var testDescription: String { label }
    }

    static let waiverTail = "    reason: fixtures\n    approver: bob@example.com\n    expires: 2026-03-31\n"

    static let badPolicies: [BadPolicy] = [
        BadPolicy(label: "typo fail_on", text: "version: 1\ngates:\n  secrets:\n    fail_on: [high]\n",
                  line: 4, field: "gates.secrets", says: "fail_on"),
        BadPolicy(label: "top-level typo", text: "version: 1\n\nwaiver:\n  - id: W-001\n",
                  line: 3, field: nil, says: "unknown key \"waiver\""),
        BadPolicy(label: "fail-on critical", text: "version: 1\ngates:\n  secrets:\n    fail-on:\n      - high\n      - critical\n",
                  line: 6, field: "gates.secrets.fail-on[1]", says: "low, medium, high"),
        BadPolicy(label: "fail-on not a list", text: "gates:\n  secrets:\n    fail-on: high\n",
                  line: 3, field: "gates.secrets.fail-on", says: "list"),
        BadPolicy(label: "bad size", text: "version: 1\ngates:\n  secrets:\n    decode-depth: 1\n    max-file-size: 5 parsecs\n",
                  line: 5, field: "gates.secrets.max-file-size", says: "10MiB"),
        BadPolicy(label: "zero size", text: "gates:\n  secrets:\n    max-file-size: 0\n",
                  line: 3, field: "gates.secrets.max-file-size", says: "size"),
        BadPolicy(label: "decode-depth 9", text: "gates:\n  secrets:\n    decode-depth: 9\n",
                  line: 3, field: "gates.secrets.decode-depth", says: "between 0 and 4"),
        BadPolicy(label: "version 2", text: "# a newer policy\nversion: 2\n",
                  line: 2, field: "version", says: "version 1"),
        BadPolicy(label: "max-days 0", text: "version: 1\nwaiver-policy:\n  max-days: 0\n",
                  line: 3, field: "waiver-policy.max-days", says: "at least 1"),
        BadPolicy(label: "rule allowlist typo", text: "gates:\n  secrets:\n    rule-allowlists:\n      test-token:\n        path: [a]\n",
                  line: 5, field: "gates.secrets.rule-allowlists.test-token", says: "\"path\""),
        BadPolicy(label: "waiver without expires",
                  text: "version: 1\nwaivers:\n  - id: W-001\n    rule: test-token\n    path: testdata/**\n    reason: fixtures\n    approver: bob@example.com\n",
                  line: 3, field: "waivers[0]", says: "expires"),
        BadPolicy(label: "waiver without reason",
                  text: "version: 1\nwaivers:\n  - id: W-001\n    rule: test-token\n    path: a.env\n" + waiverTail
                      + "  - id: W-002\n    rule: test-token\n    path: b.env\n    approver: bob@example.com\n    expires: 2026-03-31\n",
                  line: 9, field: "waivers[1]", says: "reason"),
        BadPolicy(label: "waiver without approver",
                  text: "waivers:\n  - id: W-001\n    rule: test-token\n    path: a.env\n    reason: fixtures\n    expires: 2026-03-31\n",
                  line: 2, field: "waivers[0]", says: "approver"),
        BadPolicy(label: "waiver with empty reason",
                  text: "waivers:\n  - id: W-001\n    rule: test-token\n    path: a.env\n    reason: \"  \"\n    approver: bob\n    expires: 2026-03-31\n",
                  line: 5, field: "waivers[0].reason", says: "empty"),
        BadPolicy(label: "waiver with fingerprint and rule",
                  text: "waivers:\n  - id: W-001\n    fingerprint: \(GateFixtures.fingerprint(1))\n    rule: test-token\n" + waiverTail,
                  line: 2, field: "waivers[0]", says: "not both"),
        BadPolicy(label: "waiver without scope", text: "waivers:\n  - id: W-001\n" + waiverTail,
                  line: 2, field: "waivers[0]", says: "scope"),
        BadPolicy(label: "short fingerprint", text: "waivers:\n  - id: W-001\n    fingerprint: hmac-sha256:abcdef\n" + waiverTail,
                  line: 3, field: "waivers[0].fingerprint", says: "hmac-sha256:<64 hex>"),
        BadPolicy(label: "fingerprint with another prefix",
                  text: "waivers:\n  - id: W-001\n    fingerprint: sha256:\(String(repeating: "ab", count: 34))\n" + waiverTail,
                  line: 3, field: "waivers[0].fingerprint", says: "hmac-sha256:<64 hex>"),
        BadPolicy(label: "fingerprint that is not hex",
                  text: "waivers:\n  - id: W-001\n    fingerprint: hmac-sha256:\(String(repeating: "zz", count: 32))\n" + waiverTail,
                  line: 3, field: "waivers[0].fingerprint", says: "hmac-sha256:<64 hex>"),
        BadPolicy(label: "bad expiry date", text: "waivers:\n  - id: W-001\n    rule: r\n    path: p\n    reason: x\n    approver: y\n    expires: next week\n",
                  line: 7, field: "waivers[0].expires", says: "2026-12-31"),
        BadPolicy(label: "duplicate waiver ids",
                  text: "version: 1\nwaivers:\n  - id: W-001\n    rule: test-token\n    path: a.env\n" + waiverTail
                      + "  - id: W-001\n    rule: test-token\n    path: b.env\n" + waiverTail,
                  line: 9, field: "waivers[1]", says: "W-001"),
        BadPolicy(label: "waiver longer than max-days",
                  text: "version: 1\nwaiver-policy:\n  max-days: 30\nwaivers:\n  - id: W-001\n    rule: test-token\n    path: a.env\n"
                      + "    reason: fixtures\n    approver: bob@example.com\n    created: 2026-01-01\n    expires: 2026-03-01\n",
                  line: 5, field: "waivers[0]", says: "at most 30"),
        BadPolicy(label: "invalid YAML", text: "version: 1\ngates:\n  secrets: fail-on: high\n",
                  line: 3, field: nil, says: "YAML"),
    ]

    @Test(arguments: badPolicies)
    func refusesWithFileLineAndField(bad: BadPolicy) throws {
        let folder = try GateFixtures.policyFolder(bad.text)
        defer { folder.remove() }
        let error = try #require(throws: GateError.self) {
            try PolicyLoader.load(root: folder.path, today: Self.today)
        }
        let message = error.message
        #expect(error.code == .policyInvalid)
        #expect(message.contains(folder.file("charter.yml")), "names the file: \(message)")
        if bad.field == nil && bad.says == "YAML" {
            // The YAML library reports `line:column`; either that or `charter.yml:line` is fine.
            #expect(message.contains("charter.yml:\(bad.line):") || message.contains(" \(bad.line):"), "names line \(bad.line): \(message)")
        } else {
            #expect(message.contains("charter.yml:\(bad.line):"), "names line \(bad.line): \(message)")
        }
        if let field = bad.field {
            #expect(message.contains(" \(field):") || message.contains(" \(field) "), "names the field \(field): \(message)")
        }
        #expect(message.contains(bad.says), "says \(bad.says): \(message)")
    }

    @Test func waiverLengthIsMeasuredFromCreatedNotToday() throws {
        // 150 days from created: refused under the default 90 even though it ends 30 days after `today`.
        let text = "waivers:\n  - id: W-001\n    rule: r\n    path: p\n    reason: x\n    approver: y\n    created: 2025-10-04\n    expires: 2026-03-03\n"
        #expect(throws: GateError.self) { try PolicyLoader.parse(Data(text.utf8), file: "charter.yml", today: Self.today) }
        // Without `created`, the same expiry is 30 days from today: accepted.
        let fromToday = text.replacingOccurrences(of: "    created: 2025-10-04\n", with: "")
        #expect(try PolicyLoader.parse(Data(fromToday.utf8), file: "charter.yml", today: Self.today).waivers.count == 1)
        // Exactly max-days long is allowed.
        let exact = "waiver-policy:\n  max-days: 59\n" + text.replacingOccurrences(of: "2025-10-04", with: "2026-01-03")
        #expect(try PolicyLoader.parse(Data(exact.utf8), file: "charter.yml", today: Self.today).waivers.count == 1)
    }

    /// Bad input never crashes: a size whose byte count overflows `Int` is a policy error.
    @Test func oversizedSizeIsAnErrorNotACrash() async {
        await #expect(processExitsWith: .success) {
            let text = "gates:\n  secrets:\n    max-file-size: 99999999999GiB\n"
            do {
                _ = try PolicyLoader.parse(Data(text.utf8), file: "charter.yml")
            } catch let error as GateError where error.message.contains("gates.secrets.max-file-size") {
                return
            }
            exit(3)
        }
    }

    // MARK: Digest

    @Test func digestIsSHA256OfTheBytes() throws {
        // Independently computed: printf 'version: 1\n' | sha256sum
        let text = "version: 1\n"
        let folder = try GateFixtures.policyFolder(text)
        defer { folder.remove() }
        let first = try PolicyLoader.load(root: folder.path, today: Self.today)
        #expect(first.digest == "sha256:" + Self.sha256OfVersionOne)
        try Data("version: 1\n# reviewed\n".utf8).write(to: URL(fileURLWithPath: folder.file("charter.yml")))
        let second = try PolicyLoader.load(root: folder.path, today: Self.today)
        #expect(second.digest != first.digest, "a comment changes the bytes, so the digest")
        #expect(second.digest.hasPrefix("sha256:") && second.digest.count == 71)
        #expect(try PolicyLoader.parse(Data(text.utf8), file: "other.yml").digest == first.digest, "the digest depends on the bytes only")
    }

    static let sha256OfVersionOne = "09bfcc6a14b83e2192b8673677725c84883ee9cd0c70e45c9ec09daa8f2b2847"
}
