import Foundation

/// Finds secrets in blocks of bytes with a rule set: one Vectorscan pass finds candidates for
/// every rule, then each candidate is confirmed by the rule's full pattern on a window around it.
///
/// Immutable and shareable across threads; each thread scans with its own `SecretEngine.Scanner`.
package final class SecretEngine: @unchecked Sendable {
    package let rules: [SecretRule]
    private let prefilter: PrefilterDatabase
    private let confirmers: [NSRegularExpression]
    let genericRuleIDs: Set<String>
    /// Each rule's confirmation window around a candidate, decided once per rule.
    private let windows: [ConfirmationWindow]

    /// Whether the compiled rules came from `cache` rather than a fresh compile.
    package let loadedFromCache: Bool

    /// Compiles `rules`, or loads them compiled from `cache` when it holds this exact rule set.
    package init(rules: [SecretRule], cache: RuleDatabaseCache? = nil) throws {
        self.rules = rules
        genericRuleIDs = Set(rules.filter(\.generic).map(\.id))
        confirmers = try rules.map { rule in
            do {
                return try NSRegularExpression(pattern: rule.pattern, options: rule.caseless ? [.caseInsensitive] : [])
            } catch {
                throw SecretsError(.patternInvalid, "rule \(rule.id): its pattern is not a valid regular expression: \(error.localizedDescription)")
            }
        }
        let digest = cache.map { _ in RuleDatabaseCache.digest(of: rules) }
        if let cache, let digest, let entry = cache.load(digest: digest, ruleCount: rules.count),
           let database = PrefilterDatabase(serialized: entry.database, patternCount: rules.count) {
            prefilter = database
            windows = entry.windows
            loadedFromCache = true
            return
        }
        do {
            prefilter = try PrefilterDatabase(patterns: rules.map { .init($0.prefilter ?? $0.pattern, caseless: $0.caseless) })
        } catch let error as SecretsError {
            throw SecretsError(.patternInvalid, "rule set cannot be compiled: \(error.message)")
        }
        windows = rules.map(ConfirmationWindow.init(rule:))
        loadedFromCache = false
        if let cache, let digest, let bytes = prefilter.serialized() {
            cache.store(.init(database: bytes, windows: windows), digest: digest)
        }
    }

    package func makeScanner() throws -> Scanner {
        Scanner(engine: self, scratch: try prefilter.makeScratch())
    }

    /// Scans with one thread's scratch space.
    package struct Scanner {
        let engine: SecretEngine
        let scratch: PrefilterScratch

        /// Every confirmed secret in `bytes`, ordered by position; one per rule and location.
        package func scan(_ bytes: [UInt8]) throws -> [SecretMatch] {
            try bytes.withUnsafeBytes { try scan($0) }
        }

        /// Every confirmed secret in `buffer`, then in what its base64, hex and percent-encoded
        /// segments decode to (up to `decodeDepth` layers deep). A secret found inside an encoded
        /// segment is reported at that segment's location in `buffer`.
        package func scan(_ buffer: UnsafeRawBufferPointer, decodeDepth: Int = 2) throws -> [SecretMatch] {
            var matches = try scanPlain(buffer)
            guard decodeDepth > 0 else { return SecretMatch.preferringSpecific(matches, generic: engine.genericRuleIDs) }
            for segment in EncodedSegments.find(in: buffer) {
                let inner = try segment.decoded.withUnsafeBytes { try scan($0, decodeDepth: decodeDepth - 1) }
                for match in inner where !matches.contains(where: { $0.secret == match.secret }) {
                    matches.append(match.decoded(from: segment.encoding, at: segment.range))
                }
            }
            return SecretMatch.preferringSpecific(matches, generic: engine.genericRuleIDs)
        }

        private func scanPlain(_ buffer: UnsafeRawBufferPointer) throws -> [SecretMatch] {
            var candidates: [(rule: Int, end: Int)] = []
            try engine.prefilter.scan(buffer, scratch: scratch) { rule, end in candidates.append((rule, end)) }
            var matches: [SecretMatch] = []
            // Per rule, the end of the stretch the last window settled: candidates ending
            // inside it would only confirm the same matches again.
            var settledUpTo = [Int](repeating: -1, count: engine.rules.count)
            for candidate in candidates where candidate.end > settledUpTo[candidate.rule] {
                let window = engine.windows[candidate.rule]
                let range = window.range(around: candidate.end, in: buffer.count)
                let confirmed = try engine.confirm(rule: candidate.rule, in: buffer, window: range)
                for match in confirmed where !matches.contains(where: { $0.ruleID == match.ruleID && $0.range == match.range }) {
                    matches.append(match)
                }
                settledUpTo[candidate.rule] = window.settled(range, lastMatchEnd: confirmed.last?.range.upperBound)
            }
            return matches
        }
    }

    /// Runs the rule's full pattern over the window and keeps the matches that pass its checks.
    private func confirm(rule index: Int, in buffer: UnsafeRawBufferPointer, window: Range<Int>) throws -> [SecretMatch] {
        let rule = rules[index]
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: buffer[window]), as: UTF8.self)
        let utf16 = text.utf16
        var found: [SecretMatch] = []
        for result in confirmers[index].matches(in: text, range: NSRange(location: 0, length: utf16.count)) {
            let range = result.range(at: rule.secretGroup)
            guard range.location != NSNotFound, let bounds = Range(range, in: text) else { continue }
            let secret = String(text[bounds])
            if let minimum = rule.minimumEntropy, ShannonEntropy.bitsPerCharacter(secret) < minimum { continue }
            if KnownExampleValues.contains(secret) { continue }
            let validated = rule.validator.map { Self.validate(secret, with: $0) } ?? false
            if rule.validator != nil && !validated { continue }
            guard let start = Self.offset(of: secret, near: window.lowerBound + text.utf8.distance(from: text.startIndex, to: bounds.lowerBound), in: buffer, window: window) else { continue }
            found.append(SecretMatch(
                ruleID: rule.id, confidence: validated ? .high : rule.confidence,
                range: start..<(start + secret.utf8.count), secret: secret, validated: validated, encoding: []))
        }
        return found
    }

    /// The secret's byte offset in `buffer`. `guess` is exact for valid UTF-8; a window holding
    /// invalid bytes decodes with replacement characters, so the secret is then looked up in the window.
    private static func offset(of secret: String, near guess: Int, in buffer: UnsafeRawBufferPointer, window: Range<Int>) -> Int? {
        let needle = Array(secret.utf8)
        func matches(at start: Int) -> Bool {
            start >= 0 && start + needle.count <= buffer.count && buffer[start..<(start + needle.count)].elementsEqual(needle)
        }
        if matches(at: guess) { return guess }
        return window.first { matches(at: $0) }
    }

    private static func validate(_ secret: String, with validator: SecretValidator) -> Bool {
        switch validator {
        case .githubChecksum: GitHubChecksum.isValid(secret)
        }
    }
}
