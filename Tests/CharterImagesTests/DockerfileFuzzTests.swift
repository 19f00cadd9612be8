@testable import CharterImages
import CharterTestSupport
import Testing

/// Whatever bytes arrive, parsing and checking finish, and what they report stays inside the
/// file: random bytes, and real samples cut and spliced with the syntax that is easiest to get
/// wrong (continuations, heredocs, quotes, substitutions, brackets).
@Suite struct DockerfileFuzzTests {
    static let fragments = [
        "\\\n", "`\n", "\n", "\r\n", " ", "\t", "#", "# escape=`\n", "<<EOF", "<<-'END'", "EOF\n", "\"", "'", "$", "${", "${A:-", "}",
        "$(", ")", "`", "[", "]", "[\"", "\",", "--from=", "--mount=type=cache,target=", "--platform=", "AS ", "FROM ", "RUN ",
        "COPY ", "ONBUILD ", "ARG ", "ENV ", "USER ", "=", "@sha256:", "|", "&&", "\u{FEFF}", "\u{0}", "é", "😀", "\\",
    ]

    static var samples: [String] {
        DockerfileRuleCatalog.all.flatMap { [$0.passingSample, $0.failingSample] }
    }

    /// Mostly syntax fragments and pieces of samples, sometimes raw bytes (invalid UTF-8 included).
    static func randomText(_ random: inout SplitMix64) -> String {
        if random.next() % 4 == 0 {
            let bytes = (0..<Int(random.next() % 400)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            return String(decoding: bytes, as: UTF8.self)
        }
        var text = ""
        let samples = Self.samples
        for _ in 0..<Int(random.next() % 24) {
            if random.next() % 3 == 0 {
                let sample = Array(samples[Int(random.next() % UInt64(samples.count))])
                let start = Int(random.next() % UInt64(sample.count))
                let length = Int(random.next() % 80)
                text += String(sample[start..<min(sample.count, start + length)])
            } else {
                text += fragments[Int(random.next() % UInt64(fragments.count))]
            }
        }
        return text
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func neverCrashesAndStaysInBounds(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        let checker = try DockerfileTesting.checker()
        let policy = try DockerfileTesting.samplePolicy.get()
        for _ in 0..<750 {
            let text = Self.randomText(&random)
            let dockerfile = DockerfileParser.parse(text)
            let lineCount = max(dockerfile.lineCount, 1)
            for instruction in dockerfile.instructions {
                #expect(1 <= instruction.startLine && instruction.startLine <= instruction.endLine && instruction.endLine <= lineCount)
            }
            #expect(dockerfile.problems.allSatisfy { 1 <= $0.line && $0.line <= lineCount })
            let report = checker.check(text: text, path: "Dockerfile", policy: policy, probe: AccessKeyProbe())
            #expect(report.findings.allSatisfy { 1 <= $0.location.line && $0.location.line <= lineCount })
        }
    }

    /// Inputs built to blow up a naive parser (deep nesting, huge continuations, thousands of
    /// stages) finish and still report what is there.
    @Test func pathologicalInputsFinish() throws {
        let checker = try DockerfileTesting.checker()
        let policy = try DockerfileTesting.samplePolicy.get()
        func check(_ text: String) -> DockerfileReport {
            checker.check(text: text, path: "Dockerfile", policy: policy, probe: AccessKeyProbe())
        }
        let ids = { (report: DockerfileReport) in report.findings.map(\.ruleID) }
        #expect(check(String(repeating: "\\\n", count: 20_000)).problems.map(\.message) == ["no FROM instruction: a Dockerfile must name the image it builds on"])
        #expect(check("FROM debian\nRUN " + String(repeating: "<<EOF ", count: 2_000)).problems.first?.message.contains("is not terminated") == true)
        #expect(ids(check("FROM debian\nRUN " + String(repeating: "$(", count: 20_000))).contains("DF002"))
        #expect(check("FROM " + String(repeating: "${A:-", count: 20_000)).hasErrors)
        #expect(!ids(check("FROM debian\nRUN " + String(repeating: "a | ", count: 20_000) + "sh")).contains("DF012"))
        #expect(ids(check("FROM debian\nCMD " + String(repeating: "[", count: 20_000))).contains("DF002"))
        let stages = check(String(repeating: "FROM debian AS s\nCOPY --from=s /a /b\n", count: 2_000))
        #expect(ids(stages).filter { $0 == "DF030" }.count == 1_999)
    }
}
