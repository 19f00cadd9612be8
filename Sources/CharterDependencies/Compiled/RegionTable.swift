/// A package's version regions (see `VersionRegions`) in a form that needs no version parsing to
/// store or read: boundaries as text, everything else as integers. Built when advisories are
/// imported; a scan parses only the boundaries of the packages it meets.
struct RegionTable: Sendable, Equatable {
    /// A `fixed` version no entry's ranges or listed versions hold, as the advisory wrote it.
    struct CleanFix: Sendable, Equatable {
        let boundary: Int
        let text: String
    }

    /// The versions the events name, ascending under the ecosystem's ordering and distinct.
    let boundaries: [String]
    /// Per entry: the regions its ranges hold, as ascending, disjoint half-open spans.
    let spans: [[Range<Int>]]
    /// Per entry: the boundaries its `fixed` events name, ascending.
    let fixes: [[Int]]
    /// Ascending by boundary.
    let cleanFixes: [CleanFix]
    /// Per entry: whether it has ranges to evaluate (an entry may only list versions).
    let ranged: [Bool]
    /// Which entries list each version, by canonical spelling.
    let listed: [String: [Int]]
}
