/// A CVSS v4.0 macro vector: the levels of the six equivalence sets EQ1–EQ6 (specification,
/// section 8.2, Tables 24–30) that group the 15 million vectors into 270 sets of comparable severity,
/// each with one score. Level 0 is the most severe.
struct CVSS4MacroVector {
    let eq1, eq2, eq3, eq4, eq5, eq6: Int

    /// The levels of a vector given its effective metric values (every base metric, E and CR/IR/AR).
    init(_ value: (String) -> String) {
        let (av, pr, ui) = (value("AV"), value("PR"), value("UI"))
        eq1 = av == "N" && pr == "N" && ui == "N" ? 0 : (av == "N" || pr == "N" || ui == "N") && av != "P" ? 1 : 2
        eq2 = value("AC") == "L" && value("AT") == "N" ? 0 : 1
        let (vc, vi, va) = (value("VC"), value("VI"), value("VA"))
        eq3 = vc == "H" && vi == "H" ? 0 : vc == "H" || vi == "H" || va == "H" ? 1 : 2
        let (sc, si, sa) = (value("SC"), value("SI"), value("SA"))
        eq4 = si == "S" || sa == "S" ? 0 : sc == "H" || si == "H" || sa == "H" ? 1 : 2
        eq5 = value("E") == "U" ? 2 : value("E") == "P" ? 1 : 0
        let required = (value("CR") == "H" && vc == "H") || (value("IR") == "H" && vi == "H") || (value("AR") == "H" && va == "H")
        eq6 = required ? 0 : 1
    }

    init(_ eq1: Int, _ eq2: Int, _ eq3: Int, _ eq4: Int, _ eq5: Int, _ eq6: Int) {
        (self.eq1, self.eq2, self.eq3, self.eq4, self.eq5, self.eq6) = (eq1, eq2, eq3, eq4, eq5, eq6)
    }

    /// The key of the score table: the six levels as digits, `000000` the most severe.
    var key: String { "\(eq1)\(eq2)\(eq3)\(eq4)\(eq5)\(eq6)" }

    /// The table's score, or nil for a combination with no macro vector (EQ3 2 with EQ6 0, or a
    /// level past the last).
    var score: Double? { CVSS4MacroVectorScores.scores[key] }

    /// The five directions in which a vector's score falls towards a less severe macro vector, or
    /// nil when this is no macro vector. EQ3 and EQ6 both read VC/VI/VA, so they step together
    /// (Table 30): from 00 down to 01 or 10, from 01 and 10 to 11, from 11 to 21.
    var dimensions: [Dimension]? {
        guard let eq3eq6 = Self.eq3eq6["\(eq3)\(eq6)"] else { return nil }
        let eq3eq6Lower: [CVSS4MacroVector] = switch (eq3, eq6) {
        case (0, 0): [.init(eq1, eq2, 0, eq4, eq5, 1), .init(eq1, eq2, 1, eq4, eq5, 0)]
        case (1, 0): [.init(eq1, eq2, 1, eq4, eq5, 1)]
        default: [.init(eq1, eq2, eq3 + 1, eq4, eq5, 1)]
        }
        return [
            Dimension(Self.eq1[eq1], lower: [.init(eq1 + 1, eq2, eq3, eq4, eq5, eq6)]),
            Dimension(Self.eq2[eq2], lower: [.init(eq1, eq2 + 1, eq3, eq4, eq5, eq6)]),
            Dimension(eq3eq6, lower: eq3eq6Lower),
            Dimension(Self.eq4[eq4], lower: [.init(eq1, eq2, eq3, eq4 + 1, eq5, eq6)]),
            Dimension(Self.eq5[eq5], lower: [.init(eq1, eq2, eq3, eq4, eq5 + 1, eq6)]),
        ]
    }

    /// One equivalence set at this macro vector's level: a highest severity vector of the level
    /// (every other one the spec lists for it lies the same number of steps from the top, so one
    /// is enough to measure a distance), the level's depth, and the macro vectors one level down.
    struct Dimension {
        let highest: String
        let depth: Int
        let lower: [CVSS4MacroVector]

        init(_ level: (highest: String, depth: Int), lower: [CVSS4MacroVector]) {
            (highest, depth, self.lower) = (level.highest, level.depth, lower)
        }
    }

    // Highest severity vectors per level, from Tables 24–30. The depths are those of the FIRST
    // calculator (`max_severity.js`): the longest chain of single steps within the level counted
    // in vectors, so the largest distance plus one (never zero, even for a one-vector level).
    private static let eq1: [(highest: String, depth: Int)] = [("AV:N/PR:N/UI:N", 1), ("AV:A/PR:N/UI:N", 4), ("AV:P/PR:N/UI:N", 5)]
    private static let eq2: [(highest: String, depth: Int)] = [("AC:L/AT:N", 1), ("AC:H/AT:N", 2)]
    private static let eq4: [(highest: String, depth: Int)] = [("SC:H/SI:S/SA:S", 6), ("SC:H/SI:H/SA:H", 5), ("SC:L/SI:L/SA:L", 4)]
    private static let eq5: [(highest: String, depth: Int)] = [("E:A", 1), ("E:P", 1), ("E:U", 1)]
    /// Keyed by EQ3 then EQ6; 20 cannot exist.
    private static let eq3eq6: [String: (highest: String, depth: Int)] = [
        "00": ("VC:H/VI:H/VA:H/CR:H/IR:H/AR:H", 7), "01": ("VC:H/VI:H/VA:L/CR:M/IR:M/AR:H", 6),
        "10": ("VC:L/VI:H/VA:H/CR:H/IR:H/AR:H", 8), "11": ("VC:L/VI:H/VA:L/CR:H/IR:M/AR:H", 8),
        "21": ("VC:L/VI:L/VA:L/CR:H/IR:H/AR:H", 10),
    ]
}
