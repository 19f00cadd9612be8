/// How one ecosystem orders its versions: text parses into a comparable version, or into
/// nothing when the text is not a version of that scheme (which a caller must report, never
/// silently treat as "not affected").
package protocol VersionScheme: Sendable {
    associatedtype Version: Comparable & Sendable
    func parse(_ text: String) -> Version?
    /// A spelling shared by every text of one version (`1.0` and `1.0.0` in PEP 440), for lookups
    /// in an advisory's `versions` list; the text itself when it is not a version.
    func canonical(_ text: String) -> String
}

/// Compares digit strings of any length numerically, so a hostile `99999999999999999999` orders
/// correctly instead of overflowing.
enum NumericText {
    static func compare(_ lhs: Substring, _ rhs: Substring) -> Int {
        let left = lhs.drop { $0 == "0" }
        let right = rhs.drop { $0 == "0" }
        if left.count != right.count { return left.count < right.count ? -1 : 1 }
        if left == right { return 0 }
        return left < right ? -1 : 1
    }

    /// The value of a digit string when it is at most `limit` (leading zeros allowed), else nil.
    static func value(_ digits: Substring, atMost limit: Int) -> Int? {
        guard isDigits(digits) else { return nil }
        let significant = digits.drop { $0 == "0" }
        guard significant.count <= String(limit).count, let value = Int(significant.isEmpty ? "0" : significant), value <= limit else { return nil }
        return value
    }

    static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
