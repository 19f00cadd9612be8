/// Matches a package's versions through its region table: a binary search among the versions
/// its advisories name, then integer comparisons; listed versions by canonical spelling.
struct RegionMatcher<S: VersionScheme>: PackageMatching {
    private let scheme: S
    private let regions: VersionRegions<S>
    private let listed: [String: [Int]]
    private let ranged: [Bool]

    /// nil when the table's boundaries do not parse in order under `scheme`.
    init?(_ table: RegionTable, scheme: S) {
        guard let regions = VersionRegions(table, scheme: scheme) else { return nil }
        self.scheme = scheme
        self.regions = regions
        listed = table.listed
        ranged = table.ranged
    }

    func match(_ version: String) -> PackageVerdicts {
        let byList = listed.isEmpty ? [] : (listed[scheme.canonical(version)] ?? [])
        var verdicts = PackageVerdicts()
        guard let parsed = scheme.parse(version) else {
            // What each entry says of a version it cannot order: listed is affected, ranges cannot tell.
            verdicts.affecting = byList.sorted()
            verdicts.undecidable = ranged.indices.filter { ranged[$0] && !byList.contains($0) }
                .map { ($0, "\"\(version)\" is not a version this ecosystem orders") }
            return verdicts
        }
        let region = regions.region(of: parsed)
        let byRange = regions.affecting(region)
        // Listed but outside the ranges: the regions' fix rule works for any set of entries.
        verdicts.affecting = byList.allSatisfy(byRange.contains) ? byRange : Array(Set(byRange + byList)).sorted()
        verdicts.fixedIn = regions.fix(region, affecting: verdicts.affecting)
        return verdicts
    }
}

/// A region table whose boundaries no longer parse under this Charter's ordering (compiled by
/// another version, or damaged): nothing can be decided, and every match says so.
struct UnreadableTable: PackageMatching {
    let entries: Int

    func match(_ version: String) -> PackageVerdicts {
        var verdicts = PackageVerdicts()
        verdicts.undecidable = (0..<entries).map { ($0, "the advisory database's table for this package does not read under this Charter's version ordering; run `charter db import` again") }
        return verdicts
    }
}
