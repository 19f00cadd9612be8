import Crypto
import Foundation

/// An Ed25519 note signer; its text form is the note signer key
/// `PRIVATE+KEY+<name>+<hex key id>+base64(0x01 || seed)`.
package struct NoteSigner: Sendable {
    package let verifier: NoteVerifier
    /// The 32-byte Ed25519 seed; the key type itself is not `Sendable`.
    private let seed: [UInt8]

    package var name: String { verifier.name }

    package static func generate(name: String) throws -> NoteSigner {
        try NoteSigner(name: name, privateKey: Curve25519.Signing.PrivateKey())
    }

    package init(skey: String) throws {
        let text = skey.trimmingCharacters(in: .whitespacesAndNewlines)
        // Names hold no '+', but base64 may: split off the fixed prefix, the name and the id only.
        let parts = text.split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY", let id = UInt32(parts[3], radix: 16),
              let material = Data(base64Encoded: String(parts[4])), material.count == 33, material.first == 0x01,
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: material.dropFirst())
        else {
            throw LedgerError(.keyInvalid, "not an Ed25519 signing key: expected PRIVATE+KEY+NAME+KEYID+BASE64 as written by `charter init`")
        }
        try self.init(name: String(parts[2]), privateKey: key)
        guard verifier.keyID == id else {
            throw LedgerError(.keyInvalid, "signing key \(parts[2]) says key id \(parts[3]) but its key hashes to \(NoteKeyName.hex(verifier.keyID)); the key was altered")
        }
    }

    private init(name: String, privateKey: Curve25519.Signing.PrivateKey) throws {
        self.seed = Array(privateKey.rawRepresentation)
        self.verifier = try NoteVerifier(name: name, publicKey: Array(privateKey.publicKey.rawRepresentation))
    }

    package var skey: String {
        "PRIVATE+KEY+\(name)+\(NoteKeyName.hex(verifier.keyID))+\(Data([0x01] + seed).base64EncodedString())"
    }

    package func sign(_ text: String) throws -> NoteSignature {
        NoteSignature(name: name, keyID: verifier.keyID, signature: try signature(for: Array(text.utf8)))
    }

    /// A bare Ed25519 signature over `message`, for envelopes (DSSE) that carry their own key hint.
    package func signature(for message: [UInt8]) throws -> [UInt8] {
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
        return Array(try key.signature(for: message))
    }
}

/// A signer prints as its public half, so the seed cannot leak through logging or `dump`.
extension NoteSigner: CustomStringConvertible, CustomReflectable {
    package var description: String { "NoteSigner(\(verifier.vkey))" }
    package var customMirror: Mirror { Mirror(self, children: ["verifier": verifier]) }
}
