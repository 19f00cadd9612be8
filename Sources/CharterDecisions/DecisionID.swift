/// Decision ids: a capital-letter prefix, a dash and a number (`DM-002`, `ADR-17`).
package enum DecisionID {
    /// Whether `s` matches `^[A-Z][A-Z0-9]*-[0-9]+$`.
    package static func validate(_ s: String) -> Bool {
        let parts = s.utf8.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard parts.count == 2, let first = parts[0].first, isCapital(first), !parts[1].isEmpty else { return false }
        return parts[0].allSatisfy { isCapital($0) || isDigit($0) } && parts[1].allSatisfy(isDigit)
    }

    /// The id after the highest-numbered one in `existing` that has `prefix`, zero-padded to three
    /// digits (`DM-001` when there is none). Ids with another prefix or of another shape are ignored;
    /// numbers of any length are handled without overflow.
    package static func next(after existing: [String], prefix: String = "DM") -> String {
        let numbers = existing.compactMap { number(in: $0, prefix: prefix) }
        let highest = numbers.max(by: isSmaller) ?? "0"
        return "\(prefix)-\(padded(incremented(highest)))"
    }

    /// The number part of `id` without leading zeros, when `id` is valid and has `prefix`.
    private static func number(in id: String, prefix: String) -> String? {
        let trimmed = id.trimmingCharacters(in: .whitespaces)
        guard validate(trimmed), trimmed.hasPrefix(prefix + "-") else { return nil }
        let digits = trimmed.dropFirst(prefix.count + 1).drop { $0 == "0" }
        return digits.isEmpty ? "0" : String(digits)
    }

    /// Orders decimal digit strings without leading zeros by value.
    private static func isSmaller(_ a: String, _ b: String) -> Bool {
        a.utf8.count != b.utf8.count ? a.utf8.count < b.utf8.count : a < b
    }

    /// Adds one to a decimal digit string.
    private static func incremented(_ digits: String) -> String {
        var bytes = Array(digits.utf8)
        for position in bytes.indices.reversed() {
            if bytes[position] != UInt8(ascii: "9") {
                bytes[position] += 1
                return String(decoding: bytes, as: UTF8.self)
            }
            bytes[position] = UInt8(ascii: "0")
        }
        return "1" + String(decoding: bytes, as: UTF8.self)
    }

    private static func padded(_ digits: String) -> String {
        String(repeating: "0", count: max(0, 3 - digits.utf8.count)) + digits
    }

    private static func isCapital(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
