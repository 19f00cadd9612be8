import CharterTestSupport
import Foundation
import Testing

/// `charter check --attest`, `charter verify` and `charter check --require-attestation` end to
/// end: a passing verdict is admitted for its commit and artifact, anything else is denied.
@Suite struct AttestationCommandTests {
    static let artifact = "sha256:" + String(repeating: "ab", count: 32)

    /// A committed project whose check passes, attested to `attestation.json`.
    static func attestedProject() throws -> (fixture: CLIFixture, commit: String) {
        let fixture = try CLIFixture()
        fixture.write("main.swift", "print(\"hello\")\n")
        try GateCommandTests.git(fixture.directory.path, "init", "-q")
        try GateCommandTests.git(fixture.directory.path, "add", "main.swift")
        try GateCommandTests.git(fixture.directory.path, "commit", "-q", "-m", "first")
        let check = try fixture.run("check", ".", "--attest", "attestation.json", "--subject", "app.tar=\(artifact)")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.contains("signed the passing verdict as an attestation in attestation.json"))
        return (fixture, try head(fixture))
    }

    static func head(_ fixture: CLIFixture) throws -> String {
        let result = try ExternalCommand.run("git", ["-C", fixture.directory.path, "rev-parse", "HEAD"])
        return result.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aPassingVerdictIsAdmittedForItsCommitAndArtifact() throws {
        let (fixture, commit) = try Self.attestedProject()
        defer { fixture.remove() }
        let byCommit = try fixture.run("verify", "--attestation", "attestation.json", "--subject", "gitCommit:\(commit)")
        #expect(byCommit.status == 0, "\(byCommit.stdout)\(byCommit.stderr)")
        #expect(byCommit.stdout.hasPrefix("admit:"))
        #expect(try fixture.run("verify", "--attestation", "attestation.json", "--subject", Self.artifact.uppercased().replacingOccurrences(of: "SHA256", with: "sha256"), "--max-age", "1h").status == 0)
        // An independent key file: the ledger key exported as PEM, trusted explicitly.
        fixture.write("ledger.pem", try fixture.run("key", "export", "--format", "pem").stdout)
        let json = try fixture.run("verify", "--attestation", "attestation.json", "--subject", Self.artifact, "--key", "ledger.pem", "--json")
        #expect(json.status == 0, "\(json.stdout)\(json.stderr)")
        let decision = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(decision["admitted"] as? Bool == true)
        #expect(decision["commit"] as? String == commit)
    }

    @Test func otherSubjectsTamperingAndBadOptionsAreDenied() throws {
        let (fixture, _) = try Self.attestedProject()
        defer { fixture.remove() }
        let other = try fixture.run("verify", "--attestation", "attestation.json", "--subject", "sha256:" + String(repeating: "cd", count: 32))
        #expect(other.status == 1)
        #expect(other.stdout.hasPrefix("deny:"), "\(other.stdout)")
        // One character of the signature changed.
        let text = try String(contentsOfFile: fixture.directory.file("attestation.json"), encoding: .utf8)
        let signature = try #require(text.range(of: #""sig":""#))
        var tampered = text
        let target = tampered.index(signature.upperBound, offsetBy: 5)
        tampered.replaceSubrange(target...target, with: tampered[target] == "A" ? "B" : "A")
        fixture.write("tampered.json", tampered)
        let denied = try fixture.run("verify", "--attestation", "tampered.json", "--subject", Self.artifact)
        #expect(denied.status == 1, "\(denied.stdout)")
        #expect(denied.stdout.contains("signature"), "\(denied.stdout)")
        #expect(try fixture.run("verify", "--attestation", "attestation.json", "--subject", Self.artifact, "--max-age", "soon").status == 2)
        #expect(try fixture.run("verify", "--attestation", "missing.json", "--subject", Self.artifact).status == 3)
        #expect(try fixture.run("check", ".", "--attest", "x.json", "--no-record").status == 2)
        #expect(try fixture.run("check", ".", "--attest", "x.json", "--subject", "c=gitCommit:" + String(repeating: "a", count: 40)).status == 2)
        #expect(try fixture.run("check", ".", "--attest", "x.json", "--subject", "app=md5:00").status == 2)
    }

    /// The verdict must be on the commit it names: not a tree with uncommitted changes, not a subfolder.
    @Test func onlyACleanCheckoutCanBeAttested() throws {
        let (fixture, _) = try Self.attestedProject()
        defer { fixture.remove() }
        fixture.write("main.swift", "print(\"edited, not committed\")\n")
        let dirty = try fixture.run("check", ".", "--attest", "dirty.json")
        #expect(dirty.status == 2, "\(dirty.stdout)\(dirty.stderr)")
        #expect(dirty.stderr.contains("differ from the commit"), "\(dirty.stderr)")
        #expect(!FileManager.default.fileExists(atPath: fixture.directory.file("dirty.json")))
        try FileManager.default.createDirectory(atPath: fixture.directory.file("sub"), withIntermediateDirectories: true)
        try GateCommandTests.git(fixture.directory.path, "checkout", "-q", "--", "main.swift")
        let sub = try fixture.run("check", "sub", "--attest", "sub.json")
        #expect(sub.status == 2, "\(sub.stdout)\(sub.stderr)")
        #expect(sub.stderr.contains("not the top of its work tree"), "\(sub.stderr)")
    }

    /// A deploy step's check: the attestation must be for the commit being deployed.
    @Test func aDeployRequiresAnAttestationOfItsCommit() throws {
        let (fixture, _) = try Self.attestedProject()
        defer { fixture.remove() }
        let same = try fixture.run("check", ".", "--require-attestation", "attestation.json")
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        fixture.write("main.swift", "print(\"changed\")\n")
        try GateCommandTests.git(fixture.directory.path, "commit", "-q", "-am", "second")
        let next = try fixture.run("check", ".", "--require-attestation", "attestation.json")
        #expect(next.status == 1, "\(next.stdout)")
        #expect(next.stdout.contains("no valid attestation for commit"), "\(next.stdout)")
        // Back at the attested commit, but under another policy than the one attested.
        try GateCommandTests.git(fixture.directory.path, "reset", "-q", "--hard", "HEAD~1")
        fixture.write("charter.yml", "version: 1\ngates:\n  secrets:\n    fail-on: [high]\n")
        let otherPolicy = try fixture.run("check", ".", "--require-attestation", "attestation.json")
        #expect(otherPolicy.status == 1, "\(otherPolicy.stdout)")
        #expect(otherPolicy.stdout.contains("policy"), "\(otherPolicy.stdout)")
    }

    /// A failing verdict can be attested (the record is the record), and is never admitted.
    @Test func aFailingVerdictIsAttestedButNotAdmitted() throws {
        let fixture = try GateCommandTests.project()
        defer { fixture.remove() }
        try GateCommandTests.git(fixture.directory.path, "init", "-q")
        try GateCommandTests.git(fixture.directory.path, "add", ".")
        try GateCommandTests.git(fixture.directory.path, "commit", "-q", "-m", "with a token")
        #expect(try fixture.run("check", ".", "--attest", "failing.json").status == 1)
        let verify = try fixture.run("verify", "--attestation", "failing.json", "--subject", "gitCommit:\(try Self.head(fixture))")
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("fail"), "\(verify.stdout)")
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: fixture.directory.file("failing.json")))) as? [String: Any])
        let payload = try #require(envelope["payload"] as? String)
        let statement = String(decoding: try #require(Data(base64Encoded: payload)), as: UTF8.self)
        #expect(statement.contains("\"verdict\":\"fail\""), "\(statement)")
        #expect(!statement.contains(GateCommandTests.token), "the attestation carries fingerprints, never the secret")
    }
}
