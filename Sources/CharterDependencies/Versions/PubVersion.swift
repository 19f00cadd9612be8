/// A Dart package version, ordered as `pub_semver` orders it: Semantic Versioning 2.0.0, except
/// that build metadata counts, a build ordering after the same version without one (`1.0.0` <
/// `1.0.0+1` < `1.0.0+2`), its identifiers compared like pre-release ones.
///
/// Identifiers that Dart's `int.tryParse` reads (`7`, `007`, `-1`, `0x1f`) are numbers; larger
/// than a 64-bit integer they are words, as in Dart. Major, minor and patch must fit in 64 bits.
package struct PubVersion: Comparable, Sendable, CustomStringConvertible {
    enum Identifier: Equatable, Sendable {
        case number(Int)
        case word(Substring)
    }

    let release: [Int]
    let prerelease: [Identifier]
    let build: [Identifier]

    package init?(_ text: String) {
        var body = Substring(text.trimmedSpaces)
        var build: [Identifier] = []
        if let plus = body.firstIndex(of: "+") {
            guard let identifiers = Self.identifiers(body[body.index(after: plus)...]) else { return nil }
            build = identifiers
            body = body[..<plus]
        }
        var prerelease: [Identifier] = []
        if let dash = body.firstIndex(of: "-") {
            guard let identifiers = Self.identifiers(body[body.index(after: dash)...]) else { return nil }
            prerelease = identifiers
            body = body[..<dash]
        }
        let numbers = body.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3, numbers.allSatisfy(NumericText.isDigits) else { return nil }
        var release: [Int] = []
        for number in numbers {
            guard let value = Self.decimal(number) else { return nil }
            release.append(value)
        }
        self.release = release
        self.prerelease = prerelease
        self.build = build
    }

    private static func identifiers(_ text: Substring) -> [Identifier]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }) else { return nil }
        return parts.map { part in dartInt(part).map(Identifier.number) ?? .word(part) }
    }

    /// Dart's `int.tryParse` without a radix: an optional sign, then decimal digits or `0x` and
    /// hexadecimal digits; nil beyond 64 bits.
    static func dartInt(_ text: Substring) -> Int? {
        var body = text
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        let value: Int?
        if body.count > 2, body.hasPrefix("0x") || body.hasPrefix("0X") {
            value = accumulate(body.dropFirst(2), radix: 16)
        } else {
            value = NumericText.isDigits(body) ? decimal(body) : nil
        }
        guard let value else { return nil }
        return negative ? -value : value
    }

    private static func decimal(_ digits: Substring) -> Int? { accumulate(digits, radix: 10) }

    private static func accumulate(_ digits: Substring, radix: Int) -> Int? {
        var value = 0
        for character in digits {
            guard let digit = character.hexDigitValue, digit < radix else { return nil }
            let (shifted, overflowShift) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflowAdd) = shifted.addingReportingOverflow(digit)
            if overflowShift || overflowAdd { return nil }
            value = sum
        }
        return value
    }

    /// Numbers in decimal: equal versions, equal text.
    package var description: String {
        func joined(_ identifiers: [Identifier]) -> String {
            identifiers.map { identifier in
                switch identifier {
                case .number(let value): String(value)
                case .word(let text): String(text)
                }
            }.joined(separator: ".")
        }
        return release.map(String.init).joined(separator: ".")
            + (prerelease.isEmpty ? "" : "-" + joined(prerelease)) + (build.isEmpty ? "" : "+" + joined(build))
    }

    package static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.release == rhs.release && lhs.prerelease == rhs.prerelease && lhs.build == rhs.build
    }

    package static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        if lhs.release != rhs.release { return lhs.release.lexicographicallyPrecedes(rhs.release) ? -1 : 1 }
        if lhs.prerelease.isEmpty != rhs.prerelease.isEmpty { return lhs.prerelease.isEmpty ? 1 : -1 }
        let order = compareIdentifiers(lhs.prerelease, rhs.prerelease)
        if order != 0 { return order }
        if lhs.build.isEmpty != rhs.build.isEmpty { return lhs.build.isEmpty ? -1 : 1 }
        return compareIdentifiers(lhs.build, rhs.build)
    }

    /// A missing identifier first, numbers below words, words by their characters.
    private static func compareIdentifiers(_ lhs: [Identifier], _ rhs: [Identifier]) -> Int {
        for index in 0..<max(lhs.count, rhs.count) {
            guard index < lhs.count else { return -1 }
            guard index < rhs.count else { return 1 }
            switch (lhs[index], rhs[index]) {
            case let (.number(l), .number(r)): if l != r { return l < r ? -1 : 1 }
            case (.number, .word): return -1
            case (.word, .number): return 1
            case let (.word(l), .word(r)): if l != r { return l.utf8.lexicographicallyPrecedes(r.utf8) ? -1 : 1 }
            }
        }
        return 0
    }
}

/// Pub (Dart) versions.
package struct PubVersionScheme: VersionScheme {
    package init() {}
    package func parse(_ text: String) -> PubVersion? { PubVersion(text) }
    package func canonical(_ text: String) -> String { parse(text)?.description ?? text }
}
