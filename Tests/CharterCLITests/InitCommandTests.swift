import CharterTestSupport
import Foundation
import Testing

@Suite struct InitCommandTests {
    @Test func initCreatesStoreAndPrivateKey() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let attributes = try FileManager.default.attributesOfItem(atPath: fixture.home + "/keys/ledger.key")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let exported = try fixture.run("key", "export")
        #expect(exported.status == 0)
        #expect(exported.stdout.hasPrefix("example.com/charter-test+"))
        let pem = try fixture.run("key", "export", "--format", "pem")
        #expect(pem.stdout.hasPrefix("-----BEGIN PUBLIC KEY-----"))
        let gitignore = try String(contentsOfFile: fixture.home + "/.gitignore", encoding: .utf8)
        #expect(gitignore.contains("*"), "the store and key must be ignored by git")
        let first = try #require(try fixture.json("ledger", "show", "0") as? [String: Any])
        #expect(first["kind"] as? String == "ledger.initialized")
    }

    @Test func secondInitChangesNothing() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let key = try String(contentsOfFile: fixture.home + "/keys/ledger.key", encoding: .utf8)
        let again = try fixture.run("init")
        #expect(again.status == 2)
        #expect(again.stderr.contains("already initialized"))
        #expect(try String(contentsOfFile: fixture.home + "/keys/ledger.key", encoding: .utf8) == key)
    }

    @Test func forceRotatesTheKeyAndOldCheckpointsStillVerify() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        #expect(try fixture.run("ledger", "checkpoint").status == 0)
        let rotated = try fixture.run("init", "--force")
        #expect(rotated.status == 0, "\(rotated.stderr)")
        #expect(try fixture.run("ledger", "checkpoint").status == 0)
        let verify = try fixture.run("ledger", "verify")
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        #expect(verify.stdout.contains("2 checkpoint(s) verified"))
        let kinds = try #require(try fixture.json("ledger", "list", "--kind", "ledger") as? [[String: Any]]).compactMap { $0["kind"] as? String }
        #expect(kinds == ["ledger.initialized", "ledger.key-rotated"])
    }

    @Test func badOriginIsRefusedBeforeAnythingIsWritten() throws {
        let fixture = try CLIFixture(initialize: false)
        defer { fixture.remove() }
        let result = try fixture.run("init", "--origin", "has space")
        #expect(result.status == 2 || result.status == 3)
        #expect(result.stderr.contains("key name"))
        #expect(!FileManager.default.fileExists(atPath: fixture.database))
    }

    @Test func commandsWithoutAStoreSayToInit() throws {
        let fixture = try CLIFixture(initialize: false)
        defer { fixture.remove() }
        let result = try fixture.run("ledger", "list")
        #expect(result.status == 2)
        #expect(result.stderr.contains("charter init"))
    }
}
