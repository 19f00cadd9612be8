/// A NuGet package version, ordered as `NuGet.Versioning` orders it by default: up to four
/// numbers (missing ones are 0, so `1.0` = `1.0.0.0`), then a release without labels above its
/// pre-releases, whose `.`-separated labels compare numerically when both are numbers, a number
/// below a word, and words ignoring case. Build metadata (`+...`) does not count.
package struct NuGetVersion: Comparable, Sendable, CustomStringConvertible {
    /// Major, minor, patch and revision.
    let numbers: [Int]
    let labels: [Substring]

    /// NuGet keeps each number in an `Int32`; larger numbers are not NuGet versions.
    package init?(_ text: String) {
        var body = Substring(text.trimmedSpaces)
        if let plus = body.firstIndex(of: "+") {
            let metadata = body[body.index(after: plus)...]
            guard Self.areIdentifiers(metadata) else { return nil }
            body = body[..<plus]
        }
        var labels: [Substring] = []
        if let dash = body.firstIndex(of: "-") {
            let release = body[body.index(after: dash)...]
            guard Self.areIdentifiers(release) else { return nil }
            labels = release.split(separator: ".")
            body = body[..<dash]
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...4).contains(parts.count) else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard let value = Self.int32(part) else { return nil }
            numbers.append(value)
        }
        self.numbers = numbers + Array(repeating: 0, count: 4 - numbers.count)
        self.labels = labels
    }

    private static func areIdentifiers(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.allSatisfy { part in
            !part.isEmpty && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }

    /// The value of a digit string that fits in an `Int32`, as .NET's `int.TryParse` reads it.
    static func int32(_ digits: Substring) -> Int? { NumericText.value(digits, atMost: Int(Int32.max)) }

    /// NuGet's normalised form (`1.0.0`, a fourth number only when not zero), with labels
    /// lowercased and numeric labels without leading zeros, as equal versions compare.
    package var description: String {
        let shown = numbers[3] == 0 ? numbers.prefix(3) : numbers.prefix(4)
        let release = shown.map(String.init).joined(separator: ".")
        guard !labels.isEmpty else { return release }
        return release + "-" + labels.map { label in Self.int32(label).map(String.init) ?? label.lowercased() }.joined(separator: ".")
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == 0 }
    package static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        if lhs.numbers != rhs.numbers { return lhs.numbers.lexicographicallyPrecedes(rhs.numbers) ? -1 : 1 }
        switch (lhs.labels.isEmpty, rhs.labels.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (left, right) in zip(lhs.labels, rhs.labels) {
            let order = compareLabel(left, right)
            if order != 0 { return order }
        }
        return lhs.labels.count == rhs.labels.count ? 0 : (lhs.labels.count < rhs.labels.count ? -1 : 1)
    }

    /// Numbers (those that fit in an `Int32`) numerically and below words; words by their
    /// uppercased characters (`StringComparer.OrdinalIgnoreCase`).
    private static func compareLabel(_ lhs: Substring, _ rhs: Substring) -> Int {
        switch (int32(lhs), int32(rhs)) {
        case let (l?, r?): return l == r ? 0 : (l < r ? -1 : 1)
        case (_?, nil): return -1
        case (nil, _?): return 1
        case (nil, nil):
            let left = lhs.uppercased()
            let right = rhs.uppercased()
            return left == right ? 0 : (left.utf8.lexicographicallyPrecedes(right.utf8) ? -1 : 1)
        }
    }
}

/// NuGet versions.
package struct NuGetVersionScheme: VersionScheme {
    package init() {}
    package func parse(_ text: String) -> NuGetVersion? { NuGetVersion(text) }
    package func canonical(_ text: String) -> String { parse(text)?.description ?? text }
}
