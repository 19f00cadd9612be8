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

    /// `listed` is the canonical spelling of `affected.versions` (`VersionScheme.canonical`), when
    /// the caller keeps it from one evaluation to the next.
    package static func evaluate(_ version: String, in affected: OSVRecord.Affected, ecosystem: Ecosystem, listed: Set<String>? = nil) -> Verdict {
        var undecidable: String?
        if !affected.versions.isEmpty {
            let scheme = ecosystem.scheme
            if (listed ?? Set(affected.versions.map(scheme.canonical))).contains(scheme.canonical(version)) { return .affected }
        }
        for range in affected.ranges {
            let verdict: Verdict
            switch range.type {
            case .git: continue
            case .semver: verdict = evaluate(version, range.events, scheme: ecosystem.semverScheme)
            case .ecosystem: verdict = evaluate(version, range.events, scheme: ecosystem.scheme)
            }
            switch verdict {
            case .affected: return .affected
            case .notAffected: continue
            case .undecidable(let reason): undecidable = undecidable ?? reason
            }
        }
        return undecidable.map(Verdict.undecidable) ?? .notAffected
    }

    /// One range's events for `version` under `scheme`.
    static func evaluate<S: VersionScheme>(_ version: String, _ events: [OSVRecord.Event], scheme: S) -> Verdict {
        guard let target = scheme.parse(version) else { return .undecidable("\"\(version)\" is not a version this ecosystem orders") }
        var timeline: [(order: Int, version: S.Version?, event: OSVRecord.Event)] = []
        var limits: [S.Version] = []
        for event in events {
            switch event {
            case .introduced(let text):
                if text == "0" {
                    timeline.append((0, nil, event))
                } else {
                    guard let parsed = scheme.parse(text) else { return .undecidable("introduced \"\(text)\" is not a version") }
                    timeline.append((0, parsed, event))
                }
            case .fixed(let text), .lastAffected(let text):
                guard let parsed = scheme.parse(text) else { return .undecidable("event version \"\(text)\" is not a version") }
                timeline.append((1, parsed, event))
            case .limit(let text):
                guard !text.contains("*") else { continue }
                guard let parsed = scheme.parse(text) else { return .undecidable("limit \"\(text)\" is not a version") }
                limits.append(parsed)
            }
        }
        let hasLimits = events.contains { if case .limit = $0 { true } else { false } }
        if hasLimits, !events.contains(where: { if case .limit(let text) = $0 { text.contains("*") } else { false } }),
           !limits.contains(where: { target < $0 }) {
            return .notAffected
        }
        // "0" sorts first; at one version an introduction comes before the fix that ends it.
        timeline.sort { lhs, rhs in
            switch (lhs.version, rhs.version) {
            case (nil, nil): return lhs.order < rhs.order
            case (nil, _): return true
            case (_, nil): return false
            case let (left?, right?): return left == right ? lhs.order < rhs.order : left < right
            }
        }
        return sweep(target, timeline) || writtenPairs(target, events, scheme: scheme) ? .affected : .notAffected
    }

    /// The specification's algorithm: walk the events in version order.
    private static func sweep<V: Comparable>(_ target: V, _ timeline: [(order: Int, version: V?, event: OSVRecord.Event)]) -> Bool {
        var vulnerable = false
        for entry in timeline {
            switch entry.event {
            case .introduced:
                if entry.version.map({ target >= $0 }) ?? true { vulnerable = true }
            case .fixed:
                if let fixed = entry.version, target >= fixed { vulnerable = false }
            case .lastAffected:
                if let last = entry.version, target > last { vulnerable = false }
            case .limit:
                break
            }
        }
        return vulnerable
    }

    /// Databases such as PyPA write overlapping intervals as they fixed each release line
    /// (`introduced 0, fixed 3.1.1, introduced 3.1.1, fixed 3.1.3`), meaning their union, which the
    /// sweep alone would cut short; osv.dev's own enumerations count such versions affected. An
    /// `introduced` directly followed by its `fixed` or `last_affected` is read as one interval too.
    private static func writtenPairs<S: VersionScheme>(_ target: S.Version, _ events: [OSVRecord.Event], scheme: S) -> Bool {
        for (event, next) in zip(events, events.dropFirst()) {
            guard case .introduced(let start) = event else { continue }
            let afterStart = start == "0" || scheme.parse(start).map { target >= $0 } == true
            guard afterStart else { continue }
            switch next {
            case .fixed(let end): if let end = scheme.parse(end), target < end { return true }
            case .lastAffected(let end): if let end = scheme.parse(end), target <= end { return true }
            case .introduced, .limit: continue
            }
        }
        return false
    }
}
