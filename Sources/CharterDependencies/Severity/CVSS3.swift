import Foundation

/// The CVSS v3.0 and v3.1 base score, computed from a vector as the specifications define it
/// (FIRST, CVSS v3.1 Specification Document, section 7); temporal and environmental metrics in the
/// vector are checked but do not change the base score.
package enum CVSS3 {
    private static let values: [String: Set<String>] = [
        "AV": ["N", "A", "L", "P"], "AC": ["L", "H"], "PR": ["N", "L", "H"], "UI": ["N", "R"], "S": ["U", "C"],
        "C": ["H", "L", "N"], "I": ["H", "L", "N"], "A": ["H", "L", "N"],
        "E": ["X", "H", "F", "P", "U"], "RL": ["X", "U", "W", "T", "O"], "RC": ["X", "C", "R", "U"],
        "CR": ["X", "H", "M", "L"], "IR": ["X", "H", "M", "L"], "AR": ["X", "H", "M", "L"],
        "MAV": ["X", "N", "A", "L", "P"], "MAC": ["X", "L", "H"], "MPR": ["X", "N", "L", "H"], "MUI": ["X", "N", "R"],
        "MS": ["X", "U", "C"], "MC": ["X", "H", "L", "N"], "MI": ["X", "H", "L", "N"], "MA": ["X", "H", "L", "N"],
    ]
    private static let base = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"]

    /// The base score (0.0–10.0), or nil when `vector` is not a valid CVSS 3.0 or 3.1 vector.
    package static func baseScore(_ vector: String) -> Double? {
        let minor: Int
        if vector.hasPrefix("CVSS:3.1/") {
            minor = 1
        } else if vector.hasPrefix("CVSS:3.0/") {
            minor = 0
        } else {
            return nil
        }
        guard let metrics = CVSSVector(vector.dropFirst(9), allowed: values, base: base) else { return nil }
        let changed = metrics["S"] == "C"
        let attackVector = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2][metrics["AV"]]!
        let complexity = ["L": 0.77, "H": 0.44][metrics["AC"]]!
        let privileges = changed ? ["N": 0.85, "L": 0.68, "H": 0.5][metrics["PR"]]! : ["N": 0.85, "L": 0.62, "H": 0.27][metrics["PR"]]!
        let interaction = ["N": 0.85, "R": 0.62][metrics["UI"]]!
        let impactWeight = ["H": 0.56, "L": 0.22, "N": 0.0]
        let subScore = 1 - (1 - impactWeight[metrics["C"]]!) * (1 - impactWeight[metrics["I"]]!) * (1 - impactWeight[metrics["A"]]!)
        let impact = changed ? 7.52 * (subScore - 0.029) - 3.25 * pow(subScore - 0.02, 15) : 6.42 * subScore
        let exploitability = 8.22 * attackVector * complexity * privileges * interaction
        guard impact > 0 else { return 0 }
        let total = changed ? min(1.08 * (impact + exploitability), 10) : min(impact + exploitability, 10)
        return minor == 1 ? roundUp31(total) : roundUp30(total)
    }

    /// v3.1's Roundup (Appendix A): the smallest one-decimal number not below `value`, computed on
    /// integers so that floating-point noise (4.000000000000001) does not round up a whole tenth.
    static func roundUp31(_ value: Double) -> Double {
        let scaled = Int((value * 100_000).rounded())
        return scaled % 10_000 == 0 ? Double(scaled) / 100_000 : Double(scaled / 10_000 + 1) / 10
    }

    /// v3.0's Roundup: the smallest one-decimal number not below `value`.
    static func roundUp30(_ value: Double) -> Double {
        (value * 10).rounded(.up) / 10
    }
}
