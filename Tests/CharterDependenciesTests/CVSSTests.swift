import CharterTestSupport
@testable import CharterDependencies
import Foundation
import Testing

@Suite struct CVSSTests {
    /// Scores from the specifications' own examples and NVD.
    @Test(arguments: [
        ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8), ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
        ("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:L/I:L/A:N", 6.4), ("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N", 0.0),
        ("CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N", 1.6), ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N/E:P/RL:O", 6.1),
    ])
    func cvss3BaseScores(vector: String, score: Double) {
        #expect(CVSS3.baseScore(vector) == score)
    }

    @Test(arguments: [("AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5), ("AV:N/AC:M/Au:N/C:N/I:P/A:N", 4.3), ("(AV:L/AC:H/Au:M/C:N/I:N/A:N)", 0.0), ("CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C", 10.0)])
    func cvss2BaseScores(vector: String, score: Double) {
        #expect(CVSS2.baseScore(vector) == score)
    }

    @Test(arguments: [
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/A:H", "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        "CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/ZZ:1", "CVSS:3.1/",
    ])
    func invalidCVSS3VectorsHaveNoScore(vector: String) {
        #expect(CVSS3.baseScore(vector) == nil)
    }

    @Test(arguments: ["AV:N/AC:L/Au:N/C:P/I:P", "AV:N/AC:L/Au:N/C:P/I:P/A:Q", "AV:N/AC:L/Au:N/C:P/I:P/A:P/AV:N", ""])
    func invalidCVSS2VectorsHaveNoScore(vector: String) {
        #expect(CVSS2.baseScore(vector) == nil)
    }

    @Test(arguments: [(0.0, SeverityRating.none), (0.1, .low), (3.9, .low), (4.0, .medium), (6.9, .medium), (7.0, .high), (8.9, .high), (9.0, .critical), (10.0, .critical)])
    func ratingsBandScores(score: Double, rating: SeverityRating) {
        #expect(SeverityRating(score: score) == rating)
    }

    /// Every base-metric combination of v3.0, v3.1 and v2, plus every vector in the advisories,
    /// scored by us and by the `cvss` package (RedHat's reference implementation).
    @Test func everyVectorScoresAsTheReferenceImplementationDoes() throws {
        var vectors: [String] = []
        for av in ["N", "A", "L", "P"] { for ac in ["L", "H"] { for pr in ["N", "L", "H"] { for ui in ["N", "R"] { for s in ["U", "C"] {
            for c in ["H", "L", "N"] { for i in ["H", "L", "N"] { for a in ["H", "L", "N"] {
                for version in ["3.0", "3.1"] { vectors.append("CVSS:\(version)/AV:\(av)/AC:\(ac)/PR:\(pr)/UI:\(ui)/S:\(s)/C:\(c)/I:\(i)/A:\(a)") }
            } } }
        } } } } }
        for av in ["L", "A", "N"] { for ac in ["H", "M", "L"] { for au in ["M", "S", "N"] { for c in ["N", "P", "C"] { for i in ["N", "P", "C"] { for a in ["N", "P", "C"] {
            vectors.append("AV:\(av)/AC:\(ac)/Au:\(au)/C:\(c)/I:\(i)/A:\(a)")
        } } } } } }
        if SharedCorpus.isAvailable {
            for record in try CorpusAdvisories.records() {
                vectors += (record.severity + record.affected.flatMap(\.severity)).map(\.score).filter { $0.hasPrefix("CVSS:3") }
            }
        }
        let input = try TemporaryDirectory("cvss")
        defer { input.remove() }
        try vectors.joined(separator: "\n").write(toFile: input.file("vectors.txt"), atomically: true, encoding: .utf8)
        let script = """
            import sys
            from cvss import CVSS2, CVSS3
            for line in open(sys.argv[1]).read().split("\\n"):
                score = CVSS3(line).scores()[0] if line.startswith("CVSS:3") else CVSS2(line).scores()[0]
                print(score)
            """
        let result = try ExternalCommand.run("python3", ["-c", script, input.file("vectors.txt")])
        try #require(result.status == 0, "python3 with the cvss package is needed (scripts/ensure-deps.sh installs it): \(result.output.prefix(300))")
        let theirs = result.output.split(separator: "\n").map { Double($0) }
        try #require(theirs.count == vectors.count)
        var differences: [String] = []
        for (vector, reference) in zip(vectors, theirs) {
            let ours = vector.hasPrefix("CVSS:3") ? CVSS3.baseScore(vector) : CVSS2.baseScore(vector)
            if ours != reference {
                let mine = ours.map { String($0) } ?? "nil"
                let reference = reference.map { String($0) } ?? "?"
                differences.append("\(vector): ours \(mine), cvss \(reference)")
            }
        }
        #expect(vectors.count > 5_900)
        #expect(differences.isEmpty, "\(differences.count) of \(vectors.count) differ: \(differences.prefix(5))")
    }
}
