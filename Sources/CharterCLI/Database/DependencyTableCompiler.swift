import CharterCore
import CharterDependencies
import CharterStore

/// Compiles advisories into the dependency engine's per-package tables for the advisory database.
struct DependencyTableCompiler: AdvisoryTableCompiler {
    var format: Int { CompiledPackage.formatVersion }

    func tables(for packages: Set<AdvisoryPackage>, records: [[UInt8]]) throws -> [AdvisoryPackage: [UInt8]] {
        // Records were validated on import; one that no longer parses is skipped, not fatal.
        let parsed = records.concurrentMap { try? OSVRecord.parse($0, source: "advisory database") }.compactMap { $0 }
        let compiled = AdvisoryCompiler.compile(parsed) { packages.contains(AdvisoryPackage(ecosystem: $0.rawValue, name: $1)) }
        return Dictionary(grouping: compiled) { AdvisoryPackage(ecosystem: $0.ecosystem.rawValue, name: $0.name) }
            .mapValues(CompiledPackage.encode)
    }

    /// Decodes stored tables on every core; a damaged one fails the scan (it cannot say what is safe).
    static func read(_ tables: [[UInt8]], from path: String) throws -> [CompiledPackage] {
        let decoded = tables.concurrentMap { bytes in
            Result { () throws(DependenciesError) in try CompiledPackage.decode(bytes, what: "a package table in \(path)") }
        }
        return try decoded.flatMap { try $0.get() }
    }
}
