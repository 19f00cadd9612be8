/// The CVSS v2 base score (FIRST, "A Complete Guide to the Common Vulnerability Scoring System
/// Version 2.0", section 3.2.1), from a vector such as `AV:N/AC:L/Au:N/C:P/I:P/A:P`; a
/// `CVSS:2.0/` prefix or surrounding parentheses are accepted.
package enum CVSS2 {
    private static let values: [String: Set<String>] = [
        "AV": ["L", "A", "N"], "AC": ["H", "M", "L"], "Au": ["M", "S", "N"], "C": ["N", "P", "C"], "I": ["N", "P", "C"], "A": ["N", "P", "C"],
        "E": ["U", "POC", "F", "H", "ND"], "RL": ["OF", "TF", "W", "U", "ND"], "RC": ["UC", "UR", "C", "ND"],
        "CDP": ["N", "L", "LM", "MH", "H", "ND"], "TD": ["N", "L", "M", "H", "ND"], "CR": ["L", "M", "H", "ND"],
        "IR": ["L", "M", "H", "ND"], "AR": ["L", "M", "H", "ND"],
    ]
    private static let base = ["AV", "AC", "Au", "C", "I", "A"]

    /// The base score (0.0–10.0), or nil when `vector` is not a valid CVSS v2 vector.
    package static func baseScore(_ vector: String) -> Double? {
        var body = Substring(vector)
        if body.hasPrefix("("), body.hasSuffix(")") { body = body.dropFirst().dropLast() }
        if body.hasPrefix("CVSS:2.0/") { body = body.dropFirst(9) }
        guard let metrics = CVSSVector(body, allowed: values, base: base) else { return nil }
        let impactWeight = ["N": 0.0, "P": 0.275, "C": 0.660]
        let impact = 10.41 * (1 - (1 - impactWeight[metrics["C"]]!) * (1 - impactWeight[metrics["I"]]!) * (1 - impactWeight[metrics["A"]]!))
        let exploitability = 20 * ["L": 0.395, "A": 0.646, "N": 1.0][metrics["AV"]]! * ["H": 0.35, "M": 0.61, "L": 0.71][metrics["AC"]]!
            * ["M": 0.45, "S": 0.56, "N": 0.704][metrics["Au"]]!
        let factor = impact == 0 ? 0 : 1.176
        let score = ((0.6 * impact) + (0.4 * exploitability) - 1.5) * factor
        return (score * 10).rounded(.toNearestOrAwayFromZero) / 10
    }
}
