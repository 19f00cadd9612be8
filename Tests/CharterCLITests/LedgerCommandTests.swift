import CharterTestSupport
import Foundation
import Testing

@Suite struct LedgerCommandTests {
    @Test func appendShowAndList() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let appended = try fixture.run("ledger", "append", "--kind", "deploy.approved", "--subject", "api", "--reason", "release 4.2",
                                       "--payload", #"{"version": "4.2", "canary": true, "b": 1e3}"#)
        #expect(appended.status == 0, "\(appended.stderr)")
        #expect(appended.stdout.contains("appended entry 1"))
        let entry = try #require(try fixture.json("ledger", "show", "1") as? [String: Any])
        #expect(entry["actor"] as? String == "alice@example.com")
        #expect(entry["reason"] as? String == "release 4.2")
        #expect((entry["payload"] as? [String: Any])?["b"] as? Int == 1000)
        let text = try fixture.run("ledger", "show", "1")
        #expect(text.stdout.contains(#"payload  {"b":1000,"canary":true,"version":"4.2"}"#), "payloads are stored canonical")
        let listed = try #require(try fixture.json("ledger", "list", "--subject", "api") as? [[String: Any]])
        #expect(listed.count == 1)
        #expect(try #require(try fixture.json("ledger", "list", "--since", "1h") as? [[String: Any]]).count == 2)
        #expect(try #require(try fixture.json("ledger", "list", "--kind", "deploy") as? [[String: Any]]).count == 1)
    }

    @Test func payloadFromFileAndStandardInput() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let file = fixture.write("payload.json", "{\n  \"from\": \"file\"\n}\n")
        #expect(try fixture.run("ledger", "append", "--kind", "x.y", "--subject", "s", "--payload", "@" + file).status == 0)
        #expect(try fixture.run("ledger", "append", "--kind", "x.y", "--subject", "s", "--payload", "-", stdin: #"{"from":"stdin"}"#).status == 0)
        let entries = try #require(try fixture.json("ledger", "list", "--kind", "x.y") as? [[String: Any]])
        #expect(entries.compactMap { ($0["payload"] as? [String: Any])?["from"] as? String } == ["file", "stdin"])
    }

    struct BadAppend: Sendable, CustomStringConvertible {
        let arguments: [String]
        let status: Int32
        let fragment: String
        var description: String { fragment }
    }

    static let badAppends: [BadAppend] = [
        BadAppend(arguments: ["--kind", "x.y", "--subject", "s", "--payload", #"{"a": 1,}"#], status: 3, fragment: "--payload:1:"),
        BadAppend(arguments: ["--kind", "x.y", "--subject", "s", "--payload", "[1, 2]"], status: 3, fragment: "must be a JSON object"),
        BadAppend(arguments: ["--kind", "x.y", "--subject", "s", "--payload", #""text""#], status: 3, fragment: "must be a JSON object"),
        BadAppend(arguments: ["--kind", "x.y", "--subject", "s", "--payload", #"{"a":1,"a":2}"#], status: 3, fragment: "duplicate"),
        BadAppend(arguments: ["--kind", "x.y", "--subject", "s", "--payload", #"{"n": 12345678901234567890}"#], status: 3, fragment: "string"),
        BadAppend(arguments: ["--kind", "x.y", "--subject", "s", "--payload", "@/nonexistent/payload.json"], status: 3, fragment: "/nonexistent/payload.json does not exist"),
        BadAppend(arguments: ["--kind", "Deploy", "--subject", "s"], status: 2, fragment: "kind \"Deploy\" is not valid"),
        BadAppend(arguments: ["--kind", "deploy.", "--subject", "s"], status: 2, fragment: "is not valid"),
        BadAppend(arguments: ["--kind", "decision.approved", "--subject", "s"], status: 2, fragment: "namespace"),
        BadAppend(arguments: ["--kind", "x.y", "--subject", "  "], status: 2, fragment: "subject must not be empty"),
        BadAppend(arguments: ["--kind", "x.y"], status: 2, fragment: "--subject"),
    ]

    @Test(arguments: badAppends)
    func badInputIsRefusedAndNothingIsWritten(bad: BadAppend) throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let result = try fixture.charter.run(["ledger", "append"] + bad.arguments)
        #expect(result.status == bad.status, "\(result.stderr)")
        #expect(result.stderr.contains(bad.fragment), "\(result.stderr)")
        #expect(try #require(try fixture.json("ledger", "list") as? [[String: Any]]).count == 1, "only the init entry")
    }

    @Test func showOfAMissingEntrySaysWhatExists() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let result = try fixture.run("ledger", "show", "7")
        #expect(result.status == 2)
        #expect(result.stderr.contains("holds 1 entries"))
    }

    @Test func missingOrBadKeyIsAClearError() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let key = fixture.home + "/keys/ledger.key"
        let original = try String(contentsOfFile: key, encoding: .utf8)
        try FileManager.default.removeItem(atPath: key)
        let missing = try fixture.run("ledger", "checkpoint")
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("no signing key"))
        _ = FileManager.default.createFile(atPath: key, contents: Data("PRIVATE+KEY+garbage\n".utf8), attributes: [.posixPermissions: 0o600])
        let garbled = try fixture.run("ledger", "checkpoint")
        #expect(garbled.status == 3)
        #expect(garbled.stderr.contains("not an Ed25519 signing key"))
        try FileManager.default.removeItem(atPath: key)
        _ = FileManager.default.createFile(atPath: key, contents: Data(original.utf8), attributes: [.posixPermissions: 0o644])
        let exposed = try fixture.run("ledger", "checkpoint")
        #expect(exposed.status == 3)
        #expect(exposed.stderr.contains("chmod 600"))
        #expect(!exposed.stderr.contains(original.trimmingCharacters(in: .newlines)), "the key never appears in messages")
    }

    @Test(arguments: [("empty", ""), ("text", String(repeating: "not sqlite ", count: 20))])
    func notADatabaseIsAClearError(name: String, content: String) throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fixture.database + suffix) }
        _ = FileManager.default.createFile(atPath: fixture.database, contents: Data(content.utf8))
        let result = try fixture.run("ledger", "list")
        #expect(result.status == 3)
        #expect(result.stderr.contains(fixture.database))
        #expect(try String(contentsOfFile: fixture.database, encoding: .utf8) == content, "nothing was written")
    }
}
