/// A Maven artifact version, ordered as Maven 3's `ComparableVersion` orders it: the text splits
/// into numbers and qualifiers at `.`, at `-` and where digits meet letters; `-` and a
/// digit/letter transition open a sub-list, which is why `1-1` sorts below `1.1`. Qualifiers
/// order `alpha` < `beta` < `milestone` < `rc` = `cr` < `snapshot` < release (``, `ga`, `final`,
/// `release`) < `sp` < any other word (alphabetically); `a1`, `b1` and `m1` abbreviate
/// alpha, beta and milestone. Trailing zeros and release words are dropped at every level.
///
/// A sub-list compares with "nothing" item by item (MNG-6964), so `1-0.1` is above `1` and equal
/// versions always have equal items, which `canonical` relies on. Maven 3.9's combination items
/// (MNG-7644, which makes `1.0.0.RC1` equal `1.0.0-RC1`) are not modelled: a qualifier written
/// after a dot orders by the classic rules, as in Maven 3.8.
package struct MavenVersion: Comparable, Sendable, CustomStringConvertible {
    enum Item: Equatable, Sendable {
        /// Digits without leading zeros ("" for zero).
        case number(Substring)
        /// A lowercased qualifier with Maven's aliases resolved (`cr` → `rc`, `ga` → ``).
        case qualifier(String)
    }

    /// The items of the top-level list, then of its sub-list, and so on: a `-` or a transition
    /// always opens the sub-list as the last item of the current one, so the lists form a chain.
    let levels: [[Item]]

    /// Any printable ASCII text without spaces is a Maven version (Maven itself accepts anything);
    /// empty text, spaces inside and other characters are not.
    package init?(_ text: String) {
        let bytes = Array(text.trimmedSpaces.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        levels = Self.normalized(Self.split(bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }))
    }

    private static func split(_ bytes: [UInt8]) -> [[Item]] {
        var levels: [[Item]] = [[]]
        var start = 0
        var inDigits = false
        func item(_ end: Int, digits: Bool, followedByDigit: Bool = false) -> Item {
            let token = bytes[start..<end]
            if digits {
                let text = String(decoding: token, as: UTF8.self)
                return .number(Substring(text).drop { $0 == "0" })
            }
            return .qualifier(qualifier(String(decoding: token, as: UTF8.self), followedByDigit: followedByDigit))
        }
        for (index, byte) in bytes.enumerated() {
            let isDigit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") {
                levels[levels.count - 1].append(index == start ? .number("") : item(index, digits: inDigits))
                start = index + 1
                if byte == UInt8(ascii: "-") { levels.append([]) }
            } else if isDigit != inDigits, index > start {
                levels[levels.count - 1].append(item(index, digits: inDigits, followedByDigit: isDigit))
                start = index
                levels.append([])
                inDigits = isDigit
            } else {
                inDigits = isDigit
            }
        }
        if bytes.count > start { levels[levels.count - 1].append(item(bytes.count, digits: inDigits)) }
        return levels
    }

    private static func qualifier(_ word: String, followedByDigit: Bool) -> String {
        if followedByDigit {
            switch word {
            case "a": return "alpha"
            case "b": return "beta"
            case "m": return "milestone"
            default: break
            }
        }
        switch word {
        case "ga", "final", "release": return ""
        case "cr": return "rc"
        default: return word
        }
    }

    /// Drops trailing "null" items (zero, a release word) from the innermost list outwards, and a
    /// sub-list left empty.
    private static func normalized(_ split: [[Item]]) -> [[Item]] {
        var levels = split
        for level in levels.indices.reversed() {
            while let last = levels[level].last, last.isNull { levels[level].removeLast() }
            if level > 0, level == levels.count - 1, levels[level].isEmpty { levels.removeLast() }
        }
        return levels
    }

    /// Maven's own canonical form: items joined by `.`, a sub-list introduced by `-`; "0" for a
    /// version of zeros and release words.
    package var description: String {
        if levels == [[]] { return "0" }
        return levels.enumerated().map { depth, items in
            (depth == 0 ? "" : "-") + items.map(\.text).joined(separator: ".")
        }.joined()
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { lhs.levels == rhs.levels }
    package static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    /// ListItem comparison, walked level by level: at each level the items compare pairwise, a
    /// sub-list being one more (last) item of its level; a missing item compares as "nothing".
    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        var depth = 0
        while true {
            let left = depth < lhs.levels.count ? lhs.levels[depth] : []
            let right = depth < rhs.levels.count ? rhs.levels[depth] : []
            let leftHasList = depth + 1 < lhs.levels.count
            let rightHasList = depth + 1 < rhs.levels.count
            let count = max(left.count + (leftHasList ? 1 : 0), right.count + (rightHasList ? 1 : 0))
            for index in 0..<count {
                let leftItem = index < left.count ? left[index] : nil
                let rightItem = index < right.count ? right[index] : nil
                let leftIsList = leftItem == nil && leftHasList && index == left.count
                let rightIsList = rightItem == nil && rightHasList && index == right.count
                if leftIsList, rightIsList { break }
                let order: Int
                switch (leftItem, rightItem) {
                case let (l?, r?): order = l.compare(r)
                case let (l?, nil): order = rightIsList ? (l.isNumber ? 1 : -1) : l.compareToNothing
                case let (nil, r?): order = leftIsList ? (r.isNumber ? -1 : 1) : -r.compareToNothing
                case (nil, nil): order = leftIsList ? listToNothing(lhs, from: depth + 1) : -listToNothing(rhs, from: depth + 1)
                }
                if order != 0 { return order }
            }
            guard leftHasList, rightHasList else { return 0 }
            depth += 1
        }
    }

    /// A sub-list against "nothing": its items in turn, the deeper lists included.
    private static func listToNothing(_ version: Self, from depth: Int) -> Int {
        for level in version.levels[depth...] {
            for item in level where item.compareToNothing != 0 { return item.compareToNothing }
        }
        return 0
    }
}

extension MavenVersion.Item {
    /// Known qualifiers in order; the empty one is the release.
    private static let known = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]
    private static let releaseRank = 5

    var isNumber: Bool { if case .number = self { true } else { false } }
    var isNull: Bool { compareToNothing == 0 }

    var text: String {
        switch self {
        case .number(let digits): digits.isEmpty ? "0" : String(digits)
        case .qualifier(let word): word
        }
    }

    /// Against a missing item: zero and the release qualifier are equal to it, pre-release
    /// qualifiers below, other numbers and qualifiers above.
    var compareToNothing: Int {
        switch self {
        case .number(let digits): digits.isEmpty ? 0 : 1
        case .qualifier(let word): Self.compareQualifiers(word, "")
        }
    }

    /// Numbers above qualifiers; numbers numerically; qualifiers by rank, unknown ones last and
    /// alphabetically among themselves.
    func compare(_ other: Self) -> Int {
        switch (self, other) {
        case let (.number(l), .number(r)): NumericText.compare(l, r)
        case (.number, .qualifier): 1
        case (.qualifier, .number): -1
        case let (.qualifier(l), .qualifier(r)): Self.compareQualifiers(l, r)
        }
    }

    private static func compareQualifiers(_ lhs: String, _ rhs: String) -> Int {
        switch (known.firstIndex(of: lhs), known.firstIndex(of: rhs)) {
        case let (l?, r?): l == r ? 0 : (l < r ? -1 : 1)
        case (_?, nil): -1
        case (nil, _?): 1
        case (nil, nil): lhs == rhs ? 0 : (lhs.utf8.lexicographicallyPrecedes(rhs.utf8) ? -1 : 1)
        }
    }
}

/// Maven versions.
package struct MavenVersionScheme: VersionScheme {
    package init() {}
    package func parse(_ text: String) -> MavenVersion? { MavenVersion(text) }
    package func canonical(_ text: String) -> String { parse(text)?.description ?? text }
}
