import Foundation

/// Finds secrets in blocks of bytes with a rule set: one Vectorscan pass finds candidates for
/// every rule, then each candidate is confirmed by the rule's full pattern on a window around it.
///
/// Immutable and shareable across threads; each thread scans with its own `SecretEngine.Scanner`.
package final class SecretEngine: @unchecked Sendable {
    package let rules: [SecretRule]
    private let prefilter: PrefilterDatabase
    private let confirmers: [NSRegularExpression]

    /// Bytes before a candidate's end that its full match may start at, and bytes after it
    /// that the match may still need (a prefilter may end earlier than the full pattern).
    static let lookBehind = 1024
    static let lookAhead = 256
    /// PEM blocks run to several kilobytes after the line the prefilter finds.
    static let blockLookAhead = 16 * 1024

    package init(rules: [SecretRule]) throws {
        self.rules = rules
        confirmers = try rules.map { rule in
            do {
                return try NSRegularExpression(pattern: rule.pattern, options: rule.caseless ? [.caseInsensitive] : [])
            } catch {
                throw SecretsError(.patternInvalid, "rule \(rule.id): its pattern is not a valid regular expression: \(error.localizedDescription)")
            }
        }
        do {
            prefilter = try PrefilterDatabase(patterns: rules.map { .init($0.prefilter ?? $0.pattern, caseless: $0.caseless) })
        } catch let error as SecretsError {
            throw SecretsError(.patternInvalid, "rule set cannot be compiled: \(error.message)")
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
            var candidates: [(rule: Int, end: Int)] = []
            try bytes.withUnsafeBytes { buffer in
                try engine.prefilter.scan(buffer, scratch: scratch) { rule, end in candidates.append((rule, end)) }
            }
            var matches: [SecretMatch] = []
            var confirmedUpTo = [Int](repeating: -1, count: engine.rules.count)
            for candidate in candidates where candidate.end > confirmedUpTo[candidate.rule] {
                let window = engine.window(for: candidate.rule, end: candidate.end, in: bytes.count)
                for match in try engine.confirm(rule: candidate.rule, in: bytes, window: window)
                where !matches.contains(where: { $0.ruleID == match.ruleID && $0.range == match.range }) {
                    matches.append(match)
                }
                confirmedUpTo[candidate.rule] = window.upperBound
            }
            return matches.sorted { ($0.range.lowerBound, $0.ruleID) < ($1.range.lowerBound, $1.ruleID) }
        }
    }

    private func window(for rule: Int, end: Int, in count: Int) -> Range<Int> {
        let ahead = rules[rule].pattern.contains("-----BEGIN") ? Self.blockLookAhead : Self.lookAhead
        return max(0, end - Self.lookBehind)..<min(count, end + ahead)
    }

    /// Runs the rule's full pattern over the window and keeps the matches that pass its checks.
    private func confirm(rule index: Int, in bytes: [UInt8], window: Range<Int>) throws -> [SecretMatch] {
        let rule = rules[index]
        let text = String(decoding: bytes[window], as: UTF8.self)
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
            let start = window.lowerBound + text.utf8.distance(from: text.startIndex, to: bounds.lowerBound)
            found.append(SecretMatch(
                ruleID: rule.id, confidence: validated ? .high : rule.confidence,
                range: start..<(start + secret.utf8.count), secret: secret, validated: validated))
        }
        return found
    }

    private static func validate(_ secret: String, with validator: SecretValidator) -> Bool {
        switch validator {
        case .githubChecksum: GitHubChecksum.isValid(secret)
        }
    }
}
