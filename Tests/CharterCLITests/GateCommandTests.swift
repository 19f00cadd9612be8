import CharterTestSupport
import Foundation
import Testing

/// `charter scan secrets`, `charter check` and `charter waiver` end to end: exit codes, the
/// verdict in the ledger, waivers that expire, baselines, and history scans that fail closed.
@Suite struct GateCommandTests {
    /// A Hugging Face token format (hf_ + 34 letters), generated, never a real one.
    static let token = "hf_" + String((0..<34).map { _ in "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".randomElement()! })

    static func project() throws -> CLIFixture {
        let fixture = try CLIFixture()
        fixture.write("app.env", "HF_TOKEN=\(token)\n")
        fixture.write("README.md", "nothing to see\n")
        return fixture
    }

    static func fingerprint(_ fixture: CLIFixture) throws -> String {
        let result = try fixture.run("scan", "secrets", ".", "--json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let gates = try #require(report["gates"] as? [[String: Any]])
        let findings = try #require(gates.first?["findings"] as? [[String: Any]])
        return try #require((findings.first?["finding"] as? [String: Any])?["fingerprint"] as? String)
    }

    @Test func cleanFolderPassesAndSecretFails() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        fixture.write("main.swift", "print(\"hello\")\n")
        #expect(try fixture.run("scan", "secrets", ".").status == 0)
        fixture.write("app.env", "HF_TOKEN=\(Self.token)\n")
        let failed = try fixture.run("scan", "secrets", ".")
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("app.env"))
        #expect(failed.stdout.contains("1:10"))
        #expect(!failed.stdout.contains(Self.token))
    }

    @Test func checkRecordsTheVerdictInTheLedger() throws {
        let fixture = try Self.project()
        defer { fixture.remove() }
        let fingerprint = try Self.fingerprint(fixture)
        let check = try fixture.run("check", ".")
        #expect(check.status == 1, "\(check.stderr)")
        #expect(check.stdout.contains("FAIL secrets"))
        let entries = try #require(try fixture.json("ledger", "list", "--kind", "gate.verdict") as? [[String: Any]])
        let payload = try #require(entries.last?["payload"] as? [String: Any])
        #expect(payload["verdict"] as? String == "fail")
        let gates = try #require(payload["gates"] as? [String: Any])
        let secrets = try #require(gates["secrets"] as? [String: Any])
        #expect(secrets["failing"] as? [String] == [fingerprint])
        #expect((payload["policy"] as? [String: Any])?["digest"] as? String != nil)
    }

    @Test func checkWithoutAStoreIsAUsageErrorUnlessNotRecording() throws {
        let fixture = try CLIFixture(initialize: false)
        defer { fixture.remove() }
        fixture.write("main.swift", "print(1)\n")
        #expect(try fixture.run("check", ".").status == 2)
        #expect(try fixture.run("check", ".", "--no-record").status == 0)
    }

    @Test func waiverMakesTheFindingPassAndIsRecorded() throws {
        let fixture = try Self.project()
        defer { fixture.remove() }
        let fingerprint = try Self.fingerprint(fixture)
        let own = try fixture.run("waiver", "add", "--fingerprint", fingerprint, "--reason", "rotated", "--approver", "dev", "--expires", "7d", actor: "dev")
        #expect(own.status == 2, "the actor must not approve their own waiver")
        let added = try fixture.run("waiver", "add", "--fingerprint", fingerprint, "--reason", "rotated on 2026-11-20", "--approver", "lead", "--expires", "7d", actor: "dev")
        #expect(added.status == 0, "\(added.stderr)")
        let check = try fixture.run("check", ".")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("WAIVED"))
        let waivers = try #require(try fixture.json("ledger", "list", "--kind", "waiver.add") as? [[String: Any]])
        #expect(waivers.count == 1)
        let list = try fixture.run("waiver", "list")
        #expect(list.stdout.contains("W-001") && list.stdout.contains("in force"))
        #expect(try fixture.run("waiver", "revoke", "W-001", "--reason", "no longer needed").status == 0)
        #expect(try fixture.run("check", ".").status == 1)
    }

    @Test func expiredWaiverStopsApplyingAndIsReported() throws {
        let fixture = try Self.project()
        defer { fixture.remove() }
        fixture.write("charter.yml", """
            version: 1
            waivers:
              - id: W-001
                rule: huggingface-user-access-token
                path: app.env
                reason: old exception
                approver: lead
                created: 2020-01-01
                expires: 2020-01-30
            """)
        let check = try fixture.run("check", ".")
        #expect(check.status == 1)
        #expect(check.stdout.contains("W-001 expired on 2020-01-30"))
    }

    @Test func waiverBeyondThePolicyLimitIsRefused() throws {
        let fixture = try Self.project()
        defer { fixture.remove() }
        let result = try fixture.run("waiver", "add", "--rule", "huggingface-user-access-token", "--path", "app.env", "--reason", "r", "--approver", "lead", "--expires", "120d", actor: "dev")
        #expect(result.status == 2)
        #expect(result.stderr.contains("at most 90"))
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.file("charter.yml")), "a refused waiver writes nothing")
    }

    @Test func baselineHidesKnownFindings() throws {
        let fixture = try Self.project()
        defer { fixture.remove() }
        #expect(try fixture.run("scan", "secrets", ".", "--baseline-write", "baseline.json").status == 1)
        #expect(try fixture.run("scan", "secrets", ".", "--baseline", "baseline.json").status == 0)
        fixture.write("more.env", "HF_TOKEN=hf_" + String(Self.token.dropFirst(3).reversed()) + "\n")
        #expect(try fixture.run("scan", "secrets", ".", "--baseline", "baseline.json").status == 1)
    }

    @Test(arguments: [
        ["scan", "secrets", ".", "--git"],
        ["scan", "secrets", ".", "--staged"],
    ])
    func historyOfANonRepositoryIsAnInputError(arguments: [String]) throws {
        let fixture = try Self.project()
        defer { fixture.remove() }
        let result = try fixture.charter.run(arguments)
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("not a git repository"))
    }

    @Test func badRevisionIsAnInputErrorNotAnEmptyPass() throws {
        let fixture = try Self.project()
        defer { fixture.remove() }
        try Self.git(fixture.directory.path, "init", "-q")
        try Self.git(fixture.directory.path, "add", "app.env")
        try Self.git(fixture.directory.path, "commit", "-q", "-m", "add env")
        let history = try fixture.run("scan", "secrets", ".", "--git")
        #expect(history.status == 1)
        #expect(history.stdout.contains("commit"))
        let result = try fixture.run("scan", "secrets", ".", "--git", "--since", "no-such-branch")
        #expect(result.status == 3)
        #expect(result.stderr.contains("no-such-branch"))
    }

    @Test func standardInputIsScanned() throws {
        let fixture = try CLIFixture(initialize: false)
        defer { fixture.remove() }
        let result = try fixture.run("scan", "secrets", "-", stdin: "token: \(Self.token)\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("-\n") || result.stdout.hasPrefix("-"))
    }

    static func git(_ folder: String, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", folder, "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"] + arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "git \(arguments.joined(separator: " "))")
    }
}
