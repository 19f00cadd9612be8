/// An R package version (`package_version`): at least two numbers separated by `.` or `-`,
/// compared number by number, a version that is a prefix of another sorting first (`1.0` <
/// `1.0.0`). `1-2` and `1.2` are the same version.
package struct CRANVersion: Comparable, Sendable, CustomStringConvertible {
    /// Digits without leading zeros ("" for zero).
    let numbers: [Substring]

    package init?(_ text: String) {
        let parts = Substring(text.trimmedSpaces).split(omittingEmptySubsequences: false) { $0 == "." || $0 == "-" }
        guard parts.count >= 2, parts.allSatisfy(NumericText.isDigits) else { return nil }
        numbers = parts.map { $0.drop { $0 == "0" } }
    }

    package var description: String {
        numbers.map { $0.isEmpty ? "0" : String($0) }.joined(separator: ".")
    }

    package static func < (lhs: Self, rhs: Self) -> Bool {
        for (left, right) in zip(lhs.numbers, rhs.numbers) {
            let order = NumericText.compare(left, right)
            if order != 0 { return order < 0 }
        }
        return lhs.numbers.count < rhs.numbers.count
    }
}

/// CRAN (R) package versions.
package struct CRANVersionScheme: VersionScheme {
    package init() {}
    package func parse(_ text: String) -> CRANVersion? { CRANVersion(text) }
    package func canonical(_ text: String) -> String { parse(text)?.description ?? text }
}
