import Foundation

/// Decides whether a package version is affected by one `affected` entry of an advisory, by the
/// OSV evaluation algorithm: the listed `versions`, or any `SEMVER` / `ECOSYSTEM` range whose
/// events (sorted by version) leave it vulnerable and whose limits it is below. `GIT` ranges
/// need the repository's commit graph, so they are skipped without hiding the other ranges.
package enum AffectedVersions {
    package enum Verdict: Sendable, Equatable {
        case affected
        case notAffected
        /// The version or an event's version is not one the ordering can read: report it, never
        /// take it as "not affected".
        case undecidable(String)
    }

    package static func evaluate(_ version: String, in affected: OSVRecord.Affected, ecosystem: Ecosystem) -> Verdict {
        CompiledAffected(affected, ecosystem: ecosystem).evaluate(version)
    }

}

/// One `affected` entry compiled under its ecosystem's ordering, for evaluating package versions
/// one at a time (the index matches a package's advisories together, see `PackageAdvisories`).
package struct CompiledAffected: Sendable {
    private let evaluator: @Sendable (String) -> AffectedVersions.Verdict

    package init(_ affected: OSVRecord.Affected, ecosystem: Ecosystem) {
        evaluator = Self.evaluator(affected, ecosystem: ecosystem, scheme: ecosystem.scheme)
    }

    package func evaluate(_ version: String) -> AffectedVersions.Verdict {
        evaluator(version)
    }

    private static func evaluator<S: VersionScheme>(_ affected: OSVRecord.Affected, ecosystem: Ecosystem, scheme: S) -> @Sendable (String) -> AffectedVersions.Verdict {
        let entry = CompiledEntry(affected, ecosystem: ecosystem, scheme: scheme)
        return { version in entry.evaluate(version, parsed: scheme.parse(version)) { scheme.canonical(version) } }
    }

    static func rangeCheck<S: VersionScheme>(_ events: [OSVRecord.Event], scheme: S) -> @Sendable (String) -> AffectedVersions.Verdict {
        let range = CompiledRange(events, scheme: scheme)
        return { version in
            if let failure = range.failure { return .undecidable(failure) }
            guard let target = scheme.parse(version) else { return .undecidable("\"\(version)\" is not a version this ecosystem orders") }
            return range.contains(target) ? .affected : .notAffected
        }
    }
}

/// An advisory's `versions` list: looked up by exact text first, and put in canonical spelling
/// only the first time a lookup needs it (PyPA lists hundreds of versions per advisory, and most
/// advisories fetched for a scan are never asked about a spelling that differs).
final class ListedVersions: @unchecked Sendable {
    private let exact: Set<String>
    private let canonicalize: @Sendable (String) -> String
    private let lock = NSLock()
    private var canonicalSpellings: Set<String>?

    init(_ versions: [String], canonicalize: @escaping @Sendable (String) -> String) {
        exact = Set(versions)
        self.canonicalize = canonicalize
    }

    var isEmpty: Bool { exact.isEmpty }

    var versions: [String] { Array(exact) }

    /// `canonical` gives the version's canonical spelling, asked for only when the text is not listed.
    func contains(_ version: String, canonical: () -> String) -> Bool {
        if exact.contains(version) { return true }
        let set = lock.withLock {
            if canonicalSpellings == nil { canonicalSpellings = Set(exact.map(canonicalize)) }
            return canonicalSpellings!
        }
        return set.contains(canonical())
    }
}
