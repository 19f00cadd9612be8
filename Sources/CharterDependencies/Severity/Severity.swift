/// How severe a vulnerability is: a CVSS base score when a vector is given (the newest version
/// given wins: v4, then v3, then v2), else the rating the advisory states, else unknown (the policy
/// decides).
package struct Severity: Sendable, Equatable {
    package let score: Double?
    package let rating: SeverityRating?
    /// Where it came from: `CVSS:4.0/…`, `CVSS:3.1/…`, `database: HIGH`, or `unknown`.
    package let source: String

    package static let unknown = Severity(score: nil, rating: nil, source: "unknown")

    package static func of(_ record: OSVRecord, affected: [OSVRecord.Affected]) -> Severity {
        let vectors = record.severity + affected.flatMap(\.severity)
        let scorers: KeyValuePairs<String, (String) -> Double?> = ["CVSS_V4": CVSS4.baseScore, "CVSS_V3": CVSS3.baseScore, "CVSS_V2": CVSS2.baseScore]
        for (type, baseScore) in scorers {
            for entry in vectors where entry.type == type {
                if let score = baseScore(entry.score) {
                    return Severity(score: score, rating: SeverityRating(score: score), source: entry.score)
                }
            }
        }
        if let stated = record.statedSeverity?.lowercased() {
            let rating: SeverityRating? = switch stated {
            case "critical": .critical
            case "high": .high
            case "moderate", "medium": .medium
            case "low": .low
            default: nil
            }
            if let rating { return Severity(score: nil, rating: rating, source: "database: \(stated.uppercased())") }
        }
        return .unknown
    }
}
