/// A content digest pinning an image: `sha256:<64 lowercase hex>`. Only the algorithms registries
/// accept are valid (sha256, sha384, sha512), each with its exact length, so a truncated or
/// mistyped pin is an error instead of a reference that silently never resolves.
package struct ImageDigest: Sendable, Hashable, CustomStringConvertible {
    package let algorithm: String
    package let hex: String

    /// Hex digits each supported algorithm's digest has.
    static let lengths: [String: Int] = ["sha256": 64, "sha384": 96, "sha512": 128]

    package var description: String { "\(algorithm):\(hex)" }

    /// Parses `algorithm:hex`; `reference` is the whole text being parsed, for the error message.
    init(parsing text: Substring, in reference: String) throws(ImageReferenceError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw ImageReferenceError(reference, .malformedDigest(String(text)))
        }
        let algorithm = text[..<colon]
        let hex = text[text.index(after: colon)...]
        guard Self.isAlgorithmName(algorithm), !hex.isEmpty else {
            throw ImageReferenceError(reference, .malformedDigest(String(text)))
        }
        guard let expected = Self.lengths[String(algorithm)] else {
            throw ImageReferenceError(reference, .unsupportedDigestAlgorithm(String(algorithm)))
        }
        guard hex.utf8.allSatisfy(Self.isLowercaseHex) else {
            throw ImageReferenceError(reference, .digestNotLowercaseHex(String(algorithm)))
        }
        guard hex.utf8.count == expected else {
            throw ImageReferenceError(reference, .digestLength(algorithm: String(algorithm), expected: expected, found: hex.utf8.count))
        }
        self.algorithm = String(algorithm)
        self.hex = String(hex)
    }

    /// `[A-Za-z][A-Za-z0-9]*` components joined by one of `+ . - _`.
    private static func isAlgorithmName(_ name: Substring) -> Bool {
        var expectingLetter = true
        for byte in name.utf8 {
            if expectingLetter {
                guard DockerBytes.isLetter(byte) else { return false }
                expectingLetter = false
            } else if byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") {
                expectingLetter = true
            } else if !DockerBytes.isLetter(byte) && !DockerBytes.isDigit(byte) {
                return false
            }
        }
        return !expectingLetter
    }

    static func isLowercaseHex(_ byte: UInt8) -> Bool {
        DockerBytes.isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
    }
}
