/// One package's advisories compiled for matching: what each advisory reports, each `affected`
/// entry's severity, and either the package's version regions or, when some entry cannot be cut
/// into regions, the entries themselves. Compiled once when advisories are imported and stored
/// in the database, so a scan neither parses advisory JSON nor works out regions again.
package struct CompiledPackage: Sendable {
    /// What a vulnerability report needs of an advisory.
    package struct Advisory: Sendable, Equatable {
        package let id: String
        package let aliases: [String]
        package let summary: String?
        package let published: String?
    }

    /// One `affected` entry naming the package: its advisory (a position in `advisories`) and severity.
    struct Entry: Sendable, Equatable {
        let advisory: Int
        let severity: Severity
    }

    enum Matching: Sendable {
        /// Every entry is regular: a region table.
        case regions(RegionTable)
        /// Some entry needs evaluating on its own (a range that does not parse, a SEMVER range in
        /// an ecosystem with another ordering): the entries' ranges and listed versions.
        case entries([OSVRecord.Affected])
    }

    /// Bumped whenever the encoding, a version ordering or the compile rules change, so that a
    /// database compiled by another Charter is compiled again rather than misread.
    package static let formatVersion = 1

    package let ecosystem: Ecosystem
    /// Normalised as the ecosystem does (`Ecosystem.normalizedName`).
    package let name: String
    /// The distribution release the entries are scoped to (`12` of `Debian:12`); nil for the
    /// entries of every release, which a package of unknown release meets.
    package let release: String?
    let advisories: [Advisory]
    let entries: [Entry]
    let matching: Matching
}
