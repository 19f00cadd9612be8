import Foundation

/// A C2SP signed note: text ending in a newline, a blank line, then `— <name> <base64(key id || sig)>` lines.
package struct SignedNote: Sendable, Equatable {
    package let text: String
    package let signatures: [NoteSignature]

    package init(text: String, signatures: [NoteSignature]) {
        self.text = text
        self.signatures = signatures
    }

    package static func sign(_ text: String, with signer: NoteSigner) throws -> SignedNote {
        try validateText(text)
        return SignedNote(text: text, signatures: [try signer.sign(text)])
    }

    package var serialized: String {
        text + "\n" + signatures.map { "\u{2014} \($0.name) \(Data($0.encoded).base64EncodedString())\n" }.joined()
    }

    package init(parsing note: String, source: String = "note") throws {
        guard !note.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            throw LedgerError(.noteMalformed, "\(source): a signed note must not contain control characters other than newline (was it saved with CRLF line endings?)")
        }
        guard note.hasSuffix("\n"), let separator = note.range(of: "\n\n", options: .backwards) else {
            throw LedgerError(.noteMalformed, "\(source): not a signed note: expected text, a blank line, then signature lines starting with \u{2014}")
        }
        let text = String(note[..<separator.lowerBound]) + "\n"
        let lines = note[separator.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        guard !lines.isEmpty, lines.count <= 100 else {
            throw LedgerError(.noteMalformed, "\(source): a signed note needs between 1 and 100 signature lines, found \(lines.count)")
        }
        var signatures: [NoteSignature] = []
        for (offset, line) in lines.enumerated() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[0] == "\u{2014}", !fields[1].isEmpty, let bytes = Data(base64Encoded: String(fields[2])), bytes.count > 4 else {
                throw LedgerError(.noteMalformed, "\(source): signature line \(offset + 1) is not \"\u{2014} NAME BASE64\"")
            }
            let keyID = bytes.prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            signatures.append(NoteSignature(name: String(fields[1]), keyID: keyID, signature: Array(bytes.dropFirst(4))))
        }
        self.init(text: text, signatures: signatures)
    }

    /// Verifies per the spec: signatures by unknown keys are ignored, a known key's signature must
    /// verify, and at least one known key must have signed.
    package func verify(with verifiers: [NoteVerifier]) -> NoteVerification {
        var verifiedBy: [NoteVerifier] = []
        for signature in signatures {
            guard let verifier = verifiers.first(where: { $0.name == signature.name && $0.keyID == signature.keyID }) else { continue }
            guard verifier.verifies(signature, over: text) else { return .badSignature(verifier) }
            verifiedBy.append(verifier)
        }
        return verifiedBy.isEmpty ? .noKnownSigner : .verified(verifiedBy)
    }

    static func validateText(_ text: String) throws {
        guard text.hasSuffix("\n"), !text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            throw LedgerError(.noteMalformed, "note text must end with a newline and contain no control characters")
        }
    }
}

package struct NoteSignature: Sendable, Equatable {
    package let name: String
    package let keyID: UInt32
    package let signature: [UInt8]

    var encoded: [UInt8] {
        [UInt8(keyID >> 24), UInt8(keyID >> 16 & 0xff), UInt8(keyID >> 8 & 0xff), UInt8(keyID & 0xff)] + signature
    }
}

package enum NoteVerification: Sendable, Equatable {
    case verified([NoteVerifier])
    case badSignature(NoteVerifier)
    case noKnownSigner

    package var isVerified: Bool {
        if case .verified = self { return true }
        return false
    }
}
