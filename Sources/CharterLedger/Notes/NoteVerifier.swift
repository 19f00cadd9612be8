import Crypto
import Foundation

/// An Ed25519 note verifier key: C2SP `vkey` text `<name>+<hex key id>+base64(0x01 || public key)`.
package struct NoteVerifier: Sendable, Equatable {
    package let name: String
    package let keyID: UInt32
    package let publicKey: [UInt8]

    package init(name: String, publicKey: [UInt8]) throws {
        try NoteKeyName.validate(name)
        guard publicKey.count == 32 else { throw LedgerError(.keyInvalid, "an Ed25519 public key is 32 bytes, got \(publicKey.count)") }
        self.name = name
        self.publicKey = publicKey
        self.keyID = NoteKeyName.keyID(name: name, publicKey: publicKey)
    }

    /// Parses a vkey; the key id must match the name and key.
    package init(vkey: String) throws {
        let text = vkey.trimmingCharacters(in: .whitespacesAndNewlines)
        // Names hold no '+', but base64 may: split off the name and id only.
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1].count == 8, let id = UInt32(parts[1], radix: 16),
              let material = Data(base64Encoded: String(parts[2])), material.count == 33, material.first == 0x01
        else {
            throw LedgerError(.keyInvalid, "not an Ed25519 verifier key: expected NAME+KEYID+BASE64 as printed by `charter key export`")
        }
        try self.init(name: String(parts[0]), publicKey: Array(material.dropFirst()))
        guard keyID == id else {
            throw LedgerError(.keyInvalid, "verifier key \(parts[0]) says key id \(parts[1]) but its key hashes to \(NoteKeyName.hex(keyID)); the key was altered")
        }
    }

    /// Checks a key name before anything is created with it.
    package static func validateName(_ name: String) throws {
        try NoteKeyName.validate(name)
    }

    package var keyIDHex: String { NoteKeyName.hex(keyID) }

    package var vkey: String {
        "\(name)+\(NoteKeyName.hex(keyID))+\(Data([0x01] + publicKey).base64EncodedString())"
    }

    /// The public key as a PEM SubjectPublicKeyInfo, for tools that speak PEM (openssl, Python).
    package var pem: String {
        "-----BEGIN PUBLIC KEY-----\n\(Data(Self.subjectPublicKeyInfo(publicKey)).base64EncodedString())\n-----END PUBLIC KEY-----\n"
    }

    /// The DER SubjectPublicKeyInfo of a raw Ed25519 key: the bytes PEM wraps and key ids are often hashed from.
    package static func subjectPublicKeyInfo(_ publicKey: [UInt8]) -> [UInt8] {
        spkiPrefix + publicKey
    }

    /// Reads a raw Ed25519 key from PEM SubjectPublicKeyInfo.
    package static func publicKey(pem: String) throws -> [UInt8] {
        let body = pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
        guard let der = Data(base64Encoded: body), der.count == 44, Array(der.prefix(12)) == spkiPrefix else {
            throw LedgerError(.keyInvalid, "not an Ed25519 public key in PEM (SubjectPublicKeyInfo)")
        }
        return Array(der.suffix(32))
    }

    package func verifies(_ signature: NoteSignature, over text: String) -> Bool {
        guard signature.name == name, signature.keyID == keyID,
              let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey)
        else { return false }
        return key.isValidSignature(signature.signature, for: Array(text.utf8))
    }

    private static let spkiPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]
}

enum NoteKeyName {
    static func validate(_ name: String) throws {
        guard !name.isEmpty, !name.contains("+"), !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 }) else {
            throw LedgerError(.keyInvalid, "key name \"\(name)\" must be non-empty and contain no spaces or '+' (use a schema-less URL such as example.com/charter)")
        }
    }

    /// SHA-256(name || 0x0A || 0x01 || public key)[:4], big-endian (C2SP signed-note, Ed25519).
    static func keyID(name: String, publicKey: [UInt8]) -> UInt32 {
        let digest = Array(SHA256.hash(data: Array(name.utf8) + [0x0A, 0x01] + publicKey))
        return digest.prefix(4).reduce(0) { $0 << 8 | UInt32($1) }
    }

    static func hex(_ id: UInt32) -> String {
        let digits = String(id, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }
}
