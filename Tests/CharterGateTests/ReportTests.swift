import CharterCore
import CharterGate
import CharterTestSupport
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The report formats: SARIF and JUnit checked against their official schemas, text and JUnit
/// against golden files, and the ledger payload checked for what it must and must not hold.
/// Regenerate the golden files with `CHARTER_UPDATE_GOLDEN=1 swift test --filter ReportTests`.
@Suite struct ReportTests {
    typealias F = GateFixtures

    /// One finding of each status (failing, waived, below threshold, baselined, failing past an
    /// expired waiver), and a gate that found nothing.
    static let findings: [Finding] = [
        F.finding(1, rule: "test-token", path: "src/app.env", line: 3, column: 7, level: .high),
        F.finding(2, rule: "test-token", path: "src/app.env", line: 9, column: 1, level: .medium, notes: ["decoded from base64"]),
        F.finding(3, rule: "test-password", path: "docs/my notes.md", line: 12, column: 5, level: .low),
        F.finding(4, rule: "test-token", path: "testdata/old.env", line: 1, column: 1, level: .high,
                  commit: CommitInfo(id: "0123456789abcdef0123456789abcdef01234567", author: "Dana Example", date: "2026-01-20T10:00:00Z")),
        Finding(
            gate: "secrets", ruleID: "test-key", title: "Key <fake> & \"quoted\" 'x'\u{01}", level: .high,
            location: CharterCore.SourceLocation(path: "config/a&b.xml", line: 40, column: 2),
            fingerprint: F.fingerprint(5), preview: "FAKE5<…>(20 chars)"),
    ]

    static let waivers = [
        F.waiver("W-001", .fingerprint(F.fingerprint(2)), expires: "2026-03-31", approver: "bob@example.com"),
        F.waiver("W-002", .rule("test-key", path: "config/**"), expires: "2026-01-31", created: "2026-01-01"),
    ]

    static let results: [GateResult] = [
        GateJudge(waivers: waivers, failOn: [.medium, .high], baseline: Baseline(fingerprints: [F.fingerprint(4)]), now: F.day("2026-02-01T12:00:00Z"))
            .judge(gate: "secrets", findings: findings),
        GateJudge(waivers: [], failOn: [.high]).judge(gate: "dependencies", findings: []),
    ]

    static let rules = [RuleDescriptor(id: "test-token", description: "A fake test token", gate: "secrets")]

    @Test func fixtureCoversEveryStatus() {
        #expect(Self.results[0].findings.map(\.status) == [.failing, .waived, .belowThreshold, .baselined, .failing])
        #expect(Self.results[0].expiredWaivers == ["W-002"])
        #expect(!Self.results[0].passed && Self.results[1].passed)
    }

    // MARK: SARIF

    static func sarif() throws -> (data: Data, document: [String: Any]) {
        let data = try SARIFReport(toolVersion: "0.3.0").render(results, rules: rules)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (data, document)
    }

    @Test func sarifListsFiredRulesWithConsistentIndexes() throws {
        let document = try Self.sarif().document
        #expect(document["version"] as? String == "2.1.0")
        let runs = try #require(document["runs"] as? [[String: Any]])
        try #require(runs.count == 1)
        let driver = try #require((runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "Charter" && driver["version"] as? String == "0.3.0")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        let ruleIDs = rules.compactMap { $0["id"] as? String }
        #expect(ruleIDs == ["test-key", "test-password", "test-token"], "exactly the rules that fired")
        let tokenRule = try #require(rules.first { $0["id"] as? String == "test-token" })
        #expect((tokenRule["shortDescription"] as? [String: Any])?["text"] as? String == "A fake test token")
        #expect(tokenRule["name"] as? String == "TestToken")

        let results = try #require(runs[0]["results"] as? [[String: Any]])
        try #require(results.count == Self.findings.count)
        for (result, finding) in zip(results, Self.findings) {
            let ruleID = try #require(result["ruleId"] as? String)
            #expect(ruleID == finding.ruleID)
            let index = try #require(result["ruleIndex"] as? Int)
            try #require(rules.indices.contains(index), "ruleIndex \(index) is out of range")
            #expect(rules[index]["id"] as? String == ruleID, "ruleIndex points at the result's rule")
            let partial = result["partialFingerprints"] as? [String: Any]
            #expect(partial?["charterFingerprint/v1"] as? String == finding.fingerprint)
        }
    }

    @Test func sarifSuppressesWaivedAndBaselinedResults() throws {
        let results = try #require(((try Self.sarif().document["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        let judged = Self.results[0].findings
        try #require(results.count == judged.count)
        for (result, item) in zip(results, judged) {
            let suppressions = result["suppressions"] as? [[String: Any]]
            let status = (result["properties"] as? [String: Any])?["status"] as? String
            #expect(status == item.status.rawValue)
            switch item.status {
            case .waived, .baselined:
                let suppression = try #require(suppressions?.first, "\(item.status) results carry a suppression")
                #expect(suppression["kind"] as? String == "external")
                #expect(result["level"] as? String == "note")
            case .failing, .belowThreshold:
                #expect(suppressions == nil, "\(item.status) results are not suppressed")
                #expect(result["level"] as? String == (item.status == .failing ? "error" : "warning"))
            }
        }
        let waived = (results[1]["suppressions"] as? [[String: Any]])?.first?["justification"] as? String
        #expect(waived?.contains("W-001") == true)
    }

    @Test func sarifLocationsAndCommits() throws {
        let results = try #require(((try Self.sarif().document["runs"] as? [[String: Any]])?.first)?["results"] as? [[String: Any]])
        func physical(_ index: Int) -> [String: Any]? {
            ((results[index]["locations"] as? [[String: Any]])?.first)?["physicalLocation"] as? [String: Any]
        }
        #expect((physical(2)?["artifactLocation"] as? [String: Any])?["uri"] as? String == "docs/my%20notes.md")
        let region = physical(0)?["region"] as? [String: Any]
        #expect(region?["startLine"] as? Int == 3 && region?["startColumn"] as? Int == 7)
        let properties = results[3]["properties"] as? [String: Any]
        #expect(properties?["commit"] as? String == "0123456789abcdef0123456789abcdef01234567")
        #expect(properties?["author"] as? String == "Dana Example")
    }

    static let validateJSON = """
        import json, sys, jsonschema
        schema = json.load(open(sys.argv[1]))
        document = json.load(open(sys.argv[2]))
        cls = jsonschema.validators.validator_for(schema)
        errors = list(cls(schema, format_checker=cls.FORMAT_CHECKER).iter_errors(document))
        for error in errors: print("/".join(map(str, error.absolute_path)) + ": " + error.message)
        sys.exit(1 if errors else 0)
        """

    @Test(.enabled(if: (SharedCorpus.isAvailable && ExternalTool.hasPythonJSONSchema) || ExternalTool.isCI,
                   "needs ../shared/corpora and python3 with jsonschema (pip install jsonschema)"))
    func sarifMatchesTheOfficialSchema() throws {
        try #require(SharedCorpus.isAvailable, "../shared/corpora must be present (CI=true)")
        try #require(ExternalTool.hasPythonJSONSchema, "python3 with jsonschema must be installed (CI=true)")
        let schema = SharedCorpus.url("schemas/sarif/sarif-schema-2.1.0.json").path
        let folder = try TemporaryDirectory("charter-sarif")
        defer { folder.remove() }
        let report = folder.file("report.sarif")
        try Self.sarif().data.write(to: URL(fileURLWithPath: report))
        let run = try ExternalTool.run("python3", ["-c", Self.validateJSON, schema, report])
        #expect(run.status == 0, "SARIF schema errors:\n\(run.output)")

        // The validator must be able to say no.
        let broken = folder.file("broken.sarif")
        try Data(#"{"version": "2.1.0", "runs": [{"tool": {"driver": {}}, "results": [{"ruleIndex": -1}]}]}"#.utf8)
            .write(to: URL(fileURLWithPath: broken))
        #expect(try ExternalTool.run("python3", ["-c", Self.validateJSON, schema, broken]).status == 1)
    }

    // MARK: JUnit

    static let junit = JUnitReport().render(results)

    @Test func junitMatchesGolden() throws {
        try F.expectGolden(Self.junit, "report.junit.xml")
    }

    @Test func junitIsWellFormedAndCountsAddUp() throws {
        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(data: Data(Self.junit.utf8), options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "6")
        #expect(root.attribute(forName: "failures")?.stringValue == "2")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.compactMap { $0.attribute(forName: "name")?.stringValue } == ["charter.secrets", "charter.dependencies"])
        #expect(suites.first?.attribute(forName: "skipped")?.stringValue == "2")
        #expect(try document.nodes(forXPath: "//testcase").count == 6)
        #expect(try document.nodes(forXPath: "//failure").count == 2)
        #expect(try document.nodes(forXPath: "//skipped").count == 2)
        let failure = try #require(try document.nodes(forXPath: "//failure").last as? XMLElement)
        #expect(failure.attribute(forName: "message")?.stringValue == "Key <fake> & \"quoted\" 'x'")
        #expect(failure.stringValue?.contains("W-002") == true, "the failure says the waiver expired")
        #expect(suites.last?.elements(forName: "testcase").first?.attribute(forName: "name")?.stringValue == "no findings")
        #else
        Issue.record("no XML parser on this platform")
        #endif
        if ExternalTool.hasXMLLint {
            let folder = try TemporaryDirectory("charter-junit")
            defer { folder.remove() }
            try Data(Self.junit.utf8).write(to: URL(fileURLWithPath: folder.file("report.xml")))
            let run = try ExternalTool.run("xmllint", ["--noout", folder.file("report.xml")])
            #expect(run.status == 0, "\(run.output)")
        }
    }

    @Test(.enabled(if: (SharedCorpus.isAvailable && ExternalTool.hasXMLLint) || ExternalTool.isCI,
                   "needs ../shared/corpora and xmllint (apt-get install libxml2-utils)"))
    func junitMatchesTheJUnitSchema() throws {
        try #require(SharedCorpus.isAvailable, "../shared/corpora must be present (CI=true)")
        try #require(ExternalTool.hasXMLLint, "xmllint must be installed (CI=true)")
        let schema = SharedCorpus.url("schemas/junit/junit-10.xsd").path
        let folder = try TemporaryDirectory("charter-junit")
        defer { folder.remove() }
        let report = folder.file("report.xml")
        try Data(Self.junit.utf8).write(to: URL(fileURLWithPath: report))
        let run = try ExternalTool.run("xmllint", ["--noout", "--schema", schema, report])
        #expect(run.status == 0, "JUnit schema errors:\n\(run.output)")

        // The schema must be able to say no: a test case without a name.
        let broken = folder.file("broken.xml")
        try Data("<testsuites><testsuite name=\"x\" tests=\"1\" failures=\"0\" errors=\"0\"><testcase/></testsuite></testsuites>".utf8)
            .write(to: URL(fileURLWithPath: broken))
        #expect(try ExternalTool.run("xmllint", ["--noout", "--schema", schema, broken]).status != 0)
    }

    // MARK: Text

    static let summary: ScanSummary = {
        var summary = ScanSummary()
        summary.files = 12
        summary.bytes = 34_567
        summary.seconds = 0.5
        summary.skippedIgnored = 2
        summary.skippedBinary = 1
        return summary
    }()

    @Test func textMatchesGoldenWithoutColour() throws {
        let text = TextReport(color: false).render(Self.results, summary: Self.summary)
        #expect(!text.contains("\u{1B}"))
        try F.expectGolden(text + "\n", "report.txt")
    }

    @Test func textShowsEveryStatusButBaselined() {
        let text = TextReport(color: false).render(Self.results, summary: nil)
        #expect(text.contains("FAIL secrets: 2 failing, 1 below threshold, 1 waived, 1 in baseline"))
        #expect(text.contains("PASS dependencies: 0 failing"))
        #expect(text.contains("WAIVED") && text.contains("waived by W-001"))
        #expect(text.contains("waiver W-002 expired on 2026-01-31"))
        #expect(!text.contains("testdata/old.env"), "baselined findings are counted, not listed")
        #expect(!text.contains("scanned"))
    }

    @Test func colourAddsANSICodesOnly() throws {
        let plain = TextReport(color: false).render(Self.results, summary: Self.summary)
        let coloured = TextReport(color: true).render(Self.results, summary: Self.summary)
        #expect(coloured.contains("\u{1B}[31mFAIL\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[32mPASS\u{1B}[0m"))
        #expect(coloured.contains("\u{1B}[1msrc/app.env\u{1B}[0m"))
        let stripped = try Regex("\u{1B}\\[[0-9;]*m")
        #expect(coloured.replacing(stripped, with: "") == plain)
    }

    // MARK: Ledger payload

    static let policy = GatePolicy(
        file: "charter.yml", digest: "sha256:" + String(repeating: "d1", count: 32), secrets: SecretsGatePolicy(), waivers: waivers, maxWaiverDays: 90)

    @Test func ledgerPayloadHoldsReferencesNotSecrets() throws {
        let verdict = Verdict(gates: Self.results, policy: Self.policy, commit: "feedface00000000000000000000000000000000")
        #expect(!verdict.passed)
        let payload = verdict.ledgerPayload
        let json = try CanonicalJSON.string(payload)
        #expect(payload["verdict"]?.stringValue == "fail")
        #expect(payload["commit"]?.stringValue == "feedface00000000000000000000000000000000")
        #expect(payload["policy"]?["digest"]?.stringValue == Self.policy.digest)
        #expect(payload["policy"]?["file"]?.stringValue == "charter.yml")
        let secrets = try #require(payload["gates"]?["secrets"])
        #expect(secrets["passed"]?.boolValue == false)
        let counts = secrets["counts"]
        #expect(counts?["failing"]?.doubleValue == 2 && counts?["waived"]?.doubleValue == 1)
        #expect(counts?["belowThreshold"]?.doubleValue == 1 && counts?["baselined"]?.doubleValue == 1)
        #expect(secrets["failing"]?.arrayValue?.compactMap(\.stringValue) == [F.fingerprint(1), F.fingerprint(5)])
        let waived = secrets["waived"]?.arrayValue?.first
        #expect(waived?["fingerprint"]?.stringValue == F.fingerprint(2) && waived?["waiver"]?.stringValue == "W-001")
        #expect(secrets["expiredWaivers"]?.arrayValue?.compactMap(\.stringValue) == ["W-002"])
        #expect(payload["gates"]?["dependencies"]?["passed"]?.boolValue == true)
        for finding in Self.findings {
            #expect(!json.contains(finding.preview), "the payload must not hold a preview")
        }
        #expect(!json.contains("FAKE"))
    }

    @Test func ledgerPayloadOfAPassingCheckWithoutCommit() throws {
        let verdict = Verdict(gates: [Self.results[1]], policy: Self.policy, commit: nil)
        #expect(verdict.passed)
        #expect(verdict.ledgerPayload["verdict"]?.stringValue == "pass")
        #expect(verdict.ledgerPayload["commit"] == JSONValue.null)
    }
}
