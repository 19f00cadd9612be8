import CharterTestSupport
@testable import CharterDependencies
import Foundation
import Testing

@Suite struct CVSS4Tests {
    /// The specification's sample vectors (section 7) and others, scored as FIRST's calculator does.
    @Test(arguments: [
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", 9.3),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H", 10.0),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 6.9),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N", 5.1),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/E:A", 5.1),
        ("CVSS:4.0/AV:P/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:A/S:P/AU:Y/R:A/V:D/RE:L/U:Red", 5.4),
        ("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N", 1.0),
        ("CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N", 0.0),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X/CR:X/MAV:X/U:X", 9.3),
    ])
    func baseScores(vector: String, score: Double) {
        #expect(CVSS4.baseScore(vector) == score)
    }

    /// Threat and environmental metrics move the full score (CVSS-BTE) but not the base score
    /// (CVSS-B); `MSI:S` (safety) exists only as a modified metric.
    @Test(arguments: [
        ("CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L/E:P", 5.4, 4.5),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U", 9.3, 8.1),
        ("CVSS:4.0/AV:L/AC:H/AT:N/PR:N/UI:A/VC:N/VI:N/VA:L/SC:H/SI:H/SA:H/CR:H/IR:H/AR:M/MAV:N/MAC:L/MAT:P/MPR:L/MUI:A/MVC:N/MVI:H/MVA:L/MSC:L/MSI:S/MSA:H", 5.0, 8.5),
        ("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/MSI:S", 0.0, 8.9),
    ])
    func threatAndEnvironmentalMetricsChangeOnlyTheFullScore(vector: String, base: Double, full: Double) {
        #expect(CVSS4.baseScore(vector) == base)
        #expect(CVSS4.score(vector) == full)
    }

    /// The specification's invalid examples (section 7), then others.
    @Test(arguments: [
        "CVSS:4.0/AV:F/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N/E:A/E:X",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/ui:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
        "AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/VA:N/SC:N/SI:N/SA:N",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:L/SC:N/SI:N/SA:N",
        "CVSS:4.0/AC:L/AV:N/PR:H/UI:N/VC:L/VI:L/VA:N/SC:N/SI:N/SA:N/CR:L/IR:X/AR:L/RE:H/MAV:A/MAC:H/MAT:N/MUI:P/AT:N/MVC:X/MVI:N/MVA:H/MSC:N/MSI:L/MSA:S/E:U/S:N/AU:N/R:I/V:C/U:Green",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Red/E:A",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AV:N",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MSC:S",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:red",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/XX:Y",
        "CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
        "CVSS:4.0/", "",
    ])
    func invalidVectorsHaveNoScore(vector: String) {
        #expect(CVSS4.baseScore(vector) == nil)
        #expect(CVSS4.score(vector) == nil)
    }

    /// The newest CVSS version an advisory gives decides its severity, whatever the listing order;
    /// an invalid v4 vector gives way to the v3 one.
    @Test func severityPrefersAValidV4Vector() throws {
        let v2 = #"{"type": "CVSS_V2", "score": "AV:N/AC:L/Au:N/C:P/I:P/A:P"}"#
        let v3 = #"{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}"#
        let v4 = #"{"type": "CVSS_V4", "score": "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L"}"#
        let badV4 = #"{"type": "CVSS_V4", "score": "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H"}"#
        func severity(_ entries: [String], affected: [String] = []) throws -> Severity {
            let record = try OSVRecord.parse(Array("""
                {"id": "GHSA-xxxx", "modified": "2024-01-01T00:00:00Z", "severity": [\(entries.joined(separator: ","))],
                 "affected": [{"severity": [\(affected.joined(separator: ","))]}]}
                """.utf8), source: "TEST-1.json")
            return Severity.of(record, affected: record.affected)
        }
        let fromV4 = Severity(score: 5.4, rating: .medium, source: "CVSS:4.0/AV:A/AC:H/AT:P/PR:L/UI:P/VC:H/VI:H/VA:H/SC:L/SI:L/SA:L")
        #expect(try severity([v2, v3, v4]) == fromV4)
        #expect(try severity([v3], affected: [v4]) == fromV4)
        #expect(try severity([badV4, v2, v3]).source == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        #expect(try severity([badV4, v2]).source == "AV:N/AC:L/Au:N/C:P/I:P/A:P")
    }

    /// The 270 macro vector scores, typed in from FIRST's `cvss_lookup.js`, against the `cvss` package's copy.
    @Test func macroVectorScoresAreTheReferenceImplementations() throws {
        let script = """
            from cvss.constants4 import CVSS_LOOKUP_GLOBAL
            for key, score in CVSS_LOOKUP_GLOBAL.items():
                print(key, float(score))
            """
        let result = try ExternalCommand.run("python3", ["-c", script])
        try #require(result.status == 0, "python3 with the cvss package is needed (scripts/ensure-deps.sh installs it): \(result.output.prefix(300))")
        var theirs: [String: Double] = [:]
        for line in result.output.split(separator: "\n") {
            let parts = line.split(separator: " ")
            theirs[String(parts[0])] = Double(parts[1])
        }
        #expect(theirs.count == 270)
        #expect(CVSS4MacroVectorScores.scores == theirs)
    }

    /// Every combination of base metrics (104,976 vectors) through `baseScore`, several thousand
    /// random vectors with threat, environmental and supplemental metrics through both scores, and
    /// every v4 vector in the advisories, scored by us and by the `cvss` package (RedHat's
    /// implementation of FIRST's calculator).
    @Test func everyVectorScoresAsTheReferenceImplementationDoes() throws {
        var cases: [(vector: String, ours: Double?)] = []
        let baseValues: [(String, [String])] = [
            ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]), ("UI", ["N", "P", "A"]),
            ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]), ("VA", ["H", "L", "N"]), ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
        ]
        var partial = ["CVSS:4.0"]
        for (metric, values) in baseValues {
            partial = partial.flatMap { prefix in values.map { "\(prefix)/\(metric):\($0)" } }
        }
        cases += partial.map { ($0, CVSS4.baseScore($0)) }
        var random = SplitMix64(seed: 4)
        for _ in 0..<4_000 {
            func pick(_ values: [String]) -> String { values[Int.random(in: 0..<values.count, using: &random)] }
            let base = baseValues.map { "\($0.0):\(pick($0.1))" }.joined(separator: "/")
            let optional = Self.optionalValues.compactMap { metric, values in Bool.random(using: &random) ? "\(metric):\(pick(values))" : nil }
            let vector = (["CVSS:4.0", base] + optional).joined(separator: "/")
            cases.append((vector, CVSS4.score(vector)))
            cases.append(("CVSS:4.0/" + base, CVSS4.baseScore(vector)))
        }
        if SharedCorpus.isAvailable {
            for record in try CorpusAdvisories.records() {
                let vectors = (record.severity + record.affected.flatMap(\.severity)).filter { $0.type == "CVSS_V4" }.map(\.score)
                cases += vectors.map { ($0, CVSS4.score($0)) }
            }
        }
        let input = try TemporaryDirectory("cvss4")
        defer { input.remove() }
        try cases.map(\.vector).joined(separator: "\n").write(toFile: input.file("vectors.txt"), atomically: true, encoding: .utf8)
        let script = """
            import sys
            from cvss import CVSS4
            for line in open(sys.argv[1]).read().split("\\n"):
                print(CVSS4(line).base_score)
            """
        let result = try ExternalCommand.run("python3", ["-c", script, input.file("vectors.txt")])
        try #require(result.status == 0, "python3 with the cvss package is needed (scripts/ensure-deps.sh installs it): \(result.output.prefix(300))")
        let theirs = result.output.split(separator: "\n").map { Double($0) }
        try #require(theirs.count == cases.count)
        var differences: [String] = []
        for ((vector, ours), reference) in zip(cases, theirs) where ours != reference {
            differences.append("\(vector): ours \(ours.map { String($0) } ?? "nil"), cvss \(reference.map { String($0) } ?? "?")")
        }
        #expect(cases.count > 112_000)
        #expect(differences.isEmpty, "\(differences.count) of \(cases.count) differ: \(differences.prefix(5))")
    }

    /// The optional metrics in the specification's order, X included.
    static let optionalValues: [(String, [String])] = [
        ("E", ["X", "A", "P", "U"]), ("CR", ["X", "H", "M", "L"]), ("IR", ["X", "H", "M", "L"]), ("AR", ["X", "H", "M", "L"]),
        ("MAV", ["X", "N", "A", "L", "P"]), ("MAC", ["X", "L", "H"]), ("MAT", ["X", "N", "P"]), ("MPR", ["X", "N", "L", "H"]),
        ("MUI", ["X", "N", "P", "A"]), ("MVC", ["X", "N", "L", "H"]), ("MVI", ["X", "N", "L", "H"]), ("MVA", ["X", "N", "L", "H"]),
        ("MSC", ["X", "N", "L", "H"]), ("MSI", ["X", "N", "L", "H", "S"]), ("MSA", ["X", "N", "L", "H", "S"]),
        ("S", ["X", "N", "P"]), ("AU", ["X", "N", "Y"]), ("R", ["X", "A", "U", "I"]), ("V", ["X", "D", "C"]), ("RE", ["X", "L", "M", "H"]),
        ("U", ["X", "Clear", "Green", "Amber", "Red"]),
    ]
}
