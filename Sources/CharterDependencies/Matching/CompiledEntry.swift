/// One `affected` entry of an advisory compiled under its ecosystem's ordering `S`: listed
/// versions, ranges and fix versions parsed once, so that matching a package version parses
/// that version once for all the package's advisories instead of once per range.
struct CompiledEntry<S: VersionScheme>: Sendable {
    private let listed: ListedVersions
    /// Cut into regions by `VersionRegions` when the entry is regular.
    let ranges: [CompiledRange<S>]
    /// `SEMVER` ranges of an ecosystem whose own ordering is not Semantic Versioning (rare):
    /// evaluated under the SEMVER ordering, parsing the version themselves.
    private let semverRanges: [@Sendable (String) -> AffectedVersions.Verdict]
    /// The versions the ranges' `fixed` events name, in ascending order.
    let fixes: [(text: String, version: S.Version)]

    init(_ affected: OSVRecord.Affected, ecosystem: Ecosystem, scheme: S) {
        listed = ListedVersions(affected.versions) { scheme.canonical($0) }
        var ranges: [CompiledRange<S>] = []
        var semverRanges: [@Sendable (String) -> AffectedVersions.Verdict] = []
        for range in affected.ranges {
            switch range.type {
            case .git:
                continue
            case .ecosystem:
                ranges.append(CompiledRange(range.events, scheme: scheme))
            case .semver:
                if let same = ecosystem.semverScheme as? S {
                    ranges.append(CompiledRange(range.events, scheme: same))
                } else {
                    semverRanges.append(CompiledAffected.rangeCheck(range.events, scheme: ecosystem.semverScheme))
                }
            }
        }
        self.ranges = ranges
        self.semverRanges = semverRanges
        // The versions `CompiledRange` parsed, each with the text it came from.
        rangeVersions = affected.ranges.filter { $0.type == .ecosystem || ($0.type == .semver && ecosystem.semverScheme is S) }.flatMap { range in
            range.events.compactMap { event -> (text: String, version: S.Version)? in
                let text: String
                switch event {
                case .introduced(let named): guard named != "0" else { return nil }; text = named
                case .fixed(let named), .lastAffected(let named): text = named
                case .limit(let named): guard !named.contains("*") else { return nil }; text = named
                }
                return scheme.parse(text).map { (text, $0) }
            }
        }
        fixes = affected.ranges.filter { $0.type != .git }.flatMap { range in
            range.events.compactMap { event -> (text: String, version: S.Version)? in
                guard case .fixed(let text) = event, let version = scheme.parse(text) else { return nil }
                return (text, version)
            }
        }.sorted { $0.version < $1.version }
    }

    /// The versions `versions` lists, as written.
    var listedVersions: [String] { listed.versions }

    /// Whether only the ranges of the ecosystem's own ordering decide (no range failed to parse
    /// and none needs another ordering), so the entry can be cut into version regions.
    var isRegular: Bool { semverRanges.isEmpty && ranges.allSatisfy { $0.failure == nil } }

    /// Every version the ranges name, with its text: what a region table's boundaries are cut from.
    let rangeVersions: [(text: String, version: S.Version)]

    /// `version` is the text, `parsed` its reading under `S` (nil when it is not a version of
    /// the ecosystem, which leaves every range undecidable), `canonical` its canonical spelling.
    func evaluate(_ version: String, parsed: S.Version?, canonical: () -> String) -> AffectedVersions.Verdict {
        if !listed.isEmpty, listed.contains(version, canonical: canonical) { return .affected }
        var undecidable: String?
        for range in ranges {
            if let failure = range.failure {
                undecidable = undecidable ?? failure
            } else if let parsed {
                if range.contains(parsed) { return .affected }
            } else {
                undecidable = undecidable ?? "\"\(version)\" is not a version this ecosystem orders"
            }
        }
        for range in semverRanges {
            switch range(version) {
            case .affected: return .affected
            case .notAffected: continue
            case .undecidable(let reason): undecidable = undecidable ?? reason
            }
        }
        return undecidable.map(AffectedVersions.Verdict.undecidable) ?? .notAffected
    }
}
