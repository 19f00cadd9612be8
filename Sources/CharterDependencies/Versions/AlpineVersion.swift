/// An Alpine package version, ordered as apk-tools orders it: numbers joined by `.`, one
/// lowercase letter, suffixes (`_alpha` < `_beta` < `_pre` < `_rc` < none < `_cvs` < `_svn` <
/// `_git` < `_hg` < `_p`, each with an optional number), then `-rN`. A number after a dot that
/// starts with zeros compares as a fraction (`1.05` < `1.5`), and an extra component makes a
/// version greater unless it is a pre-release suffix (`1.0` < `1.0.1`, `1.0_rc1` < `1.0`).
package struct AlpineVersion: Comparable, Sendable, CustomStringConvertible {
    /// The kind of token apk expects next; the order matters when two versions differ in kind.
    enum Kind: Int, Comparable, Sendable {
        case digitOrZero, digit, letter, suffix, suffixNumber, revision, end

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// apk's token value, an integer: a number (of any length), minus the count of a number's
    /// leading zeros after a dot, a letter's code or a suffix's rank (negative before release).
    struct Value: Equatable, Sendable {
        let negative: Bool
        /// Digits without leading zeros ("" for zero).
        let magnitude: Substring

        init(digits: Substring) {
            negative = false
            magnitude = digits.drop { $0 == "0" }
        }

        init(_ value: Int) {
            negative = value < 0
            magnitude = Substring(value == 0 ? "" : String(value.magnitude))
        }

        var int: Int { (negative ? -1 : 1) * (Int(magnitude) ?? 0) }

        static func compare(_ lhs: Self, _ rhs: Self) -> Int {
            if lhs.negative != rhs.negative { return lhs.negative ? -1 : 1 }
            let order = NumericText.compare(lhs.magnitude, rhs.magnitude)
            return lhs.negative ? -order : order
        }
    }

    struct Token: Equatable, Sendable {
        let kind: Kind
        let value: Value
        /// Whether the token follows a run of leading zeros (`5` in `1.05`).
        let afterZeros: Bool
    }

    private static let preSuffixes = ["alpha", "beta", "pre", "rc"]
    private static let postSuffixes = ["cvs", "svn", "git", "hg", "p"]

    let tokens: [Token]

    /// What `apk_version_validate` accepts, except empty text.
    package init?(_ text: String) {
        let bytes = Array(text.trimmedSpaces.utf8)
        guard !bytes.isEmpty, let tokens = Self.tokens(bytes) else { return nil }
        self.tokens = tokens
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// apk's tokenizer: each token is read as the kind the previous one announced.
    private static func tokens(_ bytes: [UInt8]) -> [Token]? {
        var tokens: [Token] = []
        var kind = Kind.digit
        var at = 0
        var afterZeros = false
        while kind != .end {
            guard at < bytes.count else {
                // apk reads nothing as 0 and stops.
                tokens.append(Token(kind: kind, value: Value(0), afterZeros: afterZeros))
                break
            }
            var end = at
            var announced: Kind?
            let value: Value
            switch kind {
            case .digitOrZero where bytes[at] == UInt8(ascii: "0"):
                while end < bytes.count, bytes[end] == UInt8(ascii: "0") { end += 1 }
                value = Value(at - end)
                announced = .digit
            case .digitOrZero, .digit, .suffixNumber, .revision:
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                value = Value(digits: Substring(String(decoding: bytes[at..<end], as: UTF8.self)))
            case .letter:
                value = Value(Int(bytes[at]))
                end += 1
            case .suffix:
                guard let (rank, length) = suffix(bytes[at...]) else { return nil }
                value = Value(rank)
                end += length
            case .end:
                return nil
            }
            tokens.append(Token(kind: kind, value: value, afterZeros: afterZeros))
            afterZeros = announced != nil
            at = end
            if at == bytes.count {
                kind = .end
            } else if let announced {
                kind = announced
            } else {
                guard let next = nextKind(after: kind, bytes, &at) else { return nil }
                kind = next
            }
        }
        return tokens
    }

    private static func suffix(_ rest: ArraySlice<UInt8>) -> (rank: Int, length: Int)? {
        for (index, name) in preSuffixes.enumerated() where rest.starts(with: name.utf8) {
            return (index - preSuffixes.count, name.utf8.count)
        }
        for (index, name) in postSuffixes.enumerated() where rest.starts(with: name.utf8) {
            return (index, name.utf8.count)
        }
        return nil
    }

    /// The kind announced by the next character (a separator is consumed), or nil when apk would
    /// call the version invalid.
    private static func nextKind(after kind: Kind, _ bytes: [UInt8], _ at: inout Int) -> Kind? {
        let byte = bytes[at]
        let next: Kind?
        if (kind == .digit || kind == .digitOrZero), byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") {
            next = .letter
        } else if kind == .letter, isDigit(byte) {
            next = .digit
        } else if kind == .suffix, isDigit(byte) {
            next = .suffixNumber
        } else {
            switch byte {
            case UInt8(ascii: "."): next = .digitOrZero
            case UInt8(ascii: "_"): next = .suffix
            case UInt8(ascii: "-") where at + 1 < bytes.count && bytes[at + 1] == UInt8(ascii: "r"):
                next = .revision
                at += 1
            default: next = nil
            }
            at += 1
        }
        guard let next else { return nil }
        // Kinds only move forward, except a new number after a number, letter or suffix number.
        if next < kind, !(next == .digitOrZero && kind == .digit), !(next == .suffix && kind == .suffixNumber), !(next == .digit && kind == .letter) {
            return nil
        }
        return next
    }

    /// The tokens written back as apk text with numbers' leading zeros dropped where apk ignores
    /// them, so equal versions are spelled alike.
    package var description: String {
        tokens.enumerated().map { index, token in
            switch token.kind {
            case .letter:
                return String(UnicodeScalar(UInt8(truncatingIfNeeded: token.value.int)))
            case .suffix:
                let rank = token.value.int
                return "_" + (rank < 0 ? Self.preSuffixes[rank + Self.preSuffixes.count] : Self.postSuffixes[rank])
            case .digitOrZero where token.value.negative:
                return "." + String(repeating: "0", count: -token.value.int)
            case .digitOrZero:
                return "." + token.value.magnitude
            case .digit where token.afterZeros && index > 0:
                return String(token.value.magnitude)
            case .digit, .suffixNumber, .end:
                return token.value.magnitude.isEmpty ? "0" : String(token.value.magnitude)
            case .revision:
                return "-r" + (token.value.magnitude.isEmpty ? "0" : token.value.magnitude)
            }
        }.joined()
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.tokens == rhs.tokens }
    package static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    /// apk's `apk_version_compare`: token by token while the kinds agree; then the value that
    /// differs decides, or else the kind of what follows.
    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        var index = 0
        while true {
            let order = Value.compare(lhs.tokens[index].value, rhs.tokens[index].value)
            let leftNext = lhs.kind(after: index)
            let rightNext = rhs.kind(after: index)
            index += 1
            if order != 0 { return order }
            if leftNext != rightNext {
                if leftNext == .suffix, lhs.isPreReleaseSuffix(at: index) { return -1 }
                if rightNext == .suffix, rhs.isPreReleaseSuffix(at: index) { return 1 }
                return leftNext > rightNext ? -1 : 1
            }
            if leftNext == .end { return 0 }
        }
    }

    private func kind(after index: Int) -> Kind {
        index + 1 < tokens.count ? tokens[index + 1].kind : .end
    }

    private func isPreReleaseSuffix(at index: Int) -> Bool {
        tokens[index].value.negative
    }
}

/// Alpine (apk) package versions.
package struct AlpineVersionScheme: VersionScheme {
    package init() {}
    package func parse(_ text: String) -> AlpineVersion? { AlpineVersion(text) }
    package func canonical(_ text: String) -> String { parse(text)?.description ?? text }
}
