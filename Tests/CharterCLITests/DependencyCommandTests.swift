import CharterTestSupport
import Foundation
import Testing

@Suite struct DependencyCommandTests {
    /// A home, a project, and a folder of hand-written advisories (facts from the public records).
    struct Fixture {
        let folder: TemporaryDirectory
        let charter: CharterProcess

        init() throws {
            folder = try TemporaryDirectory("deps-cli")
            charter = CharterProcess(home: folder.file("home"))
            try Self.write(folder.file("advisories/GHSA-1.json"), """
                {"id": "GHSA-9wx4-h78v-vm56", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2024-1"],
                 "summary": "requests leaks proxy credentials",
                 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                 "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
                               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.32.0"}]}]}]}
                """)
            try Self.write(folder.file("advisories/PYSEC-1.json"), """
                {"id": "PYSEC-2024-1", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2024-1"],
                 "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
                               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"fixed": "2.32.0"}]}]}]}
                """)
            try Self.write(folder.file("advisories/LOW-1.json"), """
                {"id": "GHSA-low", "modified": "2024-01-01T00:00:00Z", "database_specific": {"severity": "LOW"},
                 "affected": [{"package": {"ecosystem": "crates.io", "name": "smallvec"},
                               "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.6.1"}]}]}]}
                """)
            try Self.write(folder.file("advisories/broken.json"), "{\"id\": \"X\"}")
            try Self.write(folder.file("project/requirements.txt"), "requests==2.31.0\nsix==1.16.0\n")
            try Self.write(folder.file("project/Cargo.lock"), "[[package]]\nname = \"smallvec\"\nversion = \"1.6.0\"\nsource = \"registry+x\"\n")
        }

        var project: String { folder.file("project") }

        /// Imports the fixture's advisories into the home's database.
        func importAdvisories() throws {
            try charter.run(["db", "import", folder.file("advisories")])
        }

        /// Writes the project's charter.yml: `gates` (YAML under `gates:`) and one waiver of `rule`
        /// on requirements.txt, approved and expiring in ten days.
        func writePolicy(gates: String? = nil, waiving rule: String? = nil, id: String = "W-001", reason: String = "Reviewed for the test") throws {
            var text = "version: 1\n"
            if let gates { text += "gates:\n" + gates }
            if let rule {
                text += """
                    waivers:
                      - id: \(id)
                        rule: "\(rule)"
                        path: requirements.txt
                        reason: "\(reason)"
                        approver: "security@example.com"
                        expires: \(RFC3339Day.inDays(10))

                    """
            }
            try Self.write(project + "/charter.yml", text)
        }

        static func write(_ path: String, _ text: String) throws {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
    }

    @Test func importReportsInvalidRecordsAndIsIdempotent() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        let first = try fixture.charter.run(["db", "import", fixture.folder.file("advisories")])
        #expect(first.status == 0)
        #expect(first.stdout.contains("advisories: 3 added, 0 updated, 0 unchanged, 1 invalid"))
        #expect(first.stdout.contains("broken.json: the record: \"modified\" is required"))
        let again = try fixture.charter.run(["db", "import", fixture.folder.file("advisories")])
        #expect(again.stdout.contains("0 added, 0 updated, 3 unchanged"))
        let status = try fixture.charter.run(["db", "status", "--json"])
        #expect(status.status == 0)
        #expect(status.stdout.contains("\"records\" : 3"))
    }

    @Test func scanFailsAtTheThresholdAndNamesTheFix() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        try fixture.importAdvisories()
        let scan = try fixture.charter.run(["scan", "deps", fixture.folder.file("project")])
        #expect(scan.status == 1, "\(scan.stdout)\(scan.stderr)")
        #expect(scan.stdout.contains("critical 9.8"))
        #expect(scan.stdout.contains("GHSA-9wx4-h78v-vm56 (CVE-2024-1, PYSEC-2024-1)"), "aliases are one vulnerability")
        #expect(scan.stdout.contains("2.32.0"))
        #expect(scan.stdout.contains("requirements.txt:1"))
        #expect(scan.stdout.contains("2 known vulnerabilities in 2 of 3 packages from 2 lockfile(s); FAIL: 1 at or above high without a waiver"))
        let critical = try fixture.charter.run(["scan", "deps", fixture.folder.file("project"), "--fail-on", "critical", "--json"])
        #expect(critical.status == 1)
        let json = try JSONSerialization.jsonObject(with: Data(critical.stdout.utf8)) as? [String: Any]
        #expect(json?["passed"] as? Bool == false)
        #expect((json?["vulnerable"] as? [Any])?.count == 2)
        try Fixture.write(fixture.folder.file("project/requirements.txt"), "requests==2.32.0\n")
        let fixed = try fixture.charter.run(["scan", "deps", fixture.folder.file("project")])
        #expect(fixed.status == 0, "only the low one is left: \(fixed.stdout)")
    }

    /// Without flags, `scan deps` judges as `charter check` would: charter.yml's threshold and waivers.
    @Test func scanFollowsThePolicyAndItsWaivers() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        try fixture.importAdvisories()
        let project = fixture.project
        try fixture.writePolicy(gates: "  deps:\n    fail-on: low\n", waiving: "GHSA-9wx4-h78v-vm56", id: "W-007")
        let scan = try fixture.charter.run(["scan", "deps", project])
        #expect(scan.status == 1, "the low smallvec advisory fails at fail-on: low")
        #expect(scan.stdout.contains("critical 9.8 waived W-007"), "\(scan.stdout)")
        #expect(scan.stdout.contains("FAIL: 1 at or above low without a waiver"), "\(scan.stdout)")
        let flagged = try fixture.charter.run(["scan", "deps", project, "--fail-on", "medium"])
        #expect(flagged.status == 0, "a flag overrides the policy's threshold: \(flagged.stdout)")
    }

    /// A `rule: "*"` waiver (written for secrets) does not waive vulnerabilities, and a version
    /// that cannot be compared fails rather than passes.
    @Test func wildcardWaiversAndUndecidableVersionsDoNotPass() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        try fixture.importAdvisories()
        let project = fixture.project
        try fixture.writePolicy(waiving: "*", reason: "Integrity hashes the secrets scanner flags")
        #expect(try fixture.charter.run(["scan", "deps", project]).status == 1, "the critical requests advisory is not waived by *")
        try Fixture.write(project + "/requirements.txt", "requests==2.31.0-custom-build\n")
        try Fixture.write(project + "/Cargo.lock", "")
        let undecided = try fixture.charter.run(["scan", "deps", project])
        #expect(undecided.status == 1, "\(undecided.stdout)")
        #expect(undecided.stdout.contains("could not decide requests 2.31.0-custom-build"))
    }

    @Test func anOlderCopyOfAnAdvisoryDoesNotReplaceANewerOne() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        try fixture.importAdvisories()
        let older = fixture.folder.file("older/GHSA-1.json")
        try Fixture.write(older, String(decoding: try Data(contentsOf: URL(fileURLWithPath: fixture.folder.file("advisories/GHSA-1.json"))), as: UTF8.self)
            .replacingOccurrences(of: "2024-01-01T00:00:00Z", with: "2023-12-31T23:59:59.999Z"))
        let again = try fixture.charter.run(["db", "import", older])
        #expect(again.stdout.contains("0 added, 0 updated, 1 unchanged"), "\(again.stdout)")
    }

    @Test func markdownIsATableForAPullRequest() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        try fixture.importAdvisories()
        let scan = try fixture.charter.run(["scan", "deps", fixture.folder.file("project"), "--markdown"])
        #expect(scan.status == 1)
        #expect(scan.stdout.hasPrefix("### Dependency vulnerabilities\n**1 at or above high** in 2 of 3 packages"))
        #expect(scan.stdout.contains("| `requests` | 2.31.0 | critical 9.8 | GHSA-9wx4-h78v-vm56 | 2.32.0 | `requirements.txt:1` |"))
    }

    /// SARIF for code scanning: one rule per vulnerability with its CVSS score as
    /// `security-severity`, dependency advice instead of the secrets gate's, waived results suppressed.
    @Test func sarifRulesCarryTheVulnerabilitysSeverity() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        try fixture.importAdvisories()
        try fixture.writePolicy(gates: "  deps:\n    fail-on: low\n", waiving: "GHSA-9wx4-h78v-vm56")
        let report = fixture.folder.file("deps.sarif")
        let scan = try fixture.charter.run(["scan", "deps", fixture.project, "--format", "sarif", "-o", report])
        #expect(scan.status == 1, "smallvec's low vulnerability still fails at fail-on low")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let run = try #require((document["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let requests = try #require(rules.first { $0["id"] as? String == "GHSA-9wx4-h78v-vm56" })
        let properties = try #require(requests["properties"] as? [String: Any])
        #expect(properties["security-severity"] as? String == "9.8")
        #expect((properties["tags"] as? [String])?.contains("vulnerability") == true)
        #expect(((requests["fullDescription"] as? [String: Any])?["text"] as? String)?.contains("Upgrade the package") == true)
        let results = try #require(run["results"] as? [[String: Any]])
        let waived = try #require(results.first { $0["ruleId"] as? String == "GHSA-9wx4-h78v-vm56" })
        #expect(waived["suppressions"] != nil)
        let low = try #require(rules.first { $0["id"] as? String == "GHSA-low" })
        #expect((low["properties"] as? [String: Any])?["security-severity"] as? String == "2.0", "a stated LOW rating sits in the low band")
    }

    /// A lockfile that cannot be read makes the scan incomplete: exit 3, after reporting the rest.
    @Test func anUnreadableLockfileFailsClosed() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        try fixture.importAdvisories()
        try Fixture.write(fixture.folder.file("project/web/package-lock.json"), "{\n  \"lockfileVersion\": 3,\n")
        let scan = try fixture.charter.run(["scan", "deps", fixture.folder.file("project"), "--fail-on", "critical"])
        #expect(scan.status == 3)
        #expect(scan.stdout.contains("cannot read web/package-lock.json:3"))
        #expect(scan.stdout.contains("GHSA-9wx4-h78v-vm56"), "the readable lockfiles are still reported")
    }

    @Test func withoutADatabaseTheScanSaysHowToGetOne() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        let scan = try fixture.charter.run(["scan", "deps", fixture.folder.file("project")])
        #expect(scan.status == 2, "a missing database is a setup problem, like a missing store")
        #expect(scan.stderr.contains("charter db import"))
    }

    /// `charter check` runs the dependency gate charter.yml configures: the critical fails it, a
    /// waiver with a reason and an expiry lets it pass, and both verdicts land in the ledger.
    @Test func checkRunsTheDependencyGateWithWaivers() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        #expect(try fixture.charter.run(["init"]).status == 0)
        try fixture.importAdvisories()
        let project = fixture.project
        try Fixture.write(project + "/charter.yml", "version: 1\ngates:\n  secrets: false\n  deps:\n    fail-on: high\n")
        let failing = try fixture.charter.run(["check", project])
        #expect(failing.status == 1, "\(failing.stdout)\(failing.stderr)")
        #expect(failing.stdout.contains("1 critical-severity finding not waived"), "\(failing.stdout)")
        #expect(failing.stdout.contains("GHSA-9wx4-h78v-vm56"))

        try fixture.writePolicy(gates: "  secrets: false\n  deps:\n    fail-on: high\n", waiving: "GHSA-9wx4-h78v-vm56",
                                reason: "Not reachable: we never configure proxies; upgrade tracked in PLAT-9")
        let waived = try fixture.charter.run(["check", project, "--json"])
        #expect(waived.status == 0, "\(waived.stdout)\(waived.stderr)")
        #expect(waived.stdout.contains("W-001"))
        let ledger = try fixture.charter.run(["ledger", "list", "--json"])
        #expect(ledger.stdout.components(separatedBy: "gate.verdict").count - 1 == 2)
    }

    /// Each check records first sightings and fixes beside its verdict, under the repository's name.
    @Test func checkRecordsFirstSightingsAndFixes() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        #expect(try fixture.charter.run(["init"]).status == 0)
        try fixture.importAdvisories()
        let project = fixture.project
        try Fixture.write(project + "/charter.yml", "version: 1\ngates:\n  secrets: false\n  deps:\n    fail-on: critical\n    remediation-days: {critical: 7, high: 30}\n")
        let first = try fixture.charter.run(["check", project])
        #expect(first.stderr.contains("with 2 vulnerability sighting(s)"), "\(first.stderr)")
        let again = try fixture.charter.run(["check", project])
        #expect(!again.stderr.contains("sighting"), "nothing new the second time: \(again.stderr)")
        // The scan shows how long each has been open, from the ledger.
        let listed = try fixture.charter.run(["scan", "deps", project])
        #expect(listed.stdout.contains("OPEN FOR"), "\(listed.stdout)")
        #expect(listed.stdout.contains("requirements.txt:1  0 d"), "\(listed.stdout)")
        let listedJSON = try fixture.charter.run(["scan", "deps", project, "--json"])
        #expect(listedJSON.stdout.contains("\"firstSeen\" : \"20"), "\(listedJSON.stdout)")
        try Fixture.write(project + "/requirements.txt", "requests==2.32.0\nsix==1.16.0\n")
        let fixed = try fixture.charter.run(["check", project])
        #expect(fixed.status == 0, "\(fixed.stdout)")
        let seen = try fixture.charter.run(["ledger", "list", "--kind", "deps.first-seen", "--json"])
        let closed = try fixture.charter.run(["ledger", "list", "--kind", "deps.fixed", "--json"])
        #expect(seen.stdout.components(separatedBy: "\"deps.first-seen\"").count - 1 == 2)
        #expect(closed.stdout.contains("GHSA-9wx4-h78v-vm56|requirements.txt|requests"))
        #expect(closed.stdout.components(separatedBy: "\"deps.fixed\"").count - 1 == 1)
    }

    @Test(arguments: ["fail-on: severe", "unreadable-lockfile: maybe", "max-database-age-days: 0", "colour: red", "remediation-days: {urgent: 3}", "remediation-days: {high: 0}"])
    func badDependencyGateSettingsAreRefused(setting: String) throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        let project = fixture.folder.file("project")
        try Fixture.write(project + "/charter.yml", "version: 1\ngates:\n  deps:\n    \(setting)\n")
        let check = try fixture.charter.run(["check", project, "--no-record"])
        #expect(check.status == 2)
        #expect(check.stderr.contains("charter.yml:4: gates.deps"), "\(check.stderr)")
    }
}

/// A UTC day `days` from now, as waivers write expiry dates.
enum RFC3339Day {
    static func inDays(_ days: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date().addingTimeInterval(Double(days) * 86_400))
    }
}
