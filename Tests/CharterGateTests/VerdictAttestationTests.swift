import CharterCore
import CharterGate
import CharterLedger
import Foundation
import Testing

/// What `charter check --attest` signs: an in-toto Statement v1 about the commit and the named
/// artifacts, with Charter's verdict predicate, serialized the same way every time, read back
/// strictly, and refused when the ledger evidence does not belong to the verdict.
@Suite struct VerdictAttestationTests {
    typealias A = AttestationFixture

    @Test func statementHasTheInTotoShape() throws {
        let fixture = try A()
        let envelope = try fixture.envelope()
        #expect(envelope.payloadType == "application/vnd.in-toto+json")
        let statement = try JSONParser.parse(envelope.payload)
        #expect(statement["_type"] == "https://in-toto.io/Statement/v1")
        #expect(statement["predicateType"] == "https://charter.dev/attestation/verdict/v1")
        #expect(statement["subject"] == [
            ["name": "commit", "digest": ["gitCommit": .string(A.commit)]],
            ["name": "app.tar", "digest": ["sha256": .string(A.imageHex)]],
        ])
        let predicate = try #require(statement["predicate"])
        #expect(predicate["verdict"] == "pass")
        #expect(predicate["commit"] == .string(A.commit))
        #expect(predicate["created"] == "2026-02-01T12:00:00.000Z")
        #expect(predicate["tool"] == ["name": "charter", "version": "0.5.0"])
        #expect(predicate["policy"] == ["digest": .string(A.policy.digest), "file": "charter.yml"])
        #expect(predicate["gates"] == [
            ["name": "secrets", "passed": true, "counts": ["failing": 0, "belowThreshold": 1, "waived": 1, "baselined": 0]],
            ["name": "deps", "passed": true, "counts": ["failing": 0, "belowThreshold": 0, "waived": 0, "baselined": 0]],
        ])
        #expect(predicate["waivers"] == [["id": "W-001", "reason": "fixture token, rotated", "approver": "bob@example.com", "expires": "2026-03-31"]])
        let ledger = try #require(predicate["ledger"])
        #expect(ledger["entry"] == (try fixture.evidence.entry.jsonValue()))
        #expect(ledger["proof"]?["index"] == 5)
        #expect(ledger["proof"]?["treeSize"] == 8)
        #expect(ledger["proof"]?["leafHash"] == .string(Data(MerkleHash.leaf(fixture.evidence.entry.canonicalBytes)).base64EncodedString()))
        #expect(ledger["proof"]?["hashes"]?.arrayValue?.count == 3)
        #expect(ledger["checkpoint"]?.stringValue?.hasPrefix("ci.example.com/charter\n8\n") == true)
    }

    @Test func payloadIsCanonicalJSONWithTheEntryBytesVerbatim() throws {
        let fixture = try A()
        let payload = try fixture.envelope().payload
        #expect(try CanonicalJSON.canonicalize(payload) == payload)
        #expect(payload.firstRange(of: fixture.evidence.entry.canonicalBytes) != nil)
        #expect(try fixture.envelope().payload == payload, "the same verdict at the same time signs the same bytes")
    }

    @Test func neverCarriesAFindingsPreviewOrFingerprint() throws {
        let fixture = try A(passing: false)
        let payload = String(decoding: try fixture.envelope().payload, as: UTF8.self)
        #expect(!payload.contains("FAKE"))
        // Fingerprints live in the ledger entry's payload only; the predicate counts.
        let predicate = try #require(try JSONParser.parse(Array(payload.utf8))["predicate"])
        let withoutLedger = A.replacing(["ledger"], in: predicate) { _ in .null }
        #expect(!(try CanonicalJSON.string(withoutLedger)).contains("hmac-sha256:"))
    }

    @Test func statementAndPredicateReadBackEqual() throws {
        let fixture = try A()
        let attestation = try fixture.attestation()
        let statement = try InTotoStatement(parsing: try attestation.statement.serialized(), source: "a.json")
        #expect(statement == attestation.statement)
        #expect(try VerdictPredicate(json: statement.predicate, source: "a.json") == attestation.predicate)
    }

    @Test func noCommitAndNoArtifactIsNothingToAttest() throws {
        let fixture = try A()
        let verdict = Verdict(gates: fixture.verdict.gates, policy: A.policy, commit: nil)
        #expect {
            try VerdictAttestation(verdict: verdict, waivers: A.waivers, artifacts: [], ledger: fixture.evidence, created: A.created, toolVersion: "0.5.0")
        } throws: { ($0 as? GateError)?.code == .subjectInvalid }
    }

    @Test func refusesEvidenceOfAnotherEntry() throws {
        let fixture = try A()
        let other = try A.evidence(for: 3, in: fixture.entries, signedBy: fixture.signer)
        #expect {
            try fixture.attestation(evidence: other)
        } throws: { error in
            (error as? GateError)?.code == .evidenceMismatch && "\(error)".contains("ledger entry 3 is not the gate.verdict record")
        }
    }

    @Test func refusesAProofForAnotherTreeSize() throws {
        let fixture = try A()
        let smaller = try A.evidence(for: 5, in: Array(fixture.entries.prefix(6)), signedBy: fixture.signer)
        let mixed = LedgerEvidence(entry: fixture.evidence.entry, proof: smaller.proof, checkpoint: fixture.evidence.checkpoint)
        #expect {
            try fixture.attestation(evidence: mixed)
        } throws: { error in
            (error as? GateError)?.code == .evidenceMismatch && "\(error)".contains("does not lead to the checkpoint's root")
        }
    }

    @Test func refusesAWaiverTheVerdictUsedButThePolicyLacks() throws {
        let fixture = try A()
        #expect {
            try VerdictAttestation(verdict: fixture.verdict, waivers: [], artifacts: [], ledger: fixture.evidence, created: A.created, toolVersion: "0.5.0")
        } throws: { "\($0)".contains("waiver W-001") }
    }

    // MARK: Subjects

    @Test(arguments: [
        ("app.tar=sha256:" + String(repeating: "AB", count: 32), "app.tar", "sha256", String(repeating: "ab", count: 32)),
        ("ghcr.io/acme/api=sha512:" + String(repeating: "0", count: 128), "ghcr.io/acme/api", "sha512", String(repeating: "0", count: 128)),
        ("src=gitCommit:" + A.commit, "src", "gitCommit", A.commit),
    ])
    func subjectsParse(text: String, name: String, algorithm: String, hex: String) throws {
        let subject = try StatementSubject(parsing: text)
        #expect(subject.name == name)
        #expect(subject.digest == [algorithm: hex])
    }

    @Test(arguments: [
        "app.tar", "=sha256:" + String(repeating: "a", count: 64), "a=sha256", "a=sha256:abc",
        "a=md5:" + String(repeating: "a", count: 32), "a=sha1:" + String(repeating: "a", count: 40),
        "a=sha256:" + String(repeating: "g", count: 64), "a=gitCommit:" + String(repeating: "a", count: 39),
    ])
    func malformedSubjectsAreUsageErrors(text: String) {
        #expect { try StatementSubject(parsing: text) } throws: { ($0 as? GateError)?.code == .subjectInvalid }
    }

    // MARK: Strict reading

    static let malformedStatements: [(String, String)] = [
        (#"{"_type":"t","subject":[],"predicateType":"p"}"#, ""),
        (#"{"subject":[],"predicateType":"p"}"#, #"field "_type" is missing"#),
        (#"{"_type":"t","predicateType":"p"}"#, #"field "subject" is missing"#),
        (#"{"_type":"t","subject":[{"name":"a"}],"predicateType":"p"}"#, #"field "subject[0].digest" is missing"#),
        (#"{"_type":"t","subject":[{"digest":{"sha256":1}}],"predicateType":"p"}"#, #"field "subject[0].digest.sha256" must be a string"#),
        (#"{"_type":"t","subject":[],"predicateType":7}"#, #"field "predicateType" must be a string"#),
        (#"{"_type":"t","subject":[],"predicateType":"p","predicate":[]}"#, #"field "predicate" must be a JSON object"#),
        (#"{"_type":"t","subject":[]"#, "the payload is not a JSON in-toto Statement"),
    ]

    @Test(arguments: malformedStatements)
    func statementReadingNamesTheField(json: String, message: String) {
        let result = Result { try InTotoStatement(parsing: Array(json.utf8), source: "a.json") }
        switch result {
        case .success: #expect(message.isEmpty, "expected an error saying \(message)")
        case .failure(let error): #expect(!message.isEmpty && "\(error)".contains(message) && "\(error)".contains("a.json payload"), "\(error)")
        }
    }

    static let predicateBreakers: [([String], JSONValue, String)] = [
        (["verdict"], "maybe", #"field "predicate.verdict" must be "pass" or "fail""#),
        (["gates", "1", "counts", "failing"], -1, #"field "predicate.gates[1].counts.failing" must be a non-negative integer"#),
        (["gates", "0", "passed"], "yes", #"field "predicate.gates[0].passed" must be true or false"#),
        (["policy", "digest"], .null, #"field "predicate.policy.digest" is missing"#),
        (["waivers", "0", "approver"], 3, #"field "predicate.waivers[0].approver" must be a string"#),
        (["tool"], "charter", #"field "predicate.tool" must be a JSON object"#),
        (["created"], .null, #"field "predicate.created" is missing"#),
        (["ledger", "checkpoint"], .null, #"field "predicate.ledger.checkpoint" is missing"#),
        (["ledger", "proof", "leafHash"], "AAAA", #"field "predicate.ledger.proof" is not an inclusion proof"#),
        (["ledger", "entry", "kind"], "Gate Verdict", "kind \"Gate Verdict\" is not valid"),
        (["ledger", "entry", "time"], 5, #"field "predicate.ledger.entry": field "time" is missing or not a string"#),
    ]

    @Test(arguments: predicateBreakers)
    func predicateReadingNamesTheField(path: [String], value: JSONValue, message: String) throws {
        let predicate = try A().attestation().predicate.jsonValue()
        let broken = A.replacing(path, in: predicate) { _ in value }
        #expect {
            try VerdictPredicate(json: broken, source: "a.json payload")
        } throws: { "\($0)".contains(message) }
    }

    @Test func commitAndPolicyFileMayBeNull() throws {
        let predicate = try A().attestation().predicate
        var json = A.replacing(["commit"], in: try predicate.jsonValue()) { _ in .null }
        json = A.replacing(["policy", "file"], in: json) { _ in .null }
        let read = try VerdictPredicate(json: json, source: "a.json")
        #expect(read.commit == nil && read.policyFile == nil)
        #expect(read.policyDigest == predicate.policyDigest)
    }
}
