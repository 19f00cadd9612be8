import CharterCore
import CharterGate
import CharterLedger
import CharterTestSupport
import Foundation
import Testing

/// An independent DSSE implementation, Python's securesystemslib, verifies Charter's envelopes
/// (deriving the key id from the PEM key by itself), and Charter admits an envelope that
/// securesystemslib signed. The verify script is the command docs/attestations.md prints.
@Suite(.enabled(if: SecureSystemsLib.available || ExternalTool.isCI, "needs python3 with securesystemslib and cryptography (pip install securesystemslib cryptography)"))
struct AttestationInteropTests {
    typealias A = AttestationFixture

    @Test func securesystemslibVerifiesCharterEnvelopes() throws {
        try #require(SecureSystemsLib.available, "python3 with securesystemslib must be installed (CI=true)")
        let fixture = try A()
        let folder = try TemporaryDirectory("charter-dsse")
        defer { folder.remove() }
        let envelope = try fixture.envelope()
        try Data(try envelope.encoded()).write(to: URL(fileURLWithPath: folder.file("attestation.json")))
        try Data(fixture.signer.verifier.pem.utf8).write(to: URL(fileURLWithPath: folder.file("ledger.pem")))
        let run = try ExternalTool.run("python3", ["-c", SecureSystemsLib.verify, folder.file("attestation.json"), folder.file("ledger.pem")])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output == "verified application/vnd.in-toto+json https://in-toto.io/Statement/v1 https://charter.dev/attestation/verdict/v1 pass\n")

        // The same script refuses a flipped payload byte, so the agreement above means something.
        var payload = envelope.payload
        payload[payload.count / 2] ^= 0x20
        let tampered = DSSEEnvelope(payloadType: envelope.payloadType, payload: payload, signatures: envelope.signatures)
        try Data(try tampered.encoded()).write(to: URL(fileURLWithPath: folder.file("tampered.json")))
        let refused = try ExternalTool.run("python3", ["-c", SecureSystemsLib.verify, folder.file("tampered.json"), folder.file("ledger.pem")])
        #expect(refused.status != 0)
        #expect(refused.output.contains("VerificationError"))
    }

    @Test func charterAdmitsAnEnvelopeSecureSystemsLibSigned() throws {
        try #require(SecureSystemsLib.available, "python3 with securesystemslib must be installed (CI=true)")
        let fixture = try A()
        let folder = try TemporaryDirectory("charter-dsse")
        defer { folder.remove() }
        try Data(try fixture.attestation().statement.serialized()).write(to: URL(fileURLWithPath: folder.file("statement.json")))
        let run = try ExternalTool.run("python3", ["-c", SecureSystemsLib.sign, folder.file("statement.json"), folder.file("envelope.json"), folder.file("signer.pem")])
        try #require(run.status == 0, "\(run.output)")
        let pem = try String(contentsOfFile: folder.file("signer.pem"), encoding: .utf8)
        let pythonKey = try AttestationKey(text: pem, source: "signer.pem")
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: folder.file("envelope.json"))))
        // Python signed the statement; the ledger's key still vouches for the checkpoint.
        let verifier = AttestationVerifier(signingKeys: [pythonKey], logKeys: [AttestationKey(verifier: fixture.signer.verifier)])
        let decision = verifier.verify(envelope: bytes, source: "envelope.json", requirements: try A.requirements())
        #expect(decision.admitted, "\(decision.reasons)")
        #expect(decision.signedBy == [pythonKey.keyID])
        // Trusting only the ledger's key, the Python signature is not enough.
        let strict = fixture.verifier().verify(envelope: bytes, source: "envelope.json", requirements: try A.requirements())
        #expect(strict.primaryReason?.contains("no signature is by a trusted key") == true)
    }
}

/// Python's securesystemslib, run from tests as an independent DSSE implementation.
enum SecureSystemsLib {
    static let available: Bool = (try? ExternalTool.run("python3", ["-c", "import securesystemslib.dsse, securesystemslib.signer, cryptography"]).status) == 0

    /// `python3 -c "$verify" ENVELOPE PEM`: verifies with the key id Charter documents (SHA-256
    /// of the DER public key), prints what was verified, exits non-zero otherwise.
    static let verify = """
        import hashlib, json, sys
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_public_key
        from securesystemslib.dsse import Envelope
        from securesystemslib.signer import SSlibKey
        envelope = Envelope.from_dict(json.load(open(sys.argv[1])))
        public = load_pem_public_key(open(sys.argv[2], "rb").read())
        keyid = hashlib.sha256(public.public_bytes(Encoding.DER, PublicFormat.SubjectPublicKeyInfo)).hexdigest()
        envelope.verify([SSlibKey.from_crypto(public, keyid=keyid)], 1)
        statement = json.loads(envelope.payload)
        print("verified", envelope.payload_type, statement["_type"], statement["predicateType"], statement["predicate"]["verdict"])
        """

    /// `python3 -c "$sign" STATEMENT ENVELOPE PEM`: signs the statement's bytes with a new
    /// Ed25519 key (securesystemslib's own key id) and writes the envelope and the public key.
    static let sign = """
        import json, sys
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
        from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
        from securesystemslib.dsse import Envelope
        from securesystemslib.signer import CryptoSigner
        private = Ed25519PrivateKey.generate()
        envelope = Envelope(open(sys.argv[1], "rb").read(), "application/vnd.in-toto+json", {})
        envelope.sign(CryptoSigner(private))
        json.dump(envelope.to_dict(), open(sys.argv[2], "w"))
        open(sys.argv[3], "wb").write(private.public_key().public_bytes(Encoding.PEM, PublicFormat.SubjectPublicKeyInfo))
        """
}
