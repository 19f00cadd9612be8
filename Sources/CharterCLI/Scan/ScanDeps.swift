import ArgumentParser
import CharterCore
import CharterDependencies
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

    @Option(help: "The lowest severity that fails: low, medium, high or critical.")
    var failOn: SeverityRating = .high

    @Option(help: "How to rate a vulnerability whose advisory states no severity.")
    var unknownSeverity: SeverityRating = .high

    @Flag(help: "Print a markdown table for a pull-request comment instead of text.")
    var markdown = false

    func run() throws {
        let workspace = try Workspace(global)
        let database = try AdvisoryDatabase(path: workspace.advisoryDatabasePath(), create: false)
        let inventory: DependencyInventory.Result
        do {
            inventory = try DependencyInventory(root: path).scan()
        } catch {
            throw CLIError.input(error.message)
        }
        let wanted = Set(inventory.dependencies.compactMap { dependency -> AdvisoryPackage? in
            guard let ecosystem = Ecosystem(rawValue: dependency.ecosystem) else { return nil }
            return AdvisoryPackage(ecosystem: ecosystem.rawValue, name: ecosystem.normalizedName(dependency.name))
        })
        var records: [OSVRecord] = []
        var invalid: [String] = []
        for json in try database.records(for: wanted) {
            do {
                records.append(try OSVRecord.parse(json, source: "advisory database"))
            } catch {
                invalid.append(error.message)
            }
        }
        let index = VulnerabilityIndex(records)
        let matches = inventory.dependencies.map(index.match).filter { !$0.vulnerabilities.isEmpty || !$0.undecidable.isEmpty }
        let report = DepsReport(inventory: inventory, matches: matches, unknownSeverity: unknownSeverity, failOn: failOn)
        if global.json {
            try Output.json(report.json)
        } else if markdown {
            Output.text(report.markdown)
        } else {
            Output.text(report.text)
        }
        if !inventory.problems.isEmpty { throw ExitCode(CharterExit.input) }
        if report.failing > 0 { throw ExitCode(CharterExit.failed) }
    }
}

extension SeverityRating: ExpressibleByArgument {}
