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

    /// Scored by us and by the `cvss` package (RedHat's implementation of FIRST's calculator): a
    /// sample of base vectors through `baseScore`; a dozen vectors in each of the 270 macro vectors
    /// and a thousand random ones, supplemental metrics and X values included, through `score` (and
    /// the random ones through `baseScore`); every v4 vector in the advisories. All 104,976 base
    /// vectors would keep python busy for 11 s and more (30 s on a loaded machine), hence the sample.
    @Test func everyVectorScoresAsTheReferenceImplementationDoes() throws {
        var cases: [(vector: String, ours: Double?, macroVector: String?)] = []
        cases += Self.baseVectorSample().map { ($0, CVSS4.baseScore($0), nil) }
        var random = SplitMix64(seed: 4)
        for macroVector in CVSS4MacroVectorScores.scores.keys.sorted() {
            for _ in 0..<12 {
                let vector = Self.vector(in: macroVector, using: &random)
                cases.append((vector, CVSS4.score(vector), macroVector))
            }
        }
        for _ in 0..<1_000 {
            func pick(_ values: [String]) -> String { values[Int.random(in: 0..<values.count, using: &random)] }
            let base = Self.baseValues.map { "\($0.0):\(pick($0.1))" }.joined(separator: "/")
            let optional = Self.optionalValues.compactMap { metric, values in Bool.random(using: &random) ? "\(metric):\(pick(values))" : nil }
            let vector = (["CVSS:4.0", base] + optional).joined(separator: "/")
            cases.append((vector, CVSS4.score(vector), nil))
            cases.append(("CVSS:4.0/" + base, CVSS4.baseScore(vector), nil))
        }
        if SharedCorpus.isAvailable {
            for record in try CorpusAdvisories.records() {
                let vectors = (record.severity + record.affected.flatMap(\.severity)).filter { $0.type == "CVSS_V4" }.map(\.score)
                cases += vectors.map { ($0, CVSS4.score($0), nil) }
            }
        }
        let input = try TemporaryDirectory("cvss4")
        defer { input.remove() }
        try cases.map(\.vector).joined(separator: "\n").write(toFile: input.file("vectors.txt"), atomically: true, encoding: .utf8)
        let script = """
            import sys
            from cvss import CVSS4
            for line in open(sys.argv[1]).read().split("\\n"):
                vector = CVSS4(line)
                print(vector.base_score, vector.macroVector())
            """
        let result = try ExternalCommand.run("python3", ["-c", script, input.file("vectors.txt")])
        try #require(result.status == 0, "python3 with the cvss package is needed (scripts/ensure-deps.sh installs it): \(result.output.prefix(300))")
        let theirs = result.output.split(separator: "\n").map { $0.split(separator: " ") }
        try #require(theirs.count == cases.count && theirs.allSatisfy { $0.count == 2 })
        var differences: [String] = []
        for (ours, reference) in zip(cases, theirs) {
            if ours.ours != Double(reference[0]) {
                differences.append("\(ours.vector): ours \(ours.ours.map { String($0) } ?? "nil"), cvss \(reference[0])")
            }
            // The vectors meant for a macro vector are in it by the reference's reckoning too.
            if let macroVector = ours.macroVector, macroVector != reference[1] {
                differences.append("\(ours.vector): meant for \(macroVector), cvss puts it in \(reference[1])")
            }
        }
        #expect(cases.count > 26_000)
        #expect(differences.isEmpty, "\(differences.count) of \(cases.count) differ: \(differences.prefix(5))")
    }

    /// A random vector whose effective values fall in `macroVector` (`012021`: EQ1 level 0, EQ2
    /// level 1…): each equivalence set's values drawn until they meet its level's constraints
    /// (Tables 24–30), then written as random base metrics that the modified, threat and
    /// environmental metrics bring to those values, sometimes through an explicit or implied X.
    static func vector(in macroVector: String, using random: inout SplitMix64) -> String {
        func pick(_ values: [String]) -> String { values[Int.random(in: 0..<values.count, using: &random)] }
        let digits = macroVector.map(String.init)
        var effective: [String: String] = [:]
        for (set, positions) in zip(equivalenceSets, [[0], [1], [2, 5], [3], [4]]) {
            var values: [String]
            repeat {
                values = set.metrics.map { pick(effectiveValues[$0] ?? []) }
            } while set.level(values) != positions.map { digits[$0] }.joined()
            for (metric, value) in zip(set.metrics, values) { effective[metric] = value }
        }
        var written: [String: String] = [:]
        var base: [String] = []
        for (metric, values) in baseValues {
            let value = pick(values)
            base.append("\(metric):\(value)")
            let target = effective[metric] ?? value
            written["M" + metric] = target != value ? target : pick(["", "X", target])
        }
        for (metric, worst) in [("E", "A"), ("CR", "H"), ("IR", "H"), ("AR", "H")] {
            let target = effective[metric] ?? worst
            written[metric] = target != worst ? target : pick(["", "X", target])
        }
        let optional = optionalValues.compactMap { metric, values -> String? in
            let value = written[metric] ?? pick([""] + values)
            return value.isEmpty ? nil : "\(metric):\(value)"
        }
        return (["CVSS:4.0"] + base + optional).joined(separator: "/")
    }

    /// The scored metrics' possible effective values (SI and SA reach Safety through MSI and MSA).
    static let effectiveValues: [String: [String]] = [
        "AV": ["N", "A", "L", "P"], "PR": ["N", "L", "H"], "UI": ["N", "P", "A"], "AC": ["L", "H"], "AT": ["N", "P"],
        "VC": ["H", "L", "N"], "VI": ["H", "L", "N"], "VA": ["H", "L", "N"], "CR": ["H", "M", "L"], "IR": ["H", "M", "L"], "AR": ["H", "M", "L"],
        "SC": ["H", "L", "N"], "SI": ["S", "H", "L", "N"], "SA": ["S", "H", "L", "N"], "E": ["A", "P", "U"],
    ]

    /// The specification's equivalence sets, restated from Tables 24–30 rather than taken from the
    /// code under test: each set's metrics and its level (EQ3 and EQ6 together, as two digits).
    static let equivalenceSets: [(metrics: [String], level: @Sendable ([String]) -> String)] = [
        (["AV", "PR", "UI"], { $0 == ["N", "N", "N"] ? "0" : $0.contains("N") && $0[0] != "P" ? "1" : "2" }),
        (["AC", "AT"], { $0 == ["L", "N"] ? "0" : "1" }),
        (["VC", "VI", "VA", "CR", "IR", "AR"], { values in
            let eq3 = values[0] == "H" && values[1] == "H" ? "0" : values[0 ..< 3].contains("H") ? "1" : "2"
            let eq6 = (0 ..< 3).contains { values[$0] == "H" && values[$0 + 3] == "H" } ? "0" : "1"
            return eq3 + eq6
        }),
        (["SC", "SI", "SA"], { $0[1] == "S" || $0[2] == "S" ? "0" : $0.contains("H") ? "1" : "2" }),
        (["E"], { ["A": "0", "P": "1", "U": "2"][$0[0]] ?? "" }),
    ]

    /// Every fifth of all base vectors (5 is prime to every metric's number of values, so every
    /// combination of AT…SA appears, under varying AV and AC), then each equivalence set's metrics
    /// (EQ1 AV/PR/UI, EQ2 AC/AT, EQ3 VC/VI/VA, EQ4 SC/SI/SA) swept through all their values, across
    /// every level and boundary, with each other set at its most or its least severe values.
    static func baseVectorSample() -> [String] {
        func vector(_ values: [String: String]) -> String {
            (["CVSS:4.0"] + baseValues.map { metric, _ in "\(metric):\(values[metric] ?? "")" }).joined(separator: "/")
        }
        let choices = Dictionary(uniqueKeysWithValues: baseValues)
        func everyCombination(of metrics: [String], from start: [String: String]) -> [[String: String]] {
            metrics.reduce([start]) { partial, metric in
                partial.flatMap { values in (choices[metric] ?? []).map { values.merging([metric: $0]) { $1 } } }
            }
        }
        let count = baseValues.map(\.1.count).reduce(1, *)
        var sample = stride(from: 0, to: count, by: 5).map { index in
            var rest = index
            var values: [String: String] = [:]
            for (metric, choices) in baseValues.reversed() {
                values[metric] = choices[rest % choices.count]
                rest /= choices.count
            }
            return vector(values)
        }
        let sets = [["AV", "PR", "UI"], ["AC", "AT"], ["VC", "VI", "VA"], ["SC", "SI", "SA"]]
        for swept in sets {
            let others = sets.filter { $0 != swept }
            for corner in 0..<(1 << others.count) {
                var fixed: [String: String] = [:]
                for (index, set) in others.enumerated() {
                    for metric in set {
                        fixed[metric] = corner >> index & 1 == 0 ? choices[metric]?.first : choices[metric]?.last
                    }
                }
                sample += everyCombination(of: swept, from: fixed).map(vector)
            }
        }
        return sample
    }

    /// The base metrics in the specification's order, each from its most to its least severe value.
    static let baseValues: [(String, [String])] = [
        ("AV", ["N", "A", "L", "P"]), ("AC", ["L", "H"]), ("AT", ["N", "P"]), ("PR", ["N", "L", "H"]), ("UI", ["N", "P", "A"]),
        ("VC", ["H", "L", "N"]), ("VI", ["H", "L", "N"]), ("VA", ["H", "L", "N"]), ("SC", ["H", "L", "N"]), ("SI", ["H", "L", "N"]), ("SA", ["H", "L", "N"]),
    ]

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
