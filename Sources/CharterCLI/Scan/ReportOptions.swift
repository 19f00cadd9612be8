import ArgumentParser
import CharterCore
import CharterGate
import Foundation

/// How a gate's results are written: format, destination and baseline.
struct ReportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Report format: text, json, sarif or junit (default: text, or json with --json).", valueName: "format"))
    var format: ReportFormat?

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Only findings not in this baseline count (a Charter baseline or a gitleaks JSON report).", valueName: "file"))
    var baseline: String?

    @Option(help: ArgumentHelp("Write every finding of this scan to FILE as a baseline.", valueName: "file"))
    var baselineWrite: String?

    func resolvedFormat(json: Bool) -> ReportFormat {
        format ?? (json ? .json : .text)
    }

    /// No progress display while a machine-readable report goes to standard output.
    func progressBar(json: Bool) -> ProgressBar? {
        output == nil && resolvedFormat(json: json) != .text ? nil : ProgressBar()
    }
}

extension ReportFormat: ExpressibleByArgument {}

/// Writes gate results in the chosen format.
enum ReportWriter {
    static func write(_ results: [GateResult], verdict: Verdict?, summary: ScanSummary?, rules: [RuleDescriptor], options: ReportOptions, json: Bool) throws {
        let format = options.resolvedFormat(json: json)
        let text: String
        switch format {
        case .text:
            let color = options.output == nil && isatty(STDOUT_FILENO) == 1 && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
            text = TextReport(color: color).render(results, summary: summary)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            text = String(decoding: try encoder.encode(JSONReport(passed: results.allSatisfy(\.passed), verdict: verdict, gates: results, summary: summary)), as: UTF8.self)
        case .sarif:
            text = String(decoding: try SARIFReport(toolVersion: CharterVersion.current).render(results, rules: rules), as: UTF8.self)
        case .junit:
            text = JUnitReport().render(results)
        }
        if let path = options.output {
            try ReportFile.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8), to: path)
        } else {
            Output.text(text)
        }
    }

    private struct JSONReport: Encodable {
        let passed: Bool
        let verdict: Verdict?
        let gates: [GateResult]
        let summary: ScanSummary?
    }
}

/// Writes a report or baseline file whole or not at all.
enum ReportFile {
    static func write(_ data: Data, to path: String) throws {
        do {
            try AtomicFile.write(Array(data), to: path)
        } catch {
            throw CLIError(category: .storage, message: error.description + "; check the folder exists and is writable")
        }
    }
}
