/// An Alpine package version, ordered as apk-tools orders it: `digit{.digit}{letter}{_suffix{#}}{-r#}`.
/// Numbers compare numerically, except that a dotted number with a leading zero on either side
/// compares as text (`8.2.0015` < `8.2.002`, as in Gentoo); suffixes order `_alpha` < `_beta` <
/// `_pre` < `_rc` < none < `_cvs` < `_svn` < `_git` < `_hg` < `_p`; and when one version has
/// more tokens it is the greater unless the extra token is a pre-release suffix (`1.0` <
/// `1.0.1`, `1.0_rc1` < `1.0` < `1.0_p1` < `1.0-r1`).
package struct AlpineVersion: Comparable, Sendable, CustomStringConvertible {
    /// The kind of a token; when two versions differ in kind at a position, the higher kind is
    /// the lower version.
    enum Kind: Int, Comparable, Sendable {
        case initialDigit, digit, letter, suffix, suffixNumber, revision, end

        static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    struct Token: Equatable, Sendable {
        let kind: Kind
        /// The token's text: digits, a letter, or a suffix's name ("" for a bare `_`).
        let text: Substring
    }

    /// Suffixes in order; the empty one (a bare `_`) ranks as no suffix.
    private static let suffixes = ["alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p"]
    private static let noSuffixRank = 4

    let tokens: [Token]

    /// What `apk_version_validate` accepts.
    package init?(_ text: String) {
        guard let tokens = Self.tokens(Substring(text.trimmedSpaces)) else { return nil }
        self.tokens = tokens
    }

    private static func tokens(_ text: Substring) -> [Token]? {
        func digits(from start: Substring.Index) -> Substring { text[start...].prefix { $0.isASCII && $0.isNumber } }
        let first = digits(from: text.startIndex)
        guard !first.isEmpty else { return nil }
        var tokens = [Token(kind: .initialDigit, text: first)]
        var at = first.endIndex
        while at < text.endIndex {
            let previous = tokens[tokens.count - 1].kind
            let character = text[at]
            let token: Token
            switch character {
            case "a"..."z":
                guard previous <= .digit else { return nil }
                token = Token(kind: .letter, text: text[at...at])
            case ".", "0"..."9":
                let number = digits(from: character == "." ? text.index(after: at) : at)
                guard !number.isEmpty, character != "." || previous <= .digit else { return nil }
                switch previous {
                case .initialDigit, .digit: token = Token(kind: .digit, text: number)
                case .suffix: token = Token(kind: .suffixNumber, text: number)
                case .letter, .suffixNumber, .revision, .end: return nil
                }
            case "_":
                let name = text[text.index(after: at)...].prefix { $0 >= "a" && $0 <= "z" }
                guard previous <= .suffixNumber, suffixes.contains(String(name)) else { return nil }
                token = Token(kind: .suffix, text: name)
            case "-":
                let number = text[at...].hasPrefix("-r") ? digits(from: text.index(at, offsetBy: 2)) : ""
                guard previous < .revision, !number.isEmpty else { return nil }
                token = Token(kind: .revision, text: number)
            default:
                return nil
            }
            tokens.append(token)
            at = token.text.endIndex
        }
        return tokens
    }

    /// The text with leading zeros dropped where apk compares numerically, so equal versions
    /// are spelled alike.
    package var description: String {
        tokens.map { token in
            let number = token.text.drop { $0 == "0" }
            let numeric = number.isEmpty ? "0" : String(number)
            return switch token.kind {
            case .initialDigit, .suffixNumber: numeric
            case .digit: "." + token.text
            case .letter: String(token.text)
            case .suffix: "_" + token.text
            case .revision: "-r" + numeric
            case .end: ""
            }
        }.joined()
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == 0 }
    package static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    /// Token by token while the kinds agree; then the kinds of what follows decide.
    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        var index = 0
        while true {
            let left = index < lhs.tokens.count ? lhs.tokens[index] : Token(kind: .end, text: "")
            let right = index < rhs.tokens.count ? rhs.tokens[index] : Token(kind: .end, text: "")
            index += 1
            guard left.kind == right.kind else {
                if left.kind == .suffix, suffixRank(left) < noSuffixRank { return -1 }
                if right.kind == .suffix, suffixRank(right) < noSuffixRank { return 1 }
                return left.kind > right.kind ? -1 : 1
            }
            if left.kind == .end { return 0 }
            let order = compareTokens(left, right)
            if order != 0 { return order }
        }
    }

    private static func suffixRank(_ token: Token) -> Int {
        suffixes.firstIndex(of: String(token.text)) ?? noSuffixRank
    }

    private static func compareTokens(_ lhs: Token, _ rhs: Token) -> Int {
        switch lhs.kind {
        case .digit where lhs.text.hasPrefix("0") || rhs.text.hasPrefix("0"):
            return lhs.text == rhs.text ? 0 : (lhs.text.utf8.lexicographicallyPrecedes(rhs.text.utf8) ? -1 : 1)
        case .initialDigit, .digit, .suffixNumber, .revision:
            return NumericText.compare(lhs.text, rhs.text)
        case .letter:
            return lhs.text == rhs.text ? 0 : (lhs.text < rhs.text ? -1 : 1)
        case .suffix:
            let order = suffixRank(lhs) - suffixRank(rhs)
            return order == 0 ? 0 : (order < 0 ? -1 : 1)
        case .end:
            return 0
        }
    }
}

/// Alpine (apk) package versions.
package struct AlpineVersionScheme: VersionScheme {
    package init() {}
    package func parse(_ text: String) -> AlpineVersion? { AlpineVersion(text) }
    package func canonical(_ text: String) -> String { parse(text)?.description ?? text }
}
