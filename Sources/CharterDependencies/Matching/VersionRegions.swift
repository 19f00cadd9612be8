/// A package's advisory ranges cut into regions of its version line: each version an event
/// names, and each stretch strictly between two of them. Whether a range holds a version can
/// only change at the versions its own events name, so every version of one region meets the
/// same entries and has the same fix, and matching a version is a binary search followed by
/// integer comparisons.
///
/// Built only for packages whose entries are all regular (see `CompiledEntry.isRegular`);
/// listed `versions` are looked up by canonical spelling beside it (`PackageAdvisories`).
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

    /// `listed` holds the canonical spelling of every version an entry lists.
    init(_ entries: [CompiledEntry<S>], listed: Set<String>, scheme: S) {
        let all = entries.flatMap { $0.rangeVersions + $0.fixes.map(\.version) }.sorted()
        var boundaries: [S.Version] = []
        for version in all where boundaries.last.map({ $0 < version }) ?? true { boundaries.append(version) }
        self.boundaries = boundaries
        let regionCount = boundaries.count * 2 + 1
        let spans = entries.map { entry in
            Self.union(entry.ranges.flatMap { Self.spans(of: $0, boundaries: boundaries, regionCount: regionCount) })
        }
        let fixes = entries.map { entry in entry.fixes.map { Self.index(of: $0.version, in: boundaries) } }
        self.spans = spans
        self.fixes = fixes

        var fixText: [Int: String] = [:]
        for (entry, indices) in zip(entries, fixes) {
            for (fix, index) in zip(entry.fixes, indices) where fixText[index] == nil { fixText[index] = fix.text }
        }
        // The regions any entry holds, merged once, for the clean check of every fix.
        let anyEntry = Self.union(spans.flatMap { $0 })
        var nextClean = [(index: Int, text: String)?](repeating: nil, count: boundaries.count + 1)
        for index in stride(from: boundaries.count - 1, through: 0, by: -1) {
            let region = 2 * index + 1
            let text = fixText[index].flatMap { text in
                !Self.holds(anyEntry, region) && !listed.contains(scheme.canonical(text)) ? text : nil
            }
            nextClean[index] = text.map { (index, $0) } ?? nextClean[index + 1]
        }
        self.nextClean = nextClean
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
