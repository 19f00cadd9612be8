import CharterCore
import CharterGate
import CharterLedger
import Foundation
import Testing

/// Deploy admission: an honest attestation is admitted with a vkey or a PEM key, and every kind
/// of tampering, staleness or mismatch is denied with a reason that names it.
@Suite struct AttestationVerifierTests {
    typealias A = AttestationFixture

    // MARK: Admit

    @Test func admitsAnHonestAttestation() throws {
        let fixture = try A()
        let decision = try fixture.decide(try fixture.envelope().encoded())
        #expect(decision.admitted, "\(decision.reasons)")
        #expect(decision.primaryReason == nil)
        #expect(decision.signedBy == [AttestationKey(verifier: fixture.signer.verifier).keyID])
        #expect(decision.predicate?.ledger.entry.index == 5)
        #expect(decision.jsonValue["admitted"] == true)
        #expect(decision.jsonValue["verdict"] == "pass")
    }

    @Test func admitsWithAPEMKeyForTheSignatureAndTheCheckpoint() throws {
        let fixture = try A()
        let key = try AttestationKey(text: fixture.signer.verifier.pem, source: "ledger.pem")
        #expect(key.noteVerifier == nil)
        let decision = AttestationVerifier(signingKeys: [key]).verify(
            envelope: try fixture.envelope().encoded(), source: "attestation.json", requirements: try A.requirements())
        #expect(decision.admitted, "\(decision.reasons)")
    }

    @Test(arguments: [
        "gitCommit:" + A.commit,
        "gitCommit:" + A.commit.uppercased(),
        "sha256:" + A.imageHex.uppercased(),
    ])
    func admitsEverySubjectCaseInsensitively(subject: String) throws {
        let fixture = try A()
        let decision = try fixture.decide(try fixture.envelope().encoded(), try A.requirements(subject: try SubjectDigest(parsing: subject)))
        #expect(decision.admitted, "\(decision.reasons)")
    }

    @Test func separateLogKeyVerifiesTheCheckpoint() throws {
        let log = try NoteSigner.generate(name: "log.example.com")
        let fixture = try A(logSigner: log)
        let bytes = try fixture.envelope().encoded()
        #expect(try fixture.decide(bytes, logKeys: [AttestationKey(verifier: log.verifier)]).admitted)
        let denied = try fixture.decide(bytes)
        #expect(denied.reasons.count == 1)
        #expect(denied.primaryReason?.contains("ledger proof:") == true)
        #expect(denied.primaryReason?.contains("log.example.com") == true)
    }

    @Test func signatureByAnUnknownKeyBesideATrustedOneIsIgnored() throws {
        let fixture = try A()
        let envelope = try fixture.envelope()
        let stranger = try DSSEEnvelope.sign(payload: envelope.payload, payloadType: envelope.payloadType, with: try NoteSigner.generate(name: "stranger"))
        let both = DSSEEnvelope(payloadType: envelope.payloadType, payload: envelope.payload, signatures: stranger.signatures + envelope.signatures)
        #expect(try fixture.decide(try both.encoded()).admitted)
    }

    @Test func keyIDIsOnlyAHint() throws {
        let fixture = try A()
        let envelope = try fixture.envelope()
        let unhinted = DSSEEnvelope(payloadType: envelope.payloadType, payload: envelope.payload, signatures: [DSSESignature(keyid: "", sig: envelope.signatures[0].sig)])
        #expect(try fixture.decide(try unhinted.encoded()).admitted)
    }

    // MARK: Deny

    enum Tamper: String, CaseIterable {
        case flippedPayloadByte, wrongPayloadType, swappedSignature, invalidBesideValidSignature, wrongKey, noSignatures, wrongSubject, failingVerdict
        case expired, datedInTheFuture, policyNotAllowed, alteredPolicyDigest, alteredVerdict, alteredProof, alteredCheckpoint
        case alteredEntry, proofOfAnotherEntry, checkpointByUntrustedKey, notAStatement, otherPredicateType, garbage
    }

    /// The envelope bytes and requirements for each tampering, and what the first reason must say.
    static func tampered(_ tamper: Tamper, _ fixture: A) throws -> (bytes: [UInt8], requirements: AttestationVerifier.Requirements, reason: String) {
        let envelope = try fixture.envelope()
        let honest = try envelope.encoded()
        let standard = try A.requirements()
        let badSignature = "does not verify over the payload"
        switch tamper {
        case .flippedPayloadByte:
            var payload = envelope.payload
            let digit = try #require(payload.firstRange(of: Array(A.imageHex.utf8))).upperBound - 1
            payload[digit] ^= 0x01
            return (try DSSEEnvelope(payloadType: envelope.payloadType, payload: payload, signatures: envelope.signatures).encoded(), standard, badSignature)
        case .wrongPayloadType:
            let signed = try DSSEEnvelope.sign(payload: envelope.payload, payloadType: "application/json", with: fixture.signer)
            return (try signed.encoded(), standard, "the payload type is \"application/json\"")
        case .swappedSignature:
            let other = try fixture.envelope(created: A.created.addingTimeInterval(-60))
            return (try DSSEEnvelope(payloadType: envelope.payloadType, payload: envelope.payload, signatures: other.signatures).encoded(), standard, badSignature)
        case .invalidBesideValidSignature:
            let other = try fixture.envelope(created: A.created.addingTimeInterval(-60))
            let both = DSSEEnvelope(payloadType: envelope.payloadType, payload: envelope.payload, signatures: envelope.signatures + other.signatures)
            return (try both.encoded(), standard, "signature 2 names trusted key")
        case .wrongKey:
            let mallory = try NoteSigner.generate(name: "ci.example.com/charter")
            let forged = try DSSEEnvelope.sign(payload: envelope.payload, payloadType: envelope.payloadType, with: mallory)
            return (try forged.encoded(), standard, "no signature is by a trusted key")
        case .noSignatures:
            return (try DSSEEnvelope(payloadType: envelope.payloadType, payload: envelope.payload, signatures: []).encoded(), standard, "no signatures")
        case .wrongSubject:
            return (honest, try A.requirements(subject: try SubjectDigest(algorithm: "sha256", hex: String(repeating: "0", count: 64))), "no subject is sha256:0000")
        case .failingVerdict:
            let failing = try A(passing: false, signer: fixture.signer)
            return (try failing.envelope().encoded(), standard, "the verdict is fail (secrets failed)")
        case .expired:
            return (honest, try A.requirements(maxAge: 86_400, now: A.created.addingTimeInterval(90_000)), "made 1d 1h ago")
        case .datedInTheFuture:
            return (honest, try A.requirements(now: A.created.addingTimeInterval(-3600)), "1h in the future")
        case .policyNotAllowed:
            return (honest, try A.requirements(policies: ["sha256:" + String(repeating: "e2", count: 32)]), "not an allowed policy")
        case .alteredPolicyDigest:
            let bytes = try fixture.resigned(["policy", "digest"]) { _ in .string("sha256:" + String(repeating: "e2", count: 32)) }
            return (bytes, standard, "was judged under policy sha256:d1d1")
        case .alteredVerdict:
            let failing = try A(passing: false, signer: fixture.signer)
            let bytes = try failing.resigned(["verdict"]) { _ in "pass" }
            return (bytes, standard, "records verdict fail, but the attestation says pass")
        case .alteredProof:
            let bytes = try fixture.resigned(["ledger", "proof", "hashes", "0"]) { _ in .string(Data(repeating: 7, count: 32).base64EncodedString()) }
            return (bytes, standard, "does not lead from entry 5 to the checkpoint's root")
        case .alteredCheckpoint:
            let bytes = try fixture.resigned(["ledger", "checkpoint"]) { note in
                let lines = note.stringValue?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
                let root = Data(repeating: 9, count: 32).base64EncodedString()
                return .string(([lines[0], lines[1], Substring(root)] + lines.dropFirst(3)).joined(separator: "\n"))
            }
            return (bytes, standard, "does not verify: the checkpoint was forged or altered")
        case .alteredEntry:
            let bytes = try fixture.resigned(["ledger", "entry", "actor"]) { _ in "mallory@example.com" }
            return (bytes, standard, "the entry was altered")
        case .proofOfAnotherEntry:
            let other = try A.evidence(for: 2, in: fixture.entries, signedBy: fixture.signer)
            let bytes = try fixture.resigned(["ledger"]) { _ in try other.jsonValue() }
            return (bytes, standard, "ledger entry 2 is a custom.note entry, not the gate.verdict record")
        case .checkpointByUntrustedKey:
            let rogue = try A(signer: fixture.signer, logSigner: try NoteSigner.generate(name: "ci.example.com/charter"))
            return (try rogue.envelope().encoded(), standard, "none of which is the key given")
        case .notAStatement:
            let statement = try fixture.attestation().statement
            let other = InTotoStatement(subjects: statement.subjects, predicateType: statement.predicateType, predicate: statement.predicate, type: "https://in-toto.io/Statement/v0.1")
            let signed = try DSSEEnvelope.sign(payload: try other.serialized(), payloadType: DSSEEnvelope.inTotoPayloadType, with: fixture.signer)
            return (try signed.encoded(), standard, "the statement type is \"https://in-toto.io/Statement/v0.1\"")
        case .otherPredicateType:
            let statement = try fixture.attestation().statement
            let other = InTotoStatement(subjects: statement.subjects, predicateType: "https://slsa.dev/provenance/v1", predicate: statement.predicate)
            let signed = try DSSEEnvelope.sign(payload: try other.serialized(), payloadType: DSSEEnvelope.inTotoPayloadType, with: fixture.signer)
            return (try signed.encoded(), standard, "the predicate type is https://slsa.dev/provenance/v1")
        case .garbage:
            return (Array(#"{"payloadType":"application/vnd.in-toto+json","payload":"not base64!","signatures":[]}"#.utf8), standard, "field \"payload\" is not base64")
        }
    }

    @Test(arguments: Tamper.allCases)
    func deniesTampering(_ tamper: Tamper) throws {
        let fixture = try A()
        let (bytes, requirements, reason) = try Self.tampered(tamper, fixture)
        let decision = try fixture.decide(bytes, requirements)
        #expect(!decision.admitted)
        let primary = try #require(decision.primaryReason)
        #expect(primary.contains(reason), "\(tamper): \(decision.reasons)")
        #expect(decision.jsonValue["admitted"] == false)
    }

    @Test func denialListsEveryReasonSignatureFirst() throws {
        let failing = try A(passing: false)
        let envelope = try failing.envelope()
        var payload = envelope.payload
        let digit = try #require(payload.firstRange(of: Array(A.commit.utf8))).lowerBound
        payload[digit] = UInt8(ascii: "5")
        let altered = try DSSEEnvelope(payloadType: envelope.payloadType, payload: payload, signatures: envelope.signatures).encoded()
        let decision = try failing.decide(altered, try A.requirements(maxAge: 3600, now: A.created.addingTimeInterval(7200)))
        // The first copy of the commit in canonical order is the predicate's own `commit`.
        #expect(decision.reasons.count == 5, "\(decision.reasons)")
        #expect(decision.reasons[0].contains("does not verify over the payload"))
        #expect(decision.reasons.contains { $0.contains("the verdict was reached on commit 5b825dc6") })
        #expect(decision.reasons.contains { $0.contains("ledger entry 5 is for commit 4b825dc6") })
        #expect(decision.reasons.contains { $0.contains("the verdict is fail") })
        #expect(decision.reasons.contains { $0.contains("made 2h ago") })
        #expect(decision.signedBy.isEmpty)
    }

    @Test func noTrustedKeyDeniesEvenAnHonestAttestation() throws {
        let fixture = try A()
        let decision = AttestationVerifier(signingKeys: []).verify(envelope: try fixture.envelope().encoded(), source: "a.json", requirements: try A.requirements())
        #expect(decision.reasons.first?.contains("no key is trusted to sign attestations") == true)
        #expect(decision.reasons.contains { $0.contains("no key is trusted to sign the ledger's checkpoints") })
    }

    @Test(arguments: ["", "ci.example.com+0000+AAAA", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"])
    func unreadableKeysNameTheirFile(text: String) {
        #expect {
            try AttestationKey(text: text, source: "deploy.pub")
        } throws: { error in
            (error as? LedgerError)?.code == .keyInvalid && "\(error)".hasPrefix("deploy.pub: ")
        }
    }

    @Test func vkeyAndPEMFormsShareOneKeyID() throws {
        let signer = try NoteSigner.generate(name: "ci.example.com/charter")
        let fromVkey = try AttestationKey(text: signer.verifier.vkey, source: "a.pub")
        let fromPEM = try AttestationKey(text: signer.verifier.pem, source: "a.pem")
        #expect(fromVkey.keyID == fromPEM.keyID)
        #expect(fromVkey.keyID.count == 64)
        #expect(fromVkey.noteVerifier == signer.verifier)
    }

    @Test func policyAllowListAcceptsTheRecordedDigestInAnyCase() throws {
        let fixture = try A()
        let allowed = [A.policy.digest.uppercased().replacingOccurrences(of: "SHA256:", with: "sha256:"), "sha256:" + String(repeating: "0", count: 64)]
        #expect(try fixture.decide(try fixture.envelope().encoded(), try A.requirements(policies: allowed)).admitted)
    }

    @Test(arguments: [(0, "0s"), (59, "59s"), (61, "1m 1s"), (3600, "1h"), (90_000, "1d 1h"), (86_400 * 3 + 59, "3d")] as [(Double, String)])
    func agesReadAsPeopleSayThem(seconds: Double, text: String) {
        #expect(AgeText.describe(seconds) == text)
    }

    @Test(arguments: [("24h", 86_400), ("90m", 5400), ("7d", 604_800), ("45s", 45), ("1d12h", 129_600), ("2h30m", 9000)] as [(String, Double)])
    func maxAgesParse(text: String, seconds: Double) {
        #expect(AgeText.parse(text) == seconds)
    }

    @Test(arguments: ["", "24", "h", "-1h", "1.5h", "24 h", "1y", "1h1h", "99999999999999999999d", "0h"])
    func malformedMaxAgesAreRefused(text: String) {
        #expect(AgeText.parse(text) == nil)
    }
}
