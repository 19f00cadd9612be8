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

/// An advisory's `versions` list, hashed by exact text and canonical spelling only the first time
/// an entry-by-entry lookup needs it: PyPA lists hundreds of versions per advisory, and packages
/// matched through version regions look them up in one table of their own instead.
final class ListedVersions: @unchecked Sendable {
    /// As the advisory lists them; packages matched through version regions only read these.
    let versions: [String]
    private let canonicalize: @Sendable (String) -> String
    private let lock = NSLock()
    private var sets: (exact: Set<String>, canonical: Set<String>)?

    init(_ versions: [String], canonicalize: @escaping @Sendable (String) -> String) {
        self.versions = versions
        self.canonicalize = canonicalize
    }

    var isEmpty: Bool { versions.isEmpty }

    /// `canonical` gives the version's canonical spelling, asked for only when the text is not listed.
    func contains(_ version: String, canonical: () -> String) -> Bool {
        let built = lock.withLock {
            if sets == nil { sets = (Set(versions), Set(versions.map(canonicalize))) }
            return sets!
        }
        return built.exact.contains(version) || built.canonical.contains(canonical())
    }
}
