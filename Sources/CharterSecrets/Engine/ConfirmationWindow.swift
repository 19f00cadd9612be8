/// The bytes around a prefilter hit that a rule's full pattern is run on.
///
/// Vectorscan reports only where a prefilter match ends, and that end lies inside the full
/// match. So the window reaches back as far as the longest full match (a JWT of 5 KB, a service
/// account file whose private key comes last) and forward as far as the full match may run past
/// its prefilter (the body of a PEM block after its BEGIN line). Vectorscan measures both widths;
/// patterns it cannot analyse (ICU-only syntax such as `\G`) get generous defaults.
struct ConfirmationWindow: Equatable {
    let lookBehind: Int
    let lookAhead: Int

    /// Reach assumed, either way, for a pattern whose width is unbounded or unknown.
    static let unknownReach = 8 * 1024
    /// PEM and PGP blocks run to several kilobytes after the line the prefilter finds.
    static let blockLookAhead = 16 * 1024
    static let maximumReach = 64 * 1024
    /// Room for the look-around assertions a token pattern ends with.
    static let tokenLookAhead = 256

    init(lookBehind: Int, lookAhead: Int) {
        self.lookBehind = lookBehind
        self.lookAhead = lookAhead
    }

    init(rule: SecretRule) {
        let pattern = PrefilterDatabase.maxWidth(of: .init(rule.pattern, caseless: rule.caseless))
        lookBehind = min(Self.maximumReach, max(Self.tokenLookAhead, pattern ?? Self.unknownReach))
        guard let prefilter = rule.prefilter else {
            lookAhead = Self.tokenLookAhead
            return
        }
        let prefilterWidth = PrefilterDatabase.maxWidth(of: .init(prefilter, caseless: rule.caseless)) ?? 0
        let beyond = (pattern ?? (rule.pattern.contains("-----BEGIN") ? Self.blockLookAhead : Self.unknownReach)) - prefilterWidth
        lookAhead = min(Self.maximumReach, max(Self.tokenLookAhead, beyond))
    }

    func range(around end: Int, in count: Int) -> Range<Int> {
        max(0, end - lookBehind)..<min(count, end + lookAhead)
    }

    /// How far a confirmed window settles later candidates of the same rule: up to the end of
    /// its last match, and at least the first half of its look-ahead, so a match that runs past
    /// the window's end (a second key right after the first) still gets a window of its own.
    func settled(_ range: Range<Int>, lastMatchEnd: Int?) -> Int {
        max(lastMatchEnd ?? -1, range.upperBound - (lookAhead + 1) / 2)
    }
}
