/// The CVSS v4.0 score (FIRST, CVSS v4.0 Specification Document, sections 7 and 8). There is no
/// formula over weights any more: the vector falls in one of 270 macro vectors whose scores experts
/// ranked, and is scored a little below its macro vector's score the further it lies from that
/// macro vector's most severe vectors.
package enum CVSS4 {
    /// Every metric with its values, in the one order a vector may list them (section 7, Table 23:
    /// "every other ordering is invalid"). Base metrics first, all mandatory; threat (E),
    /// environmental (CR…MSA) and supplemental (S…U) ones are optional, X meaning Not Defined.
    private static let metrics: KeyValuePairs<String, [String]> = [
        "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "AT": ["N", "P"], "PR": ["N", "L", "H"], "UI": ["N", "P", "A"],
        "VC": ["H", "L", "N"], "VI": ["H", "L", "N"], "VA": ["H", "L", "N"], "SC": ["H", "L", "N"], "SI": ["H", "L", "N"], "SA": ["H", "L", "N"],
        "E": ["X", "A", "P", "U"],
        "CR": ["X", "H", "M", "L"], "IR": ["X", "H", "M", "L"], "AR": ["X", "H", "M", "L"],
        "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MAT": ["X", "N", "P"], "MPR": ["X", "N", "L", "H"], "MUI": ["X", "N", "P", "A"],
        "MVC": ["X", "N", "L", "H"], "MVI": ["X", "N", "L", "H"], "MVA": ["X", "N", "L", "H"],
        "MSC": ["X", "N", "L", "H"], "MSI": ["X", "N", "L", "H", "S"], "MSA": ["X", "N", "L", "H", "S"],
        "S": ["X", "N", "P"], "AU": ["X", "N", "Y"], "R": ["X", "A", "U", "I"], "V": ["X", "D", "C"], "RE": ["X", "L", "M", "H"],
        "U": ["X", "Clear", "Green", "Amber", "Red"],
    ]
    private static let order = metrics.map(\.key)
    private static let values = Dictionary(uniqueKeysWithValues: metrics.map { ($0.key, Set($0.value)) })
    private static let base = ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"]
    private static let impacts = ["VC", "VI", "VA", "SC", "SI", "SA"]

    /// What an unset threat metric or security requirement counts as: the worst case (notes to
    /// Tables 28 and 29). An unset modified metric leaves its base metric as it is.
    private static let worstCase = ["E": "A", "CR": "H", "IR": "H", "AR": "H"]

    /// The values of each scored metric from the most severe, one step apart: the unit of the
    /// severity distance (section 8.2). SC uses SI and SA's scale, whose top value, Safety (S),
    /// only MSI and MSA can set, so that EQ4's distances line up.
    private static let steps: [String: [String]] = [
        "AV": ["N", "A", "L", "P"], "PR": ["N", "L", "H"], "UI": ["N", "P", "A"], "AC": ["L", "H"], "AT": ["N", "P"],
        "VC": ["H", "L", "N"], "VI": ["H", "L", "N"], "VA": ["H", "L", "N"],
        "SC": ["S", "H", "L", "N"], "SI": ["S", "H", "L", "N"], "SA": ["S", "H", "L", "N"],
        "E": ["A", "P", "U"], "CR": ["H", "M", "L"], "IR": ["H", "M", "L"], "AR": ["H", "M", "L"],
    ]

    /// CVSS-B, the score of the base metrics alone, or nil when `vector` is not a valid CVSS v4.0
    /// vector. Threat, environmental and supplemental metrics are checked but, like v3's temporal
    /// metrics here, do not change it: an advisory's severity should not hang on its exploit status.
    package static func baseScore(_ vector: String) -> Double? {
        guard let metrics = parse(vector) else { return nil }
        return score { metric in worstCase[metric] ?? metrics[metric] }
    }

    /// CVSS-BTE, the score with the vector's threat and environmental metrics applied: a modified
    /// metric replaces its base metric, and unset ones count as the worst case. Nil when `vector`
    /// is not a valid CVSS v4.0 vector.
    package static func score(_ vector: String) -> Double? {
        guard let metrics = parse(vector) else { return nil }
        return score { metric in
            let modified = metrics["M" + metric]
            let value = modified != "X" ? modified : metrics[metric]
            return value == "X" ? worstCase[metric] ?? value : value
        }
    }

    private static func parse(_ vector: String) -> CVSSVector? {
        guard vector.hasPrefix("CVSS:4.0/") else { return nil }
        return CVSSVector(vector.dropFirst(9), allowed: values, base: base, order: order)
    }

    /// The score of the vector whose effective metric values `value` gives (section 8.2): the
    /// macro vector's score, less the mean, over the directions that have a lower macro vector, of
    /// the drop to it scaled by how far the vector lies below the top of its own macro vector.
    /// Worked on integers (tenths) so the result is exact and rounds half up as the FIRST calculator
    /// does, where floating point would land 1.45 on 1.4499999.
    private static func score(_ value: (String) -> String) -> Double? {
        if impacts.allSatisfy({ value($0) == "N" }) { return 0 }
        let macroVector = CVSS4MacroVector(value)
        guard let top = macroVector.score.map(tenths), let dimensions = macroVector.dimensions else { return nil }
        var drops: [(numerator: Int, denominator: Int)] = []
        for dimension in dimensions {
            // From EQ3+EQ6 00 two macro vectors lie one level down; the nearer in score bounds the drop.
            guard let lower = dimension.lower.compactMap(\.score).max() else { continue }
            drops.append(((top - tenths(lower)) * distance(value, below: dimension.highest), dimension.depth))
        }
        guard !drops.isEmpty else { return Double(top) / 10 }
        let commonDenominator = drops.map(\.denominator).reduce(1, *)
        let dropSum = drops.map { $0.numerator * (commonDenominator / $0.denominator) }.reduce(0, +)
        let denominator = commonDenominator * drops.count
        let scaled = max(0, top * denominator - dropSum)
        return Double((2 * scaled + denominator) / (2 * denominator)) / 10
    }

    /// How many single steps the vector's values lie below `highest` (e.g. `AV:A/PR:N/UI:N`).
    private static func distance(_ value: (String) -> String, below highest: String) -> Int {
        highest.split(separator: "/").reduce(0) { total, pair in
            let parts = pair.split(separator: ":")
            let metric = String(parts[0])
            return total + step(metric, value(metric)) - step(metric, String(parts[1]))
        }
    }

    /// A value's place on its metric's scale; validated values and the tables' constants are all on it.
    private static func step(_ metric: String, _ value: String) -> Int {
        steps[metric]?.firstIndex(of: value) ?? 0
    }

    private static func tenths(_ score: Double) -> Int { Int((score * 10).rounded()) }
}
