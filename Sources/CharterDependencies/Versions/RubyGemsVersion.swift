/// A gem version, ordered as `Gem::Version` orders it: the text is read as runs of digits and
/// runs of letters (`-` standing for `.pre.`), a letter run makes the rest a pre-release that
/// sorts below the release (`1.0.a` < `1.0`), trailing zeros of the release and of the
/// pre-release part are ignored (`1.0` = `1`), and letters compare case-sensitively.
package struct RubyGemsVersion: Comparable, Sendable, CustomStringConvertible {
    enum Segment: Equatable, Sendable {
        /// Digits without leading zeros ("" for zero).
        case number(Substring)
        case word(Substring)
    }

    /// `Gem::Version#canonical_segments`: the numeric part and the part from the first word on,
    /// each without trailing zeros.
    let segments: [Segment]

    /// Accepts what `Gem::Version.correct?` accepts, except empty text: a number, then `.`-joined
    /// runs of ASCII letters and digits, then optionally `-` and `.`-joined runs that may also
    /// hold `-`.
    package init?(_ text: String) {
        let body = text.trimmedSpaces
        guard Self.isCorrect(Substring(body)) else { return nil }
        var all: [Segment] = []
        var run = body.utf8.startIndex
        let utf8 = body.utf8
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") }
        while run < utf8.endIndex {
            let byte = utf8[run]
            if byte == UInt8(ascii: "-") {
                // `Gem::Version` rewrites each `-` to `.pre.`.
                all.append(.word("pre"))
                run = utf8.index(after: run)
            } else if isDigit(byte) || isLetter(byte) {
                let digits = isDigit(byte)
                let end = utf8[run...].firstIndex { digits ? !isDigit($0) : !isLetter($0) } ?? utf8.endIndex
                let token = Substring(body)[run..<end]
                all.append(digits ? .number(token.drop { $0 == "0" }) : .word(token))
                run = end
            } else {
                run = utf8.index(after: run)
            }
        }
        let firstWord = all.firstIndex { if case .word = $0 { true } else { false } } ?? all.count
        segments = Self.trimmingZeros(all[..<firstWord]) + Self.trimmingZeros(all[firstWord...])
    }

    private static func trimmingZeros(_ part: ArraySlice<Segment>) -> [Segment] {
        var kept = Array(part)
        while kept.last == .number("") { kept.removeLast() }
        return kept
    }

    private static func isCorrect(_ text: Substring) -> Bool {
        func isAlphanumeric(_ character: Character) -> Bool { character.isASCII && (character.isLetter || character.isNumber) }
        let release = text.prefix { $0 != "-" }
        let parts = release.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = parts.first, NumericText.isDigits(first),
              parts.dropFirst().allSatisfy({ !$0.isEmpty && $0.allSatisfy(isAlphanumeric) }) else { return false }
        guard release.endIndex < text.endIndex else { return true }
        let prerelease = text[text.index(after: release.endIndex)...]
        let labels = prerelease.split(separator: ".", omittingEmptySubsequences: false)
        return labels.allSatisfy { !$0.isEmpty && $0.allSatisfy { isAlphanumeric($0) || $0 == "-" } }
    }

    /// The canonical segments joined by `.`; "0" for a version of zeros.
    package var description: String {
        segments.isEmpty ? "0" : segments.map { segment in
            switch segment {
            case .number(let digits): digits.isEmpty ? "0" : String(digits)
            case .word(let letters): String(letters)
            }
        }.joined(separator: ".")
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.segments == rhs.segments }
    package static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    /// Segment by segment, a missing one counting as 0: a word below a number, numbers
    /// numerically, words by their bytes.
    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        for index in 0..<max(lhs.segments.count, rhs.segments.count) {
            let left = index < lhs.segments.count ? lhs.segments[index] : .number("")
            let right = index < rhs.segments.count ? rhs.segments[index] : .number("")
            switch (left, right) {
            case let (.number(l), .number(r)):
                let order = NumericText.compare(l, r)
                if order != 0 { return order }
            case (.word, .number): return -1
            case (.number, .word): return 1
            case let (.word(l), .word(r)):
                if l != r { return l.utf8.lexicographicallyPrecedes(r.utf8) ? -1 : 1 }
            }
        }
        return 0
    }
}

/// RubyGems versions.
package struct RubyGemsVersionScheme: VersionScheme {
    package init() {}
    package func parse(_ text: String) -> RubyGemsVersion? { RubyGemsVersion(text) }
    package func canonical(_ text: String) -> String { parse(text)?.description ?? text }
}
