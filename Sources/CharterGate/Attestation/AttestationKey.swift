import CharterCore
import CharterLedger
import Crypto
import Foundation

/// An Ed25519 public key trusted to sign attestations or the ledger's checkpoints, read from a
/// C2SP vkey (`charter key export`) or a PEM SubjectPublicKeyInfo (`--format pem`, openssl).
package struct AttestationKey: Sendable, Equatable {
    package let publicKey: [UInt8]
    /// The signed-note identity when the key came from a vkey; a PEM key carries no name.
    package let noteVerifier: NoteVerifier?

    package init(verifier: NoteVerifier) {
        publicKey = verifier.publicKey
        noteVerifier = verifier
    }

    package init(publicKey: [UInt8]) throws {
        guard publicKey.count == 32 else {
            throw LedgerError(.keyInvalid, "an Ed25519 public key is 32 bytes, got \(publicKey.count)")
        }
        self.publicKey = publicKey
        noteVerifier = nil
    }

    /// A vkey or a PEM public key; `source` names the file in errors.
    package init(text: String, source: String) throws {
        do {
            if text.contains("-----BEGIN PUBLIC KEY-----") {
                try self.init(publicKey: try NoteVerifier.publicKey(pem: text))
            } else {
                self.init(verifier: try NoteVerifier(vkey: text))
            }
        } catch let error as LedgerError {
            throw LedgerError(error.code, "\(source): \(error.message)")
        }
    }

    /// Lowercase hex SHA-256 of the key's DER SubjectPublicKeyInfo: the same for the vkey and the
    /// PEM form, and computable with `openssl pkey -pubin -outform DER | sha256sum`.
    package var keyID: String {
        LowercaseHex.string(SHA256.hash(data: NoteVerifier.subjectPublicKeyInfo(publicKey)))
    }

    package func verifies(_ signature: [UInt8], over message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }

    /// The note verifiers this key stands for on `note`: its own vkey identity, or for a PEM key
    /// the names the note's signature lines claim. A claimed name only helps a signature whose
    /// key id (a hash of name and key) and Ed25519 signature both check out under this key.
    func noteVerifiers(for note: SignedNote) -> [NoteVerifier] {
        if let noteVerifier { return [noteVerifier] }
        return Set(note.signatures.map(\.name)).sorted().compactMap { try? NoteVerifier(name: $0, publicKey: publicKey) }
    }
}
