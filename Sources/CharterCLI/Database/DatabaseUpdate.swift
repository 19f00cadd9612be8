import ArgumentParser
import CharterCore
import CharterDependencies
import CharterStore
import CharterStoreSQLite
import Foundation

struct DatabaseUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Download OSV's per-ecosystem advisory archives and import what changed.",
        discussion: """
            Fetches <mirror>/<ecosystem>/all.zip for each ecosystem (OSV's public bucket by \
            default). An archive unchanged since the last update is not downloaded again; the \
            check alone counts as an update for the database's age. Without --ecosystem or --all, \
            updates the ecosystems fetched before. Each ecosystem is its own transaction: one that \
            fails leaves the others imported and its old records in place. Exits 3 when an \
            archive cannot be fetched or read.
            """
    )

    static let osvBucket = "https://osv-vulnerabilities.storage.googleapis.com"

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("ecosystem"), help: "An ecosystem as OSV names it (PyPI, npm, crates.io, Go, Maven, RubyGems, Debian…); repeatable.")
    var ecosystems: [String] = []

    @Flag(help: "Every ecosystem Charter matches.")
    var all = false

    @Option(help: "A mirror of OSV's bucket, laid out as <mirror>/<ecosystem>/all.zip.")
    var mirror: String = DatabaseUpdate.osvBucket

    func run() throws {
        let workspace = try Workspace(global)
        let compiler = DependencyTableCompiler()
        let database = try AdvisoryDatabase(path: workspace.advisoryDatabasePath(), create: true, compiler: compiler)
        let names = try chosenEcosystems(database)
        // The download is kept beside the database (same file system) until it is imported.
        let folder = URL(fileURLWithPath: database.path).standardizedFileURL.deletingLastPathComponent().path
        var reports: [DatabaseImport.Report] = []
        var failures: [String] = []
        for name in names {
            guard let encoded = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))),
                  let url = URL(string: "\(mirror.hasSuffix("/") ? String(mirror.dropLast()) : mirror)/\(encoded)/all.zip") else {
                throw CLIError(category: .usage, message: "--mirror \(mirror): not a URL; give one such as \(Self.osvBucket)")
            }
            do {
                if let report = try update(name, from: url, into: database, compiler: compiler, folder: folder) { reports.append(report) }
                else { reports.append(DatabaseImport.Report(path: url.shown, source: "osv:\(name)", counts: AdvisoryImportCounts(), invalid: [], unchanged: true)) }
            } catch let error as CLIError where error.category == .input {
                // One ecosystem that cannot be fetched or read leaves the others to update.
                failures.append(error.message)
            }
        }
        if global.json {
            try Output.json(reports)
        } else {
            for report in reports { DatabaseImport.print(report) }
        }
        for failure in failures { Output.notice(failure) }
        Output.notice("database: \(database.path)")
        if !failures.isEmpty { throw ExitCode(CharterExit.input) }
    }

    private func chosenEcosystems(_ database: AdvisoryDatabase) throws -> [String] {
        if all { return Ecosystem.allCases.map(\.rawValue) }
        if !ecosystems.isEmpty { return ecosystems }
        let earlier = try database.status().map(\.source).filter { $0.hasPrefix("osv:") }.map { String($0.dropFirst(4)) }
        guard !earlier.isEmpty else {
            throw CLIError(category: .usage, message: "no ecosystems to update: name them with --ecosystem (e.g. --ecosystem PyPI --ecosystem npm) or pass --all; Charter matches "
                + Ecosystem.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return earlier
    }

    /// The import report, or nil when the archive held is still current.
    private func update(_ name: String, from url: URL, into database: AdvisoryDatabase, compiler: DependencyTableCompiler, folder: String) throws -> DatabaseImport.Report? {
        let source = "osv:\(name)"
        let held = try database.download(from: url.shown)
        let file = folder + "/.download-\(getpid())-\(name.replacingOccurrences(of: "/", with: "_")).zip"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let now = RFC3339.format(Date())
        switch try ConditionalDownload.fetch(url, to: file, held: held) {
        case .unchanged:
            if let held { try database.confirmCurrent(held, at: now) }
            return nil
        case .fetched(let etag, let lastModified):
            let loaded: AdvisoryFiles.Loaded
            do {
                loaded = try AdvisoryFiles.load(file)
            } catch {
                throw CLIError.input("\(url.shown): \(error.message)")
            }
            let download = AdvisoryDownload(url: url.shown, source: source, etag: etag, lastModified: lastModified, fetchedAt: now)
            compiler.remember(loaded)
            let counts = try database.importRecords(DatabaseImport.records(loaded), source: source, at: now, download: download)
            return DatabaseImport.Report(path: url.shown, source: source, counts: counts, invalid: loaded.problems.map { $0.replacingOccurrences(of: file, with: url.shown) })
        }
    }
}
