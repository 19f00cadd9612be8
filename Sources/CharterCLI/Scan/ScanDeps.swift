import ArgumentParser
import CharterCore
import CharterDependencies
import CharterGate
import CharterStore
import CharterStoreSQLite
import Foundation

struct ScanDeps: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deps",
        abstract: "Find dependencies with known vulnerabilities in a folder's lockfiles, offline.",
        discussion: """
            Reads every lockfile under the path (docs/dependencies.md lists the formats) and \
            matches each package version against the advisory database (`charter db import`). \
            Prints each vulnerable package with its vulnerabilities, their severity and the \
            smallest version that fixes them all. Exits 1 when a vulnerability is at or above \
            --fail-on, 3 when a lockfile cannot be read or there is no database.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A folder or a lockfile.")
    var path: String = "."

    @Option(help: "The lowest severity that fails: low, medium, high or critical (default: charter.yml's gates.deps, else high).")
    var failOn: SeverityRating?

    @Option(help: "How to rate a vulnerability whose advisory states no severity (default: charter.yml, else high).")
    var unknownSeverity: SeverityRating?

    @Option(help: ArgumentHelp("Report format: text, json, markdown (a table for a pull-request comment) or sarif (default: text, or json with --json).", valueName: "format"))
    var format: DepsReportFormat?

    @Flag(help: "Short for --format markdown.")
    var markdown = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the report to FILE instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let workspace = try Workspace(global)
        var isFolder: ObjCBool = false
        let root = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && !isFolder.boolValue
            ? (path as NSString).deletingLastPathComponent : path
        let policy = try PolicyLoader.load(root: root.isEmpty ? "." : root)
        var settings = policy.deps ?? DepsGatePolicy()
        if let failOn { settings.failOn = Set(FindingLevel.allCases.filter { $0 >= FindingLevel(failOn) }) }
        if let unknownSeverity { settings.unknownSeverity = FindingLevel(unknownSeverity) }
        let clock = try DepsRun.clock(repository: RepositoryName.of(root.isEmpty ? "." : root), workspace: workspace)
        let run = try DepsRun.perform(root: path, settings: settings, waivers: policy.waivers, workspace: workspace, clock: clock)
        let report = DepsReport(run: run, settings: settings, clock: clock)
        let bytes: [UInt8] = switch format ?? (markdown ? .markdown : global.json ? .json : .text) {
        case .text: Array((report.text + "\n").utf8)
        case .json: report.jsonBytes
        case .markdown: Array((report.markdown + "\n").utf8)
        case .sarif: Array(try SARIFReport(toolVersion: CharterVersion.current).render([run.result], rules: run.rules))
        }
        if let output {
            try ReportFile.write(Data(bytes), to: output)
        } else {
            FileStream.standardOutput.write(bytes)
        }
        if !run.scan.inventory.problems.isEmpty { throw ExitCode(CharterExit.input) }
        if !report.passed { throw ExitCode(CharterExit.failed) }
    }
}

extension FindingLevel {
    /// The finding level a CVSS rating becomes (no finding is rated below low).
    init(_ rating: SeverityRating) {
        switch rating {
        case .none, .low: self = .low
        case .medium: self = .medium
        case .high: self = .high
        case .critical: self = .critical
        }
    }
}

extension SeverityRating: ExpressibleByArgument {}

enum DepsReportFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, markdown, sarif
}
