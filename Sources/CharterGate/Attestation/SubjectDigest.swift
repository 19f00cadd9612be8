/// One digest of an artifact as `--subject` names it: `sha256:<hex>` (an image, a tarball) or
/// `gitCommit:<hex>` (a commit). Hex is kept lowercase; in-toto digest sets are lowercase hex.
package struct SubjectDigest: Sendable, Hashable, CustomStringConvertible {
    package let algorithm: String
    package let hex: String

    /// Algorithm names as in-toto's DigestSet spells them, with their hex lengths. Weak hashes
    /// (md5, sha1) are left out: a subject must not be forgeable by a collision.
    package static let hexLengths: [String: Set<Int>] = ["sha256": [64], "sha384": [96], "sha512": [128], "gitCommit": [40, 64]]

    package init(algorithm: String, hex: String) throws {
        guard let lengths = Self.hexLengths[algorithm] else {
            throw GateError(.subjectInvalid, "digest algorithm \"\(algorithm)\" is not supported; use \(Self.hexLengths.keys.sorted().joined(separator: ", "))")
        }
        let lower = hex.lowercased()
        guard lengths.contains(lower.utf8.count), lower.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            let expected = lengths.sorted().map(String.init).joined(separator: " or ")
            throw GateError(.subjectInvalid, "\(algorithm) digest \"\(hex)\" must be \(expected) hexadecimal digits")
        }
        self.algorithm = algorithm
        self.hex = lower
    }

    /// `ALGORITHM:HEX`, such as `sha256:9f86…` or `gitCommit:4b825d…`.
    package init(parsing text: String) throws {
        guard let colon = text.firstIndex(of: ":") else {
            throw GateError(.subjectInvalid, "subject digest \"\(text)\" must look like sha256:<64 hex digits> or gitCommit:<40 hex digits>")
        }
        try self.init(algorithm: String(text[..<colon]), hex: String(text[text.index(after: colon)...]))
    }

    package var description: String { "\(algorithm):\(hex)" }
}
