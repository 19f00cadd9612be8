import CharterTestSupport
import Foundation
import Testing

@Suite struct LedgerVerifyCommandTests {
    /// Appends a few entries, checkpoints, and writes the four files an auditor receives.
    func auditorFiles(_ fixture: CLIFixture, index: Int = 2) throws -> (entry: String, proof: String, checkpoint: String, key: String) {
        for number in 0..<5 {
            try fixture.run("ledger", "append", "--kind", "deploy.approved", "--subject", "svc-\(number)", "--payload", #"{"n":\#(number),"ok":true}"#)
        }
        let checkpoint = fixture.directory.file("checkpoint.txt")
        #expect(try fixture.run("ledger", "checkpoint", "--output", checkpoint).status == 0)
        let entry = fixture.write("entry.json", try fixture.run("ledger", "show", String(index), "--json").stdout)
        let proof = fixture.write("proof.json", try fixture.run("ledger", "proof", "inclusion", String(index)).stdout)
        let key = fixture.write("ledger.pub", try fixture.run("key", "export").stdout)
        return (entry, proof, checkpoint, key)
    }

    @Test func auditorVerifiesAnEntryOffline() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let files = try auditorFiles(fixture)
        try FileManager.default.removeItem(atPath: fixture.home)
        let result = try fixture.run("ledger", "verify-proof", "--entry", files.entry, "--proof", files.proof, "--checkpoint", files.checkpoint, "--key", files.key)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("verified: entry 2 is in example.com/charter-test at tree size 6"))
    }

    @Test func offlineVerificationAcceptsAPEMKey() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let files = try auditorFiles(fixture)
        let pem = fixture.write("ledger.pem", try fixture.run("key", "export", "--format", "pem").stdout)
        let result = try fixture.run("ledger", "verify-proof", "--entry", files.entry, "--proof", files.proof, "--checkpoint", files.checkpoint, "--key", pem)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
    }

    @Test(arguments: [
        ("entry", "\"ok\" : true", "\"ok\" : false", "the entry was altered"),
        ("checkpoint", "\n6\n", "\n7\n", "forged or altered"),
        ("proof", "\"index\" : 2", "\"index\" : 3", "is for entry 3"),
    ])
    func tamperedFilesFailOffline(file: String, original: String, replacement: String, fragment: String) throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let files = try auditorFiles(fixture)
        let path = ["entry": files.entry, "checkpoint": files.checkpoint, "proof": files.proof][file]!
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(original), "fixture text changed: \(text)")
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.replacingOccurrences(of: original, with: replacement).utf8))
        let result = try fixture.run("ledger", "verify-proof", "--entry", files.entry, "--proof", files.proof, "--checkpoint", files.checkpoint, "--key", files.key)
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(fragment), "\(result.stdout)")
    }

    @Test func auditorVerifiesConsistencyOffline() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let old = fixture.directory.file("old-checkpoint.txt")
        #expect(try fixture.run("ledger", "checkpoint", "--output", old).status == 0)
        let files = try auditorFiles(fixture)
        let proofText = try fixture.run("ledger", "proof", "consistency", "1", "6").stdout
        let proof = fixture.write("consistency.json", proofText)
        func verify(_ proof: String, old: String, new: String) throws -> CharterProcess.Result {
            try fixture.run("ledger", "verify-consistency", "--proof", proof, "--old", old, "--new", new, "--key", files.key)
        }
        let good = try verify(proof, old: old, new: files.checkpoint)
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(good.stdout.contains("example.com/charter-test at size 6 extends its checkpoint at size 1"))

        let swapped = try verify(proof, old: files.checkpoint, new: old)
        #expect(swapped.status == 1)
        #expect(swapped.stdout.contains("pass them the other way round"))

        var object = try #require(try JSONSerialization.jsonObject(with: Data(proofText.utf8)) as? [String: Any])
        var hashes = try #require(object["hashes"] as? [String])
        hashes[0] = Data(repeating: 0, count: 32).base64EncodedString()
        object["hashes"] = hashes
        let forged = fixture.write("forged.json", String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        let rewritten = try verify(forged, old: old, new: files.checkpoint)
        #expect(rewritten.status == 1)
        #expect(rewritten.stdout.contains("does not extend"))
    }

    @Test func anotherLogsKeyIsRefused() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let files = try auditorFiles(fixture)
        let other = try CLIFixture()
        defer { other.remove() }
        let otherKey = other.write("other.pub", try other.run("key", "export").stdout)
        let result = try fixture.run("ledger", "verify-proof", "--entry", files.entry, "--proof", files.proof, "--checkpoint", files.checkpoint, "--key", otherKey)
        #expect(result.status == 1)
        #expect(result.stdout.contains("none of which is the key given"))
    }

    @Test func unreadableProofIsAnInputError() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let files = try auditorFiles(fixture)
        let garbage = fixture.write("garbage.json", #"{"type":"inclusion","index":2}"#)
        let result = try fixture.run("ledger", "verify-proof", "--entry", files.entry, "--proof", garbage, "--checkpoint", files.checkpoint, "--key", files.key)
        #expect(result.status == 3)
        #expect(result.stderr.contains("garbage.json"))
    }

    /// An implementation written from the specifications in Python (Tests/Interop/verify_entry.py)
    /// accepts Charter's checkpoint signature, checkpoint body, entry bytes and inclusion proof.
    @Test(.enabled(if: PythonInterop.available, "python3 with the cryptography package is not installed"))
    func independentImplementationAgrees() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        for index in [0, 2, 5] {
            let files = try auditorFiles(fixture, index: index)
            let result = try PythonInterop.run(["--entry", files.entry, "--proof", files.proof, "--checkpoint", files.checkpoint, "--key", files.key])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.output.hasPrefix("ok: entry \(index)"))
        }
    }

    @Test func verifyNamesTheAlteredEntryInATamperedCopy() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        _ = try auditorFiles(fixture)
        #expect(try fixture.run("ledger", "verify").status == 0)
        try fixture.sqlite("UPDATE ledger_entry SET payload = '{\"n\":3,\"ok\":false}' WHERE idx = 4")
        let result = try fixture.run("ledger", "verify")
        #expect(result.status == 1)
        #expect(result.stdout.contains("first bad entry: 4"))
        #expect(result.stdout.contains("entry 4 was modified"))
        let json = try fixture.run("ledger", "verify", "--json")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["ok"] as? Bool == false)
        #expect(report["firstBadIndex"] as? Int == 4)
    }

    @Test func trustedCheckpointCatchesARolledBackStore() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let backup = fixture.directory.file("backup.db")
        #expect(try fixture.run("ledger", "checkpoint").status == 0)
        try fixture.sqlite(".backup '\(backup)'")
        let files = try auditorFiles(fixture)
        // Restore the older copy over the store: it verifies on its own, but not against the auditor's checkpoint.
        try fixture.sqlite(".restore '\(backup)'")
        #expect(try fixture.run("ledger", "verify").status == 0)
        let result = try fixture.run("ledger", "verify", "--trusted", files.checkpoint)
        #expect(result.status == 1)
        #expect(result.stdout.contains("trusted checkpoint 1 was signed over 6 entries but the ledger holds 1"))
    }

    @Test func proofsAreDocumentedJSON() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        _ = try auditorFiles(fixture)
        let inclusion = try #require(try JSONSerialization.jsonObject(with: Data(try fixture.run("ledger", "proof", "inclusion", "3", "--size", "5").stdout.utf8)) as? [String: Any])
        #expect(inclusion["type"] as? String == "inclusion")
        #expect(inclusion["treeSize"] as? Int == 5)
        #expect((inclusion["hashes"] as? [String])?.allSatisfy { Data(base64Encoded: $0)?.count == 32 } == true)
        let consistency = try #require(try JSONSerialization.jsonObject(with: Data(try fixture.run("ledger", "proof", "consistency", "2", "6").stdout.utf8)) as? [String: Any])
        #expect(consistency["type"] as? String == "consistency")
        #expect(Set(consistency.keys) == ["type", "firstSize", "secondSize", "firstRoot", "secondRoot", "hashes"])
        let tooBig = try fixture.run("ledger", "proof", "inclusion", "3", "--size", "99")
        #expect(tooBig.status == 2)
        #expect(tooBig.stderr.contains("holds 6 entries"))
    }
}

enum PythonInterop {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../Interop/verify_entry.py").standardized.path

    static let available: Bool = (try? run(["--help"]).status == 0) ?? false

    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try ExternalCommand.run("python3", [script] + arguments)
    }
}
