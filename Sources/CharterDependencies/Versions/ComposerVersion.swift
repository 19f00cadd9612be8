/// A Packagist (Composer) version: normalised as Composer's `VersionParser::normalize` does
/// (`v1.2` → `1.2.0.0`, `1.0-b2` → `1.0.0.0-beta2`, build metadata dropped, dated versions such as
/// `2023.01.15` kept), then ordered as PHP's `version_compare`, which Composer compares with:
/// parts split at separators and at digit/letter changes, numbers numerically, and words ranked
/// `dev` < `alpha` = `a` < `beta` = `b` < `RC` = `rc` < a number < `pl` = `p` (so `patch` is
/// above the release), any other word lowest.
///
/// Branch names (`dev-main`, `1.x-dev`) and constraint syntax (`1.0 as 2.0`, `@beta`) are not
/// versions and do not parse.
package struct ComposerVersion: Comparable, Sendable, CustomStringConvertible {
    enum Part: Equatable, Sendable {
        /// Digits without leading zeros ("" for zero).
        case number(Substring)
        /// A word's `version_compare` rank.
        case word(Int)
    }

    /// Composer's normalised text, e.g. `1.2.0.0-RC1`.
    package let normalized: String
    let parts: [Part]

    package init?(_ text: String) {
        guard let normalized = ComposerNormalizer.normalize(text.trimmedSpaces) else { return nil }
        self.normalized = normalized
        parts = Self.parts(of: normalized)
    }

    /// `version_compare`'s canonical form split into parts: non-alphanumerics (`.`, `-`, `_`,
    /// `+`) separate, as does every change between digits and letters.
    private static func parts(of text: String) -> [Part] {
        let bytes = Array(text.utf8)
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isAlphanumeric(_ byte: UInt8) -> Bool { isDigit(byte) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")) }
        var parts: [Part] = []
        var start = 0
        func close(_ end: Int) {
            guard end > start else { return }
            let token = Substring(String(decoding: bytes[start..<end], as: UTF8.self))
            parts.append(isDigit(bytes[start]) ? .number(token.drop { $0 == "0" }) : .word(rank(token)))
        }
        for (index, byte) in bytes.enumerated() {
            if !isAlphanumeric(byte) {
                close(index)
                start = index + 1
            } else if index > start, isDigit(byte) != isDigit(bytes[index - 1]) {
                close(index)
                start = index
            }
        }
        close(bytes.count)
        return parts
    }

    /// `version_compare`'s special forms, matched by prefix in this order; -1 for other words.
    private static let forms: [(prefix: String, rank: Int)] = [
        ("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4), ("pl", 5), ("p", 5),
    ]
    private static let numberRank = 4

    private static func rank(_ word: Substring) -> Int {
        forms.first { word.hasPrefix($0.prefix) }?.rank ?? -1
    }

    /// The parts joined by `.`, each word written as the first form of its rank.
    package var description: String {
        parts.map { part in
            switch part {
            case .number(let digits): digits.isEmpty ? "0" : String(digits)
            case .word(let rank): Self.forms.first { $0.rank == rank }?.prefix ?? "other"
            }
        }.joined(separator: ".")
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.parts == rhs.parts }
    package static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    /// Part by part; when one version runs out, an extra number makes the longer one greater,
    /// and an extra word compares with the rank of a number (so `1.0-beta` < `1.0` < `1.0-pl1`).
    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        for (left, right) in zip(lhs.parts, rhs.parts) {
            let order: Int
            switch (left, right) {
            case let (.number(l), .number(r)): order = NumericText.compare(l, r)
            case let (.word(l), .word(r)): order = l == r ? 0 : (l < r ? -1 : 1)
            case let (.number, .word(r)): order = numberRank < r ? -1 : 1
            case let (.word(l), .number): order = l < numberRank ? -1 : 1
            }
            if order != 0 { return order }
        }
        if lhs.parts.count == rhs.parts.count { return 0 }
        let longerIsLeft = lhs.parts.count > rhs.parts.count
        let extra = longerIsLeft ? lhs.parts[rhs.parts.count] : rhs.parts[lhs.parts.count]
        let longerIsGreater: Bool
        switch extra {
        case .number: longerIsGreater = true
        case .word(let rank): longerIsGreater = rank > numberRank
        }
        return longerIsGreater == longerIsLeft ? 1 : -1
    }
}

/// Packagist versions.
package struct ComposerVersionScheme: VersionScheme {
    package init() {}
    package func parse(_ text: String) -> ComposerVersion? { ComposerVersion(text) }
    package func canonical(_ text: String) -> String { parse(text)?.description ?? text }
}
