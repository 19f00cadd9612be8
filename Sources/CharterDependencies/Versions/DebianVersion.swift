/// A Debian package version `[epoch:]upstream[-revision]`, ordered as dpkg orders it: epochs
/// numerically, then upstream and revision by alternating non-digit and digit runs, where `~`
/// sorts before everything (even the end: `1.0~rc1` < `1.0`), letters before other characters,
/// and digit runs numerically (a run of zeros counting as no run: `1.0` = `1.`).
package struct DebianVersion: Comparable, Sendable, CustomStringConvertible {
    let epoch: Int
    let upstream: [UInt8]
    /// "" when absent, which dpkg compares as "0".
    let revision: [UInt8]

    /// The syntax dpkg enforces: an epoch of digits (at most `Int32.max`), an upstream version
    /// starting with a digit and made of letters, digits and `.+-~:`, and a non-empty revision of
    /// letters, digits and `.+~` after the last `-`.
    package init?(_ text: String) {
        var body = Array(text.trimmedSpaces.utf8)[...]
        var epoch = 0
        if let colon = body.firstIndex(of: UInt8(ascii: ":")) {
            guard let value = NumericText.value(Substring(String(decoding: body[..<colon], as: UTF8.self)), atMost: Int(Int32.max)) else { return nil }
            epoch = value
            body = body[(colon + 1)...]
        }
        var revision: ArraySlice<UInt8> = []
        if let dash = body.lastIndex(of: UInt8(ascii: "-")) {
            revision = body[(dash + 1)...]
            body = body[..<dash]
            guard !revision.isEmpty, revision.allSatisfy({ Self.isAlphanumeric($0) || Array(".+~".utf8).contains($0) }) else { return nil }
        }
        guard let first = body.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9"),
              body.allSatisfy({ Self.isAlphanumeric($0) || Array(".+-~:".utf8).contains($0) }) else { return nil }
        self.epoch = epoch
        upstream = Array(body)
        self.revision = Array(revision)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || ((byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z"))
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// `epoch:upstream-revision` with every digit run written without leading zeros and runs of
    /// zeros left out, so versions dpkg finds equal are spelled alike.
    package var description: String {
        "\(epoch):\(Self.key(upstream))-\(Self.key(revision))"
    }

    private static func key(_ part: [UInt8]) -> String {
        var key: [UInt8] = []
        var index = 0
        while index < part.count {
            guard isDigit(part[index]) else {
                key.append(part[index])
                index += 1
                continue
            }
            var end = index
            while end < part.count, isDigit(part[end]) { end += 1 }
            key += part[index..<end].drop { $0 == UInt8(ascii: "0") }
            index = end
        }
        return String(decoding: key, as: UTF8.self)
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == 0 }
    package static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        if lhs.epoch != rhs.epoch { return lhs.epoch < rhs.epoch ? -1 : 1 }
        let upstream = compareParts(lhs.upstream, rhs.upstream)
        return upstream != 0 ? upstream : compareParts(lhs.revision, rhs.revision)
    }

    /// dpkg's weight of a non-digit character; the end of the text weighs 0.
    private static func weight(_ byte: UInt8?) -> Int {
        guard let byte else { return 0 }
        if isDigit(byte) { return 0 }
        if (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z") { return Int(byte) }
        if byte == UInt8(ascii: "~") { return -1 }
        return Int(byte) + 256
    }

    /// dpkg's `verrevcmp`.
    private static func compareParts(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
        var left = 0
        var right = 0
        func at(_ bytes: [UInt8], _ index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }
        while left < lhs.count || right < rhs.count {
            while (at(lhs, left).map { !isDigit($0) } ?? false) || (at(rhs, right).map { !isDigit($0) } ?? false) {
                let order = weight(at(lhs, left)) - weight(at(rhs, right))
                if order != 0 { return order < 0 ? -1 : 1 }
                left += 1
                right += 1
            }
            while at(lhs, left) == UInt8(ascii: "0") { left += 1 }
            while at(rhs, right) == UInt8(ascii: "0") { right += 1 }
            var firstDifference = 0
            while let l = at(lhs, left), let r = at(rhs, right), isDigit(l), isDigit(r) {
                if firstDifference == 0 { firstDifference = Int(l) - Int(r) }
                left += 1
                right += 1
            }
            if at(lhs, left).map(isDigit) ?? false { return 1 }
            if at(rhs, right).map(isDigit) ?? false { return -1 }
            if firstDifference != 0 { return firstDifference < 0 ? -1 : 1 }
        }
        return 0
    }
}

/// Debian package versions.
package struct DebianVersionScheme: VersionScheme {
    package init() {}
    package func parse(_ text: String) -> DebianVersion? { DebianVersion(text) }
    package func canonical(_ text: String) -> String { parse(text)?.description ?? text }
}
