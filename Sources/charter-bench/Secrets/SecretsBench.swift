import Foundation

/// Secret scanning benchmark (issue 3): a folder scan and a git-history scan of the corpus by
/// Charter's release binary, side by side with gitleaks and Kingfisher when they are installed,
/// with recall on the planted secrets and findings on the planted look-alikes.
enum SecretsBench {
    static func run(_ arguments: BenchArguments) throws {
        print("\ncharter-bench: secret scanning")
        let corpus = try SecretsCorpus.prepare(arguments)
        let work = FileManager.default.temporaryDirectory.path + "/charter-bench-secrets-\(getpid())"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let patchBytes = try patchTextBytes(corpus.history, work: work)
        print("corpus: \(corpus.treeFiles) files, \(megabytes(corpus.treeBytes)) MB (\(corpus.planted.filter { $0.kind == .secret }.count) planted secrets, \(corpus.planted.filter { $0.kind == .lookAlike }.count) look-alikes); history: \(megabytes(patchBytes)) MB of patch text, \(corpus.historyPlanted.count) secrets committed then deleted")
        print("Charter runs \(arguments.rounds) times (median, range in brackets; the first run compiles the rules, later ones load them from the cache); peers run once\n")

        var tools = [ScannerTool.charter(binary: try charterBinary(), home: work + "/home")]
        if arguments.peers {
            tools += [ScannerTool.gitleaks(), ScannerTool.kingfisher()].compactMap { $0 }
        }
        var rows: [[String]] = []
        var folderScores: [(label: String, score: Score)] = []
        for tool in tools {
            let rounds = tool.name == "charter" ? arguments.rounds : 1
            let folder = try measure(tool, rounds: rounds, work: work) { try tool.scanFolder(corpus.tree, report: $0) }
            let found = try tool.findings(in: folder.report)
            let score = Score(planted: corpus.planted, findings: found)
            folderScores.append((tool.label, score))
            rows.append([tool.label, "folder", folder.secondsColumn, rate(corpus.treeBytes, folder.seconds), String(format: "%.0f", Double(corpus.treeFiles) / folder.seconds),
                         String(format: "%.0f", folder.peak), score.recall, "\(score.lookAlikeFiles)", "\(score.otherFindings)"])
            let history = try measure(tool, rounds: rounds, work: work) { try tool.scanHistory(corpus.history, report: $0) }
            let historyScore = Score(planted: corpus.historyPlanted, findings: try tool.findings(in: history.report))
            rows.append([tool.label, "history", history.secondsColumn, rate(patchBytes, history.seconds), "",
                         String(format: "%.0f", history.peak), historyScore.recall, "", "\(historyScore.otherFindings)"])
        }
        let header = ["TOOL", "SCAN", "SECONDS", "MB/S", "FILES/S", "PEAK RSS MB", "RECALL", "LOOK-ALIKES HIT", "OTHER FINDINGS"]
        print(table([header] + rows))
        print("\ntargets (issue 3): folder ≥ 300 MB/s with peak RSS ≤ 300 MB, history ≥ 100 MB/s of patch text, recall ≥ 99%, no look-alike hit")
        print("MB/s divides the corpus's bytes (folder) or its `git log -p` text (history) by wall time, for every tool alike.")
        print("Recall counts planted files with any finding; the catalog samples are Charter's own rule samples, so peers' recall on them is not a fair comparison, the generated secrets are.")
        for (label, score) in folderScores {
            let families = Dictionary(grouping: corpus.planted.filter { score.missed.contains($0.fileName) }, by: \.family)
            if !families.isEmpty {
                print("\(label) missed: " + families.map { "\($0.value.count) \($0.key)" }.sorted().joined(separator: ", "))
            }
            if !score.lookAlikeHits.isEmpty { print("\(label) reported look-alikes: " + score.lookAlikeHits.prefix(20).joined(separator: ", ")) }
        }
    }

    struct Measured {
        var seconds: Double
        var fastest: Double
        var slowest: Double
        var peak: Double
        var report: String

        /// The median, and the range when there were several runs.
        var secondsColumn: String {
            fastest == slowest ? SecretsBench.seconds(seconds) : "\(SecretsBench.seconds(seconds)) [\(SecretsBench.seconds(fastest))–\(SecretsBench.seconds(slowest))]"
        }
    }

    private static func measure(_ tool: ScannerTool, rounds: Int, work: String, _ body: (String) throws -> ChildProcess.Outcome) throws -> Measured {
        var samples: [(Double, Double)] = []
        var report = ""
        for _ in 0..<rounds {
            report = work + "/\(tool.name)-\(UUID().uuidString).json"
            let outcome = try body(report)
            guard tool.acceptedStatuses.contains(outcome.status) else {
                throw BenchFailure("\(tool.label) exited with status \(outcome.status); run it by hand on the corpus to see why")
            }
            samples.append((outcome.seconds, outcome.peakMegabytes))
        }
        let sorted = samples.map(\.0).sorted()
        return Measured(seconds: BenchReport.median(sorted), fastest: sorted[0], slowest: sorted[sorted.count - 1],
                        peak: samples.map(\.1).max() ?? 0, report: report)
    }

    private static func patchTextBytes(_ repository: String, work: String) throws -> Int {
        let output = work + "/patches.txt"
        _ = try ChildProcess.measure("/usr/bin/git", ["-C", repository, "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--full-history"], in: work, stdout: output)
        defer { try? FileManager.default.removeItem(atPath: output) }
        return (try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0
    }

    static func charterBinary() throws -> String {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let binary = folder + "/charter"
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchFailure("\(binary) is missing; build it with `swift build -c release --product charter` (make bench does)")
        }
        return binary
    }

    static func megabytes(_ bytes: Int) -> String { String(format: "%.0f", Double(bytes) / 1_048_576) }
    static func seconds(_ value: Double) -> String { String(format: "%.2f", value) }
    static func rate(_ bytes: Int, _ seconds: Double) -> String { String(format: "%.0f", Double(bytes) / 1_048_576 / seconds) }

    static func table(_ rows: [[String]]) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// Which planted files a tool reported, against what was planted.
struct Score {
    let recall: String
    let lookAlikeFiles: Int
    let otherFindings: Int
    let missed: [String]
    let lookAlikeHits: [String]

    init(planted: [PlantedItem], findings: [String]) {
        var reported: Set<String> = []
        var other = 0
        for path in findings {
            if let range = path.range(of: "planted/") { reported.insert(String(path[range.upperBound...])) } else { other += 1 }
        }
        let secrets = planted.filter { $0.kind == .secret }
        let found = secrets.filter { reported.contains($0.fileName) }
        let generated = secrets.filter { $0.family != "catalog sample" }
        let generatedFound = generated.filter { reported.contains($0.fileName) }
        recall = secrets.isEmpty ? "" : String(format: "%.1f%% (generated %.1f%%)", 100 * Double(found.count) / Double(secrets.count),
                                                100 * Double(generatedFound.count) / Double(max(1, generated.count)))
        missed = secrets.filter { !reported.contains($0.fileName) }.map(\.fileName)
        lookAlikeHits = planted.filter { $0.kind == .lookAlike && reported.contains($0.fileName) }.map(\.fileName)
        lookAlikeFiles = lookAlikeHits.count
        otherFindings = other
    }
}
