/// Composer's `VersionParser::normalize` for released versions: the classical form
/// `v?N(.N){0,3}` (the first number at most five digits) padded to four numbers, or a dated form
/// `YYYY(.MM...)`, each followed by an optional stability modifier and `-dev`. Anything else (a
/// branch, a constraint) is nil.
enum ComposerNormalizer {
    static func normalize(_ text: String) -> String? {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return nil }
        // Build metadata is stripped, as Composer does before matching.
        if let plus = bytes.firstIndex(of: UInt8(ascii: "+")), plus > 0, plus < bytes.count - 1,
           !bytes[..<plus].contains(UInt8(ascii: ",")) {
            bytes = Array(bytes[..<plus])
        }
        var start = 0
        if bytes.first == UInt8(ascii: "v") || bytes.first == UInt8(ascii: "V") { start = 1 }
        return classical(bytes, from: start) ?? dated(bytes, from: start)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func digitsEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var end = start
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        return end
    }

    private static func classical(_ bytes: [UInt8], from start: Int) -> String? {
        var at = digitsEnd(bytes, from: start)
        guard (1...5).contains(at - start) else { return nil }
        var numbers = [String(decoding: bytes[start..<at], as: UTF8.self)]
        while numbers.count < 4, at + 1 < bytes.count, bytes[at] == UInt8(ascii: "."), isDigit(bytes[at + 1]) {
            let end = digitsEnd(bytes, from: at + 1)
            numbers.append(String(decoding: bytes[(at + 1)..<end], as: UTF8.self))
            at = end
        }
        numbers += Array(repeating: "0", count: 4 - numbers.count)
        return modified(numbers.joined(separator: "."), bytes[at...])
    }

    /// `\d{4}([.:-]?\d{2}){1,6}([.:-]?\d{1,3}){0,2}`, trying the ends a backtracking regex
    /// engine would try, in its order, until the rest reads as a modifier.
    private static func dated(_ bytes: [UInt8], from start: Int) -> String? {
        guard start + 4 <= bytes.count, bytes[start..<(start + 4)].allSatisfy(isDigit) else { return nil }
        for end in dateEnds(bytes, at: start + 4, pairs: 0, triples: 0) {
            let body = bytes[start..<end].map { isDigit($0) ? $0 : UInt8(ascii: ".") }
            if let version = modified(String(decoding: body, as: UTF8.self), bytes[end...]) { return version }
        }
        return nil
    }

    private static func dateEnds(_ bytes: [UInt8], at: Int, pairs: Int, triples: Int) -> [Int] {
        func group(_ lengths: [Int]) -> [Int] {
            let separated = at < bytes.count && [UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "-")].contains(bytes[at])
            let digitsStart = separated ? at + 1 : at
            return lengths.compactMap { length in
                digitsStart + length <= bytes.count && bytes[digitsStart..<(digitsStart + length)].allSatisfy(isDigit) ? digitsStart + length : nil
            }
        }
        var ends: [Int] = []
        if triples == 0, pairs < 6 {
            for next in group([2]) { ends += dateEnds(bytes, at: next, pairs: pairs + 1, triples: 0) }
        }
        guard pairs >= 1 else { return ends }
        if triples < 2 {
            for next in group([3, 2, 1]) { ends += dateEnds(bytes, at: next, pairs: pairs, triples: triples + 1) }
        }
        return ends + [at]
    }

    /// `[._-]?((stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*+))?([.-]?dev)?$`, appended
    /// to `version` the way Composer writes it; nil when the rest is not a modifier.
    private static func modified(_ version: String, _ rest: ArraySlice<UInt8>) -> String? {
        var at = rest.startIndex
        if at < rest.endIndex, [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-")].contains(rest[at]) { at += 1 }
        for word in ["stable", "beta", "b", "rc", "alpha", "a", "patch", "pl", "p"] {
            guard let wordEnd = matchWord(word, rest, at) else { continue }
            let numbersEnd = stabilityNumbersEnd(rest, wordEnd)
            guard let dev = devSuffix(rest, numbersEnd) else { continue }
            let written = String(decoding: rest[at..<wordEnd], as: UTF8.self)
            // Composer compares the captured word with "stable" case-sensitively.
            if written == "stable" { return version }
            var numbers = Substring(String(decoding: rest[wordEnd..<numbersEnd], as: UTF8.self))
            if numbers == "0" { numbers = "" } // PHP's empty("0")
            return version + "-" + expandStability(written.lowercased()) + numbers.drop { $0 == "." || $0 == "-" } + (dev ? "-dev" : "")
        }
        guard let dev = devSuffix(rest, at) else { return nil }
        return version + (dev ? "-dev" : "")
    }

    private static func matchWord(_ word: String, _ rest: ArraySlice<UInt8>, _ at: Int) -> Int? {
        let end = at + word.utf8.count
        guard end <= rest.endIndex else { return nil }
        return rest[at..<end].map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }.elementsEqual(word.utf8) ? end : nil
    }

    /// `(?:[.-]?\d+)*+`: as many numbers as follow, each optionally after `.` or `-`.
    private static func stabilityNumbersEnd(_ rest: ArraySlice<UInt8>, _ start: Int) -> Int {
        var at = start
        while at < rest.endIndex {
            if isDigit(rest[at]) {
                at += 1
            } else if rest[at] == UInt8(ascii: ".") || rest[at] == UInt8(ascii: "-"), at + 1 < rest.endIndex, isDigit(rest[at + 1]) {
                at += 2
            } else {
                break
            }
        }
        return at
    }

    /// `([.-]?dev)?$`: whether a `dev` suffix ends the text, or nil when something else follows.
    private static func devSuffix(_ rest: ArraySlice<UInt8>, _ start: Int) -> Bool? {
        if start == rest.endIndex { return false }
        var at = start
        if rest[at] == UInt8(ascii: ".") || rest[at] == UInt8(ascii: "-") { at += 1 }
        return matchWord("dev", rest, at) == rest.endIndex ? true : nil
    }

    private static func expandStability(_ word: String) -> String {
        switch word {
        case "a": "alpha"
        case "b": "beta"
        case "p", "pl": "patch"
        case "rc": "RC"
        default: word
        }
    }
}
