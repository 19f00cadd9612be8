/// A package's advisory ranges cut into regions of its version line: each version an event
/// names, and each stretch strictly between two of them. Whether a range holds a version can
/// only change at the versions its own events name, so every version of one region meets the
/// same entries and has the same fix, and matching a version is a binary search followed by
/// integer comparisons.
///
/// Built only for packages whose entries are all regular (see `CompiledEntry.isRegular`);
/// listed `versions` are looked up by canonical spelling beside it (`RegionMatcher`). Compiled
/// into a `RegionTable` when advisories are imported, and read back from one for matching.
struct VersionRegions<S: VersionScheme>: Sendable {
    /// The versions the events name, ascending and distinct. Region `2i + 1` is `boundaries[i]`
    /// itself; region `2i` the stretch below it (and above `boundaries[i - 1]`).
    private let boundaries: [S.Version]
    /// Per entry: the regions its ranges hold, as ascending, disjoint half-open spans.
    private let spans: [[Range<Int>]]
    /// Per entry: the boundaries its `fixed` events name, ascending.
    private let fixes: [[Int]]
    /// Per boundary: the smallest boundary at or above it that is a clean fix (a `fixed` version
    /// no entry's ranges or listed versions hold), and its text.
    private let nextClean: [(index: Int, text: String)?]

    /// Reads `table` back; nil when a boundary no longer parses or the boundaries are out of
    /// order (a table compiled under other ordering rules).
    init?(_ table: RegionTable, scheme: S) {
        var boundaries: [S.Version] = []
        boundaries.reserveCapacity(table.boundaries.count)
        for text in table.boundaries {
            guard let version = scheme.parse(text), boundaries.last.map({ $0 < version }) ?? true else { return nil }
            boundaries.append(version)
        }
        self.boundaries = boundaries
        spans = table.spans
        fixes = table.fixes
        var nextClean = [(index: Int, text: String)?](repeating: nil, count: boundaries.count + 1)
        var clean = table.cleanFixes.reversed().makeIterator()
        var pending = clean.next()
        var current: (index: Int, text: String)?
        for index in stride(from: boundaries.count - 1, through: 0, by: -1) {
            while let fix = pending, fix.boundary >= index {
                if fix.boundary == index { current = (index, fix.text) }
                pending = clean.next()
            }
            nextClean[index] = current
        }
        self.nextClean = nextClean
    }

    /// Cuts the entries' ranges into regions. `listed` maps the canonical spelling of every
    /// version an entry lists to the entries listing it.
    static func table(_ entries: [CompiledEntry<S>], listed: [String: [Int]], scheme: S) -> RegionTable {
        let all = entries.flatMap { $0.rangeVersions + $0.fixes }.sorted { $0.version < $1.version }
        var boundaries: [(text: String, version: S.Version)] = []
        for named in all where boundaries.last.map({ $0.version < named.version }) ?? true { boundaries.append(named) }
        let versions = boundaries.map(\.version)
        let regionCount = boundaries.count * 2 + 1
        let spans = entries.map { entry in
            union(entry.ranges.flatMap { Self.spans(of: $0, boundaries: versions, regionCount: regionCount) })
        }
        let fixes = entries.map { entry in entry.fixes.map { index(of: $0.version, in: versions) } }

        var fixText: [Int: String] = [:]
        for (entry, indices) in zip(entries, fixes) {
            for (fix, index) in zip(entry.fixes, indices) where fixText[index] == nil { fixText[index] = fix.text }
        }
        // The regions any entry holds, merged once, for the clean check of every fix.
        let anyEntry = union(spans.flatMap { $0 })
        let cleanFixes = fixText.keys.sorted().compactMap { index -> RegionTable.CleanFix? in
            let text = fixText[index]!
            guard !holds(anyEntry, 2 * index + 1), listed[scheme.canonical(text)] == nil else { return nil }
            return RegionTable.CleanFix(boundary: index, text: text)
        }
        return RegionTable(boundaries: boundaries.map(\.text), spans: spans, fixes: fixes, cleanFixes: cleanFixes,
                           ranged: entries.map { !$0.ranges.isEmpty }, listed: listed)
    }

    /// The region `version` falls in.
    func region(of version: S.Version) -> Int {
        let index = Self.index(of: version, in: boundaries)
        return index < boundaries.count && boundaries[index] == version ? 2 * index + 1 : 2 * index
    }

    /// The entries whose ranges hold `region`, ascending.
    func affecting(_ region: Int) -> [Int] {
        spans.indices.filter { Self.holds(spans[$0], region) }
    }

    /// The smallest clean fix above `region` that fixes every entry in `affecting`: each needs a
    /// fix above the region, or there is none yet, and none below the largest of their smallest fixes.
    func fix(_ region: Int, affecting: [Int]) -> String? {
        guard !affecting.isEmpty else { return nil }
        var floor = 0
        for entry in affecting {
            // A boundary above the region is a later region.
            guard let above = fixes[entry].first(where: { 2 * $0 + 1 > region }) else { return nil }
            floor = max(floor, above)
        }
        return nextClean[floor]?.text
    }

    private static func holds(_ spans: [Range<Int>], _ region: Int) -> Bool {
        spans.contains { $0.contains(region) }
    }

    /// The regions one range holds: evaluated once below its first own version, at each, and
    /// just above each; the answer holds for every region up to its next own version.
    private static func spans(of range: CompiledRange<S>, boundaries: [S.Version], regionCount: Int) -> [Range<Int>] {
        // Every version a range names is a boundary, so each index is in bounds.
        let own = Array(Set(range.versions.map { index(of: $0, in: boundaries) })).sorted()
        var spans: [Range<Int>] = []
        func add(_ regions: Range<Int>, if holds: Bool) {
            guard holds, !regions.isEmpty else { return }
            if let last = spans.last, last.upperBound == regions.lowerBound {
                spans[spans.count - 1] = last.lowerBound..<regions.upperBound
            } else {
                spans.append(regions)
            }
        }
        var start = 0
        var below: S.Version?
        for index in own {
            add(start..<(2 * index + 1), if: range.contains(VersionPosition.justAbove(below)))
            add((2 * index + 1)..<(2 * index + 2), if: range.contains(VersionPosition.at(boundaries[index])))
            start = 2 * index + 2
            below = boundaries[index]
        }
        add(start..<regionCount, if: range.contains(VersionPosition.justAbove(below)))
        return spans
    }

    private static func union(_ spans: [Range<Int>]) -> [Range<Int>] {
        var merged: [Range<Int>] = []
        for span in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, span.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
            } else {
                merged.append(span)
            }
        }
        return merged
    }

    /// The first boundary at or above `version`.
    private static func index(of version: S.Version, in boundaries: [S.Version]) -> Int {
        var low = 0
        var high = boundaries.count
        while low < high {
            let middle = (low + high) / 2
            if boundaries[middle] < version { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
