/// Matches one package's versions against all the advisory entries that name the package.
protocol PackageMatching: Sendable {
    func match(_ version: String) -> PackageVerdicts
}

/// What matching one version against a package's entries found, by the entries' positions.
struct PackageVerdicts {
    var affecting: [Int] = []
    var undecidable: [(entry: Int, reason: String)] = []
    /// The smallest version that no entry affects and that fixes every affecting one; nil when
    /// nothing affects the version or some affecting entry has no fix above it yet.
    var fixedIn: String?
}

/// A package's advisory entries compiled under its ecosystem's ordering and evaluated one by
/// one: the version is parsed once for all of them, and fix versions were parsed when the
/// entries were compiled. Packages whose entries are all regular match through a
/// `RegionMatcher` instead; this is the path for the others, and the reference the regions are
/// tested against.
struct PackageAdvisories<S: VersionScheme>: PackageMatching {
    let scheme: S
    let entries: [CompiledEntry<S>]

    init(scheme: S, affected: [OSVRecord.Affected], ecosystem: Ecosystem) {
        self.scheme = scheme
        entries = affected.map { CompiledEntry($0, ecosystem: ecosystem, scheme: scheme) }
    }

    func match(_ version: String) -> PackageVerdicts {
        let parsed = scheme.parse(version)
        var canonical: String?
        var verdicts = PackageVerdicts()
        var others: [Int] = []
        for (position, entry) in entries.enumerated() {
            let verdict = entry.evaluate(version, parsed: parsed) {
                if let canonical { return canonical }
                canonical = scheme.canonical(version)
                return canonical!
            }
            switch verdict {
            case .affected:
                verdicts.affecting.append(position)
            case .notAffected:
                others.append(position)
            case .undecidable(let reason):
                verdicts.undecidable.append((position, reason))
                others.append(position)
            }
        }
        if let parsed, !verdicts.affecting.isEmpty {
            verdicts.fixedIn = fix(above: parsed, affecting: verdicts.affecting, others: others)
        }
        return verdicts
    }

    /// The smallest `fixed` version above the current one that no entry of the package affects:
    /// an upgrade must not step into another advisory's range.
    private func fix(above current: S.Version, affecting: [Int], others: [Int]) -> String? {
        func fixes(_ position: Int) -> ArraySlice<(text: String, version: S.Version)> {
            entries[position].fixes.drop { $0.version <= current }
        }
        // Each affecting entry needs a fix above the current version, or there is none yet; no
        // version below the largest of their smallest fixes can fix them all.
        var candidates: [(text: String, version: S.Version)] = []
        var floor: S.Version?
        for position in affecting {
            let above = fixes(position)
            guard let smallest = above.first else { return nil }
            if floor.map({ smallest.version > $0 }) ?? true { floor = smallest.version }
            candidates += above
        }
        guard let floor else { return nil }
        // Try candidates from the smallest; one that another entry affects brings in that entry's
        // fixes as further candidates. Affecting entries are asked first: they reject soonest.
        let order = affecting + others
        var expanded = Set<Int>()
        var checked: [S.Version] = []
        while true {
            candidates = candidates.filter { candidate in candidate.version >= floor && !checked.contains(candidate.version) }
                .sorted { $0.version < $1.version }
            guard let candidate = candidates.first else { return nil }
            checked.append(candidate.version)
            let rejecting = order.first { position in
                entries[position].evaluate(candidate.text, parsed: candidate.version) { scheme.canonical(candidate.text) } != .notAffected
            }
            guard let rejecting else { return candidate.text }
            if expanded.insert(rejecting).inserted { candidates += fixes(rejecting) }
        }
    }
}
