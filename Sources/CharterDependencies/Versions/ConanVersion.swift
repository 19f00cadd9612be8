/// A ConanCenter recipe version, ordered as Conan 2's `Version` orders it: `.`-separated items
/// (numbers numerically, words by their characters, a number below a word), trailing zero items
/// ignored (`1.0` = `1`), a pre-release after the last `-` sorting below its version, and build
/// metadata after the last `+` sorting above the version without it (Conan compares builds).
///
/// Conan compares a number with a word by their text, which is not a consistent order for words
/// that begin with a digit (`1a` < `2` < `10` < `1a`); such items are refused, so `1.1.1w` is
/// undecidable rather than misordered. ConanCenter's own versions (`1.2.13`, `cci.20230101`,
/// `3.0.0-beta.1`) are unaffected.
package struct ConanVersion: Comparable, Sendable, CustomStringConvertible {
    enum Item: Equatable, Sendable {
        /// Digits without leading zeros ("" for zero).
        case number(Substring)
        case word(Substring)
    }

    /// Each part without its trailing zero items.
    let main: [Item]
    let prerelease: [Item]?
    let build: [Item]?

    package init?(_ text: String) {
        var body = Substring(text.trimmedSpaces)
        var build: [Item]?
        if let plus = body.lastIndex(of: "+") {
            guard let items = Self.items(body[body.index(after: plus)...]) else { return nil }
            build = items
            body = body[..<plus]
        }
        var prerelease: [Item]?
        if let dash = body.lastIndex(of: "-") {
            guard let items = Self.items(body[body.index(after: dash)...]) else { return nil }
            prerelease = items
            body = body[..<dash]
        }
        guard let main = Self.items(body) else { return nil }
        self.main = main
        self.prerelease = prerelease
        self.build = build
    }

    /// `.`-separated numbers and words of ASCII letters, digits and `_` that begin with a
    /// letter or `_`, without trailing zeros; nil when an item is empty or not one of those.
    private static func items(_ text: Substring) -> [Item]? {
        var items: [Item] = []
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            if NumericText.isDigits(part) {
                items.append(.number(part.drop { $0 == "0" }))
            } else {
                guard let first = part.first, first.isASCII, first.isLetter || first == "_",
                      part.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else { return nil }
                items.append(.word(part))
            }
        }
        while items.last == .number("") { items.removeLast() }
        return items
    }

    package var description: String {
        func joined(_ items: [Item]) -> String {
            items.isEmpty ? "0" : items.map { item in
                switch item {
                case .number(let digits): digits.isEmpty ? "0" : String(digits)
                case .word(let word): String(word)
                }
            }.joined(separator: ".")
        }
        return joined(main) + (prerelease.map { "-" + joined($0) } ?? "") + (build.map { "+" + joined($0) } ?? "")
    }

    package static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        let main = compareItems(lhs.main, rhs.main)
        if main != 0 { return main }
        switch (lhs.prerelease, rhs.prerelease) {
        case let (l?, r?):
            let order = compareItems(l, r)
            if order != 0 { return order }
        case (nil, _?): return 1
        case (_?, nil): return -1
        case (nil, nil): break
        }
        switch (lhs.build, rhs.build) {
        case let (l?, r?): return compareItems(l, r)
        case (nil, _?): return -1
        case (_?, nil): return 1
        case (nil, nil): return 0
        }
    }

    /// Item by item; a list that is a prefix of the other sorts first.
    private static func compareItems(_ lhs: [Item], _ rhs: [Item]) -> Int {
        for (left, right) in zip(lhs, rhs) {
            switch (left, right) {
            case let (.number(l), .number(r)):
                let order = NumericText.compare(l, r)
                if order != 0 { return order }
            case (.number, .word): return -1
            case (.word, .number): return 1
            case let (.word(l), .word(r)):
                if l != r { return l.utf8.lexicographicallyPrecedes(r.utf8) ? -1 : 1 }
            }
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }
}

/// ConanCenter versions.
package struct ConanVersionScheme: VersionScheme {
    package init() {}
    package func parse(_ text: String) -> ConanVersion? { ConanVersion(text) }
    package func canonical(_ text: String) -> String { parse(text)?.description ?? text }
}
