import Foundation

/// A lockfile's text split into lines, with the helpers the line-oriented formats share.
struct LockfileText {
    let lines: [Substring]

    init(_ bytes: [UInt8]) {
        // Split the bytes, not the String: Swift reads "\r\n" as one Character, so splitting the
        // text on "\n" would leave a Windows checkout's lockfile as a single line.
        lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line in
            Substring(String(decoding: line.last == 0x0D ? line.dropLast() : line, as: UTF8.self))
        }
    }

    /// The 1-based line of the first line at or after `from` that contains `needle`.
    func line(containing needle: String, from: Int = 0) -> Int? {
        lines[min(from, lines.count)...].firstIndex { $0.contains(needle) }.map { $0 + 1 }
    }

    /// `key = "value"` (TOML's basic string form, as Cargo and Poetry write their locks).
    static func tomlString(_ line: Substring, key: String) -> String? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix(key) else { return nil }
        let rest = trimmed.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }
        guard rest.hasPrefix("=") else { return nil }
        let value = rest.dropFirst().trimmedSpaces
        guard value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") else { return nil }
        return String(value.dropFirst().dropLast())
    }
}
