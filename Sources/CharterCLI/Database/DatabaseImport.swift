import ArgumentParser
import CharterCore
import CharterDependencies
import CharterStore
import CharterStoreSQLite
import Foundation

struct DatabaseImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import OSV advisories from JSON or YAML files, zip archives or folders into the vulnerability database.",
        discussion: """
            Each path is one source (its folder or file name, `<folder>/all.zip` for an OSV archive, \
            or --source). Archives are read in place with limits on size and compression; nothing \
            is extracted. A record already held with the same or a newer modified time is left \
            alone. Records that are not valid OSV are listed and skipped; each path's import is \
            one transaction. Exits 3 when a path cannot be read.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "OSV records (*.json, *.yaml), zip archives such as OSV's all.zip, or folders holding them.")
    var paths: [String]

    @Option(help: "The source name to record (default: each path's last component).")
    var source: String?

    func run() throws {
        let workspace = try Workspace(global)
        let compiler = DependencyTableCompiler()
        let database = try AdvisoryDatabase(path: workspace.advisoryDatabasePath(), create: true, compiler: compiler)
        var reports: [Report] = []
        for path in paths {
            let loaded = try AdvisoryFiles.load(path)
            compiler.remember(loaded)
            let name = source ?? Self.sourceName(path)
            let counts = try database.importRecords(Self.records(loaded), source: name, at: RFC3339.format(Date()))
            reports.append(Report(path: path, source: name, counts: counts, invalid: loaded.problems))
        }
        if global.json {
            try Output.json(reports)
            return
        }
        reports.forEach(Self.print)
        Output.notice("database: \(database.path)")
    }

    /// A path's default source name: its last component, with the folder for OSV's archives
    /// (every ecosystem's is called `all.zip`).
    static func sourceName(_ path: String) -> String {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        guard url.lastPathComponent == "all.zip" else { return url.lastPathComponent }
        return url.deletingLastPathComponent().lastPathComponent + "/all.zip"
    }

    static func records(_ loaded: AdvisoryFiles.Loaded) -> [AdvisoryRecord] {
        loaded.records.map { item in
            AdvisoryRecord(id: item.record.id, modified: item.record.modified, packages: packages(of: item.record), json: item.json)
        }
    }

    static func print(_ report: Report) {
        if report.unchanged {
            Output.text("\(report.source): unchanged since the last update")
            return
        }
        Output.text("\(report.source): \(report.counts.added) added, \(report.counts.updated) updated, \(report.counts.unchanged) unchanged, \(report.invalid.count) invalid")
        for problem in report.invalid.prefix(20) { Output.text("  skipped \(problem)") }
        if report.invalid.count > 20 { Output.text("  … and \(report.invalid.count - 20) more") }
    }

    /// The (ecosystem, normalised name) pairs a record names, as lookups will ask for them.
    static func packages(of record: OSVRecord) -> [AdvisoryPackage] {
        record.affected.compactMap { affected in affected.package.map { AdvisoryPackage(lookup: $0.ecosystem, name: $0.name) } }
    }

    struct Report: Encodable {
        let path: String
        let source: String
        let counts: AdvisoryImportCounts
        let invalid: [String]
        /// Set by `db update` when the archive held was still current and nothing was fetched.
        var unchanged = false
    }
}

struct DatabaseStatus: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the vulnerability database's sources, record counts and age."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let workspace = try Workspace(global)
        let database = try AdvisoryDatabase(path: workspace.advisoryDatabasePath(), create: false, compiler: DependencyTableCompiler())
        let sources = try database.status()
        if global.json {
            try Output.json(sources)
            return
        }
        let rows = sources.map { [$0.source, String($0.records), $0.importedAt, $0.newestModified ?? "-"] }
        Output.text(TextTable.render(header: ["SOURCE", "RECORDS", "IMPORTED", "NEWEST RECORD"], rows: rows)
            + "\n\(sources.reduce(0) { $0 + $1.records }) records in \(database.path)")
    }
}
