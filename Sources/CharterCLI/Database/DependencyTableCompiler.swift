import CharterCore
import CharterDependencies
import CharterStore

/// Compiles advisories into the dependency engine's per-package tables for the advisory database.
/// An import hands it the records it has just parsed (`remember`), so those are not parsed again.
final class DependencyTableCompiler: AdvisoryTableCompiler, Sendable {
    private let parsed = Locked<[String: (json: [UInt8], record: OSVRecord)]>([:])

    var format: Int { CompiledPackage.formatVersion }

    /// The records of the import about to run, parsed (replacing the previous import's): a
    /// stored record with the same bytes is not parsed again.
    func remember(_ loaded: AdvisoryFiles.Loaded) {
        parsed.withLock { known in
            known = [:]
            for item in loaded.records { known[item.record.id] = (item.json, item.record) }
        }
    }

    func tables(for packages: Set<AdvisoryPackage>, records: [(id: String, json: [UInt8])]) throws -> [AdvisoryPackage: [UInt8]] {
        let known = parsed.withLock { $0 }
        // Records were validated on import; one that no longer parses is skipped, not fatal.
        let parsed = records.concurrentMap { stored -> OSVRecord? in
            if let held = known[stored.id], held.json == stored.json { return held.record }
            return try? OSVRecord.parse(stored.json, source: "advisory database")
        }.compactMap { $0 }
        let compiled = AdvisoryCompiler.compile(parsed) { packages.contains(AdvisoryPackage(ecosystem: $0.rawValue, name: $1)) }
        var tables = Dictionary(grouping: compiled) { AdvisoryPackage(ecosystem: $0.ecosystem.rawValue, name: $0.name) }
            .mapValues(CompiledPackage.encode)
        // A package whose advisories were all withdrawn keeps an empty table, so that a missing
        // table always means one was lost.
        for package in packages where tables[package] == nil && Ecosystem(osvName: package.ecosystem) != nil {
            tables[package] = CompiledPackage.encode([])
        }
        return tables
    }

    /// Decodes stored tables on every core; a damaged one fails the scan (it cannot say what is safe).
    static func read(_ tables: [[UInt8]], from path: String) throws -> [CompiledPackage] {
        let decoded = tables.concurrentMap { bytes in
            Result { () throws(DependenciesError) in try CompiledPackage.decode(bytes, what: "a package table in \(path)") }
        }
        return try decoded.flatMap { try $0.get() }
    }
}
