import Foundation

/// Ages as people write them (`--max-age 24h`, `7d`, `2h30m`) and as reasons print them (`1d 1h`).
package enum AgeText {
    private static let units: [(letter: Character, seconds: Int)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]

    /// The two largest non-zero units: `26h 3m` reads as `1d 2h`, `4m 10s` stays.
    package static func describe(_ seconds: TimeInterval) -> String {
        let total = Int(max(0, seconds).rounded(.down))
        let parts = units.enumerated().map { offset, unit in
            (value: offset == 0 ? total / unit.seconds : total / unit.seconds % (units[offset - 1].seconds / unit.seconds), letter: unit.letter)
        }
        guard let first = parts.firstIndex(where: { $0.value > 0 }) else { return "0s" }
        return parts[first..<min(first + 2, parts.count)].filter { $0.value > 0 }.map { "\($0.value)\($0.letter)" }.joined(separator: " ")
    }

    /// Whole numbers with the units d, h, m, s, largest first and each at most once; nil for
    /// anything else or for no time at all.
    package static func parse(_ text: String) -> TimeInterval? {
        var total = 0
        var nextUnit = 0
        var digits = ""
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                continue
            }
            guard let index = units.firstIndex(where: { $0.letter == character }), index >= nextUnit, let value = Int(digits) else { return nil }
            let (product, overflow) = value.multipliedReportingOverflow(by: units[index].seconds)
            let (sum, overflowed) = total.addingReportingOverflow(product)
            guard !overflow, !overflowed else { return nil }
            total = sum
            nextUnit = index + 1
            digits = ""
        }
        guard digits.isEmpty, total > 0 else { return nil }
        return TimeInterval(total)
    }
}
