import Foundation

/// GitHub tokens end in six base62 characters that encode the CRC-32 of the 30 random characters
/// before them, so a typo or a made-up token fails offline.
package enum GitHubChecksum {
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// Whether `token` (`ghp_` + 36 characters, and the other classic prefixes) carries a valid checksum.
    package static func isValid(_ token: String) -> Bool {
        let bytes = Array(token.utf8)
        guard let underscore = bytes.firstIndex(of: UInt8(ascii: "_")), bytes.count - underscore - 1 == 36 else { return false }
        let body = Array(bytes[(underscore + 1)..<(bytes.count - 6)])
        return Array(bytes.suffix(6)) == encode(crc32(body))
    }

    package static func encode(_ value: UInt32) -> [UInt8] {
        var digits = [UInt8](repeating: alphabet[0], count: 6)
        var remaining = value
        for position in stride(from: 5, through: 0, by: -1) {
            digits[position] = alphabet[Int(remaining % 62)]
            remaining /= 62
        }
        return digits
    }

    package static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
