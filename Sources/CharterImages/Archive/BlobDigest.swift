import Crypto

/// A content digest as OCI descriptors write it (`sha256:<64 lowercase hex>`). Only SHA-256 is
/// read: it is what Docker and every registry produce, and what the layout spec requires support for.
package struct BlobDigest: Sendable, Hashable, CustomStringConvertible {
    /// The 64 lowercase hex digits.
    package let hex: String

    package init?(hex: String) {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
            return nil
        }
        self.hex = hex
    }

    /// Parses `sha256:<hex>`; `field` names where the text came from for the error.
    package init(parsing text: String, field: String) throws(ImageArchiveError) {
        guard let colon = text.firstIndex(of: ":") else {
            throw ImageArchiveError(.malformed, "\(field): \"\(text)\" is not a digest (expected sha256:<64 hex digits>)")
        }
        let algorithm = text[..<colon]
        guard algorithm == "sha256" else {
            throw ImageArchiveError(
                .unsupported, "\(field): digest algorithm \"\(algorithm)\" is not supported; only sha256 digests are read")
        }
        guard let digest = BlobDigest(hex: String(text[text.index(after: colon)...])) else {
            throw ImageArchiveError(.malformed, "\(field): \"\(text)\" is not a sha256 digest (expected 64 lowercase hex digits)")
        }
        self = digest
    }

    init(_ digest: SHA256.Digest) {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        hex = String(decoding: text, as: UTF8.self)
    }

    package var description: String { "sha256:" + hex }

    /// The first 12 hex digits, as `docker images` shows an id: enough to name a layer in a message.
    package var short: String { String(hex.prefix(12)) }
}
