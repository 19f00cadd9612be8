/// Compiles advisories' JSON into per-package matching tables. The advisory database keeps the
/// tables beside the records and recompiles the packages an import touches; what a table holds
/// is the dependency engine's business, so the store sees only bytes.
package protocol AdvisoryTableCompiler: Sendable {
    /// The tables' format: tables of another format are compiled again before they are read.
    var format: Int { get }

    /// A table for each package of `packages` some record names, from every advisory naming
    /// any of them (id and JSON); packages with no table are left out.
    func tables(for packages: Set<AdvisoryPackage>, records: [(id: String, json: [UInt8])]) throws -> [AdvisoryPackage: [UInt8]]
}
