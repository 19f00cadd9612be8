/// A Python package version under PEP 440, normalised and ordered as the specification says:
/// epoch, release (trailing zeros ignored), then dev < pre-release < release < post-release, and a
/// local label (`+ubuntu1`) above the same public version. Text that is not PEP 440 (old
/// `setuptools`-era versions) parses as a legacy version that orders below every PEP 440 one.
package struct PEP440Version: Comparable, Sendable, CustomStringConvertible {
    package enum PreRelease: Int, Sendable, Comparable {
        case alpha, beta, candidate

        package static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    package let epoch: Int
    package let release: [Int]
    package let pre: (kind: PreRelease, number: Int)?
    package let post: Int?
    package let dev: Int?
    package let local: [Substring]
    /// Set for text PEP 440 does not accept; such versions order by this text below all others.
    package let legacy: String?

    package init(_ text: String) {
        if let parsed = Self.parsePEP440(Self.lowercasedTrimmed(text)) {
            self = parsed
        } else {
            epoch = -1
            release = []
            pre = nil
            post = nil
            dev = nil
            local = []
            legacy = text
        }
    }

    private init(epoch: Int, release: [Int], pre: (kind: PreRelease, number: Int)?, post: Int?, dev: Int?, local: [Substring]) {
        self.epoch = epoch
        self.release = release
        self.pre = pre
        self.post = post
        self.dev = dev
        self.local = local
        legacy = nil
    }

    package var isLegacy: Bool { legacy != nil }

    /// The normalised form with trailing zeros of the release dropped: equal versions, equal text.
    package var canonical: String {
        guard legacy == nil else { return description }
        var trimmed = release
        while trimmed.count > 1, trimmed.last == 0 { trimmed.removeLast() }
        return PEP440Version(epoch: epoch, release: trimmed, pre: pre, post: post, dev: dev, local: local).description
    }

    package var description: String {
        if let legacy { return legacy }
        var text = epoch == 0 ? "" : "\(epoch)!"
        text += release.map(String.init).joined(separator: ".")
        if let pre { text += ["a", "b", "rc"][pre.kind.rawValue] + String(pre.number) }
        if let post { text += ".post\(post)" }
        if let dev { text += ".dev\(dev)" }
        if !local.isEmpty { text += "+" + local.joined(separator: ".") }
        return text
    }

    // MARK: - Parsing

    /// ASCII-lowercased bytes without surrounding spaces and tabs (Foundation's trimming bridges
    /// through NSString, which dominated matching thousands of dependencies).
    private static func lowercasedTrimmed(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        while let last = bytes.last, last == 0x20 || last == 0x09 { bytes.removeLast() }
        let start = bytes.firstIndex { $0 != 0x20 && $0 != 0x09 } ?? bytes.count
        return bytes[start...].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }

    /// A cursor over the lowercased text, for the grammar in PEP 440's appendix.
    private struct Scanner {
        let bytes: [UInt8]
        var at = 0

        var atEnd: Bool { at == bytes.count }
        var next: UInt8? { at < bytes.count ? bytes[at] : nil }

        mutating func skipSeparator() -> Bool {
            guard let byte = next, byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") else { return false }
            at += 1
            return true
        }

        mutating func number() -> Int? {
            var value = 0
            let start = at
            while let byte = next, byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                // Saturate: a version number past Int.max is hostile input, not a real release.
                value = value > Int.max / 10 - 10 ? Int.max / 2 : value * 10 + Int(byte - UInt8(ascii: "0"))
                at += 1
            }
            return at > start ? value : nil
        }

        /// `[sep]word[sep][number]` from here: the word and its number (0 when absent, as PEP 440
        /// reads `1.0a` as `1.0a0`), or nil with the position unchanged.
        mutating func label(_ words: [String]) -> (word: String, number: Int)? {
            let mark = at
            _ = skipSeparator()
            guard let found = word(words) else {
                at = mark
                return nil
            }
            let beforeNumber = at
            _ = skipSeparator()
            let value = number()
            if value == nil { at = beforeNumber }
            return (found, value ?? 0)
        }

        mutating func word(_ candidates: [String]) -> String? {
            for candidate in candidates {
                let count = candidate.utf8.count
                if at + count <= bytes.count, bytes[at..<(at + count)].elementsEqual(candidate.utf8) {
                    at += count
                    return candidate
                }
            }
            return nil
        }
    }

    private static func parsePEP440(_ bytes: [UInt8]) -> PEP440Version? {
        var scanner = Scanner(bytes: bytes)
        if scanner.next == UInt8(ascii: "v") { scanner.at += 1 }
        var epoch = 0
        guard var first = scanner.number() else { return nil }
        if scanner.next == UInt8(ascii: "!") {
            scanner.at += 1
            epoch = first
            guard let number = scanner.number() else { return nil }
            first = number
        }
        var release = [first]
        while scanner.next == UInt8(ascii: "."), scanner.at + 1 < scanner.bytes.count,
              (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(scanner.bytes[scanner.at + 1]) {
            scanner.at += 1
            release.append(scanner.number()!)
        }
        var pre: (kind: PreRelease, number: Int)?
        if let label = scanner.label(["alpha", "beta", "preview", "pre", "rc", "a", "b", "c"]) {
            pre = (label.word.hasPrefix("a") ? .alpha : label.word.hasPrefix("b") ? .beta : .candidate, label.number)
        }
        var post: Int?
        if scanner.next == UInt8(ascii: "-"), scanner.at + 1 < scanner.bytes.count,
           (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(scanner.bytes[scanner.at + 1]) {
            // The implicit post-release: `1.0-1` is `1.0.post1`.
            scanner.at += 1
            post = scanner.number()
        } else {
            post = scanner.label(["post", "rev", "r"])?.number
        }
        let dev = scanner.label(["dev"])?.number
        var local: [Substring] = []
        if scanner.next == UInt8(ascii: "+") {
            let rest = String(decoding: scanner.bytes[(scanner.at + 1)...], as: UTF8.self)
            local = rest.split(omittingEmptySubsequences: false) { $0 == "." || $0 == "-" || $0 == "_" }
            guard !local.isEmpty, local.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }) else { return nil }
            scanner.at = scanner.bytes.count
        }
        guard scanner.atEnd else { return nil }
        return PEP440Version(epoch: epoch, release: release, pre: pre, post: post, dev: dev, local: local)
    }

    // MARK: - Ordering

    package static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == 0 }
    package static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        switch (lhs.legacy, rhs.legacy) {
        case let (left?, right?): return left == right ? 0 : (left < right ? -1 : 1)
        case (_?, nil): return -1
        case (nil, _?): return 1
        case (nil, nil): break
        }
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let length = max(lhs.release.count, rhs.release.count)
        for index in 0..<length {
            let left = index < lhs.release.count ? lhs.release[index] : 0
            let right = index < rhs.release.count ? rhs.release[index] : 0
            if left != right { return left < right ? -1 : 1 }
        }
        let left = (preKey(lhs), postKey(lhs), devKey(lhs))
        let right = (preKey(rhs), postKey(rhs), devKey(rhs))
        for (a, b) in [(left.0, right.0), (left.1, right.1), (left.2, right.2)] where a != b {
            return a < b ? -1 : 1
        }
        return compareLocal(lhs.local, rhs.local)
    }

    /// A pair that orders first by `rank`, then by `number`.
    private struct Key: Comparable {
        let rank: Int
        let number: Int

        static func < (lhs: Key, rhs: Key) -> Bool { (lhs.rank, lhs.number) < (rhs.rank, rhs.number) }
    }

    /// A dev release of a final version sorts before its pre-releases; a final release after them.
    private static func preKey(_ version: Self) -> Key {
        if let pre = version.pre { return Key(rank: pre.kind.rawValue, number: pre.number) }
        if version.post == nil, version.dev != nil { return Key(rank: -1, number: 0) }
        return Key(rank: 3, number: 0)
    }

    /// No post-release sorts before any.
    private static func postKey(_ version: Self) -> Key {
        version.post.map { Key(rank: 1, number: $0) } ?? Key(rank: 0, number: 0)
    }

    /// A dev release sorts before the same version without one.
    private static func devKey(_ version: Self) -> Key {
        version.dev.map { Key(rank: 0, number: $0) } ?? Key(rank: 1, number: 0)
    }

    /// No local label sorts first; then segment by segment, numbers above words and numbers
    /// compared numerically, a longer label above its prefix.
    private static func compareLocal(_ lhs: [Substring], _ rhs: [Substring]) -> Int {
        if lhs.isEmpty || rhs.isEmpty { return lhs.isEmpty == rhs.isEmpty ? 0 : (lhs.isEmpty ? -1 : 1) }
        for (left, right) in zip(lhs, rhs) {
            switch (NumericText.isDigits(left), NumericText.isDigits(right)) {
            case (true, true):
                let order = NumericText.compare(left, right)
                if order != 0 { return order }
            case (true, false): return 1
            case (false, true): return -1
            case (false, false):
                if left != right { return left < right ? -1 : 1 }
            }
        }
        return lhs.count == rhs.count ? 0 : (lhs.count < rhs.count ? -1 : 1)
    }
}

/// PyPI versions.
package struct PEP440VersionScheme: VersionScheme {
    package init() {}
    /// Text PEP 440 rejects is no version to compare: its legacy order (below everything) would
    /// call it unaffected by any range, so it is left undecidable and reported.
    package func parse(_ text: String) -> PEP440Version? {
        let version = PEP440Version(text)
        return version.isLegacy ? nil : version
    }
    package func canonical(_ text: String) -> String { PEP440Version(text).canonical }
}
