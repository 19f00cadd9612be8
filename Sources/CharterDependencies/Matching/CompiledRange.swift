import Foundation

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

    /// Every version the events name, for cutting a package's versions into regions.
    var versions: [S.Version] {
        timeline.compactMap(\.version) + (limits ?? [])
    }

    func contains(_ target: S.Version) -> Bool {
        contains(VersionPosition.at(target))
    }

    /// Whether the range holds `position`: a version, or every version strictly between a
    /// version and the next one any event names (the range cannot change in between).
    func contains(_ position: VersionPosition<S.Version>) -> Bool {
        if let limits, !limits.contains(where: { position.isBelow($0) }) { return false }
        return sweep(position) || inWrittenPair(position)
    }

    /// The specification's algorithm: walk the events in version order.
    private func sweep(_ position: VersionPosition<S.Version>) -> Bool {
        var vulnerable = false
        for entry in timeline {
            switch entry.kind {
            case .introduced:
                if entry.version.map(position.isAtOrAbove) ?? true { vulnerable = true }
            case .fixed:
                if let fixed = entry.version, position.isAtOrAbove(fixed) { vulnerable = false }
            case .lastAffected:
                if let last = entry.version, position.isAbove(last) { vulnerable = false }
            }
        }
        return vulnerable
    }

    /// Databases such as PyPA write overlapping intervals as they fixed each release line
    /// (`introduced 0, fixed 3.1.1, introduced 3.1.1, fixed 3.1.3`), meaning their union, which the
    /// sweep alone would cut short; osv.dev's own enumerations count such versions affected.
    private func inWrittenPair(_ position: VersionPosition<S.Version>) -> Bool {
        pairs.contains { pair in
            (pair.start.map(position.isAtOrAbove) ?? true) && (pair.inclusive ? position.isAtOrBelow(pair.end) : position.isBelow(pair.end))
        }
    }
}

/// Where a version sits, for evaluating ranges: at a version, or strictly above `lower` (nil: the
/// bottom) and below the next version any event of the package names. Since every comparison a
/// range makes is with an event's version, "just above `lower`" compares as any version there would.
enum VersionPosition<V: Comparable> {
    case at(V)
    case justAbove(V?)

    func isAtOrAbove(_ version: V) -> Bool {
        switch self {
        case .at(let target): target >= version
        case .justAbove(let lower): lower.map { version <= $0 } ?? false
        }
    }

    func isAbove(_ version: V) -> Bool {
        switch self {
        case .at(let target): target > version
        case .justAbove(let lower): lower.map { version <= $0 } ?? false
        }
    }

    func isBelow(_ version: V) -> Bool {
        switch self {
        case .at(let target): target < version
        case .justAbove(let lower): lower.map { version > $0 } ?? true
        }
    }

    func isAtOrBelow(_ version: V) -> Bool {
        switch self {
        case .at(let target): target <= version
        case .justAbove(let lower): lower.map { version > $0 } ?? true
        }
    }
}
