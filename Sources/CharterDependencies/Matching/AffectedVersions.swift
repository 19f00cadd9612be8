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

    /// One range's events for `version` under `scheme`.
    static func evaluate<S: VersionScheme>(_ version: String, _ events: [OSVRecord.Event], scheme: S) -> Verdict {
        CompiledAffected.rangeCheck(events, scheme: scheme)(version)
    }
}

/// An `affected` entry with its versions parsed once, for matching many package versions
/// against it: a matcher evaluates the same advisories for every dependency of a monorepo.
package struct CompiledAffected: Sendable {
    private let listed: ListedVersions
    private let canonical: @Sendable (String) -> String
    private let ranges: [@Sendable (String) -> AffectedVersions.Verdict]

    package init(_ affected: OSVRecord.Affected, ecosystem: Ecosystem) {
        let scheme = ecosystem.scheme
        listed = ListedVersions(affected.versions) { scheme.canonical($0) }
        canonical = { scheme.canonical($0) }
        ranges = affected.ranges.compactMap { range in
            switch range.type {
            case .git: nil
            case .semver: Self.rangeCheck(range.events, scheme: ecosystem.semverScheme)
            case .ecosystem: Self.rangeCheck(range.events, scheme: scheme)
            }
        }
    }

    package func evaluate(_ version: String) -> AffectedVersions.Verdict {
        if !listed.isEmpty, listed.contains(version, canonical: canonical) { return .affected }
        var undecidable: String?
        for range in ranges {
            switch range(version) {
            case .affected: return .affected
            case .notAffected: continue
            case .undecidable(let reason): undecidable = undecidable ?? reason
            }
        }
        return undecidable.map(AffectedVersions.Verdict.undecidable) ?? .notAffected
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
    private var canonical: Set<String>?

    init(_ versions: [String], canonicalize: @escaping @Sendable (String) -> String) {
        exact = Set(versions)
        self.canonicalize = canonicalize
    }

    var isEmpty: Bool { exact.isEmpty }

    func contains(_ version: String, canonical spelling: (String) -> String) -> Bool {
        if exact.contains(version) { return true }
        let set = lock.withLock {
            if canonical == nil { canonical = Set(exact.map(canonicalize)) }
            return canonical!
        }
        return set.contains(spelling(version))
    }
}

/// One range's events parsed under one ordering.
struct CompiledRange<S: VersionScheme>: Sendable {
    private enum Kind: Sendable {
        case introduced, fixed, lastAffected
    }

    /// In version order; a nil version is `introduced: "0"`.
    private var timeline: [(kind: Kind, version: S.Version?)] = []
    /// nil when the range has no limit (or a `*` one).
    private var limits: [S.Version]?
    /// `introduced` events directly followed by their `fixed` / `last_affected`, as written.
    private var pairs: [(start: S.Version?, end: S.Version, inclusive: Bool)] = []
    /// Why the range cannot be evaluated, when an event's version does not parse.
    private(set) var failure: String?

    init(_ events: [OSVRecord.Event], scheme: S) {
        func parse(_ text: String, _ what: String) -> S.Version? {
            let parsed = scheme.parse(text)
            if parsed == nil, failure == nil { failure = "\(what) \"\(text)\" is not a version" }
            return parsed
        }
        var limitVersions: [S.Version] = []
        var unlimited = false
        for event in events {
            switch event {
            case .introduced(let text):
                timeline.append((.introduced, text == "0" ? nil : parse(text, "introduced")))
            case .fixed(let text):
                if let version = parse(text, "fixed") { timeline.append((.fixed, version)) }
            case .lastAffected(let text):
                if let version = parse(text, "last_affected") { timeline.append((.lastAffected, version)) }
            case .limit(let text):
                if text.contains("*") { unlimited = true } else if let version = parse(text, "limit") { limitVersions.append(version) }
            }
        }
        let hasLimits = events.contains { if case .limit = $0 { true } else { false } }
        limits = hasLimits && !unlimited ? limitVersions : nil
        // "0" sorts first; at one version an introduction comes before the fix that ends it.
        timeline.sort { lhs, rhs in
            switch (lhs.version, rhs.version) {
            case (nil, nil): return lhs.kind == .introduced && rhs.kind != .introduced
            case (nil, _): return true
            case (_, nil): return false
            case let (left?, right?): return left == right ? (lhs.kind == .introduced && rhs.kind != .introduced) : left < right
            }
        }
        for (event, next) in zip(events, events.dropFirst()) {
            guard case .introduced(let startText) = event else { continue }
            let start = startText == "0" ? nil : scheme.parse(startText)
            guard startText == "0" || start != nil else { continue }
            switch next {
            case .fixed(let text): if let end = scheme.parse(text) { pairs.append((start, end, false)) }
            case .lastAffected(let text): if let end = scheme.parse(text) { pairs.append((start, end, true)) }
            case .introduced, .limit: continue
            }
        }
    }

    func contains(_ target: S.Version) -> Bool {
        if let limits, !limits.contains(where: { target < $0 }) { return false }
        return sweep(target) || inWrittenPair(target)
    }

    /// The specification's algorithm: walk the events in version order.
    private func sweep(_ target: S.Version) -> Bool {
        var vulnerable = false
        for entry in timeline {
            switch entry.kind {
            case .introduced:
                if entry.version.map({ target >= $0 }) ?? true { vulnerable = true }
            case .fixed:
                if let fixed = entry.version, target >= fixed { vulnerable = false }
            case .lastAffected:
                if let last = entry.version, target > last { vulnerable = false }
            }
        }
        return vulnerable
    }

    /// Databases such as PyPA write overlapping intervals as they fixed each release line
    /// (`introduced 0, fixed 3.1.1, introduced 3.1.1, fixed 3.1.3`), meaning their union, which the
    /// sweep alone would cut short; osv.dev's own enumerations count such versions affected.
    private func inWrittenPair(_ target: S.Version) -> Bool {
        pairs.contains { pair in
            (pair.start.map { target >= $0 } ?? true) && (pair.inclusive ? target <= pair.end : target < pair.end)
        }
    }
}
