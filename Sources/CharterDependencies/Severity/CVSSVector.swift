/// A CVSS vector's metrics, read from `KEY:VALUE` pairs separated by `/`, with the checks every
/// version shares: each metric once, only known metrics and values, every base metric present.
struct CVSSVector {
    let metrics: [String: String]

    /// `allowed` maps each metric the version defines to its values; `base` lists those required.
    /// `order`, when given, is the only order the metrics may appear in (v4 forbids any other).
    init?(_ text: Substring, allowed: [String: Set<String>], base: [String], order: [String]? = nil) {
        var metrics: [String: String] = [:]
        var earliest = 0  // the first place in `order` the next metric may take
        for pair in text.split(separator: "/", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return nil }
            let key = String(parts[0])
            let value = String(parts[1])
            guard let values = allowed[key], values.contains(value), metrics[key] == nil else { return nil }
            if let order {
                guard let index = order[earliest...].firstIndex(of: key) else { return nil }
                earliest = index + 1
            }
            metrics[key] = value
        }
        guard base.allSatisfy({ metrics[$0] != nil }) else { return nil }
        self.metrics = metrics
    }

    subscript(_ key: String) -> String { metrics[key] ?? "X" }
}

/// A qualitative rating, as the CVSS v3 and v4 specifications band scores (v2 has no Critical).
package enum SeverityRating: String, Sendable, Comparable, CaseIterable {
    case none, low, medium, high, critical

    package static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// 0 none, 0.1–3.9 low, 4.0–6.9 medium, 7.0–8.9 high, 9.0–10.0 critical.
    package init(score: Double) {
        switch score {
        case ..<0.05: self = .none
        case ..<3.95: self = .low
        case ..<6.95: self = .medium
        case ..<8.95: self = .high
        default: self = .critical
        }
    }
}
