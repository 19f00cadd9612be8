/// A confirmed secret in a block of bytes. `secret` is the raw value: it must never be printed,
/// logged or stored; use the finding's fingerprint and redacted preview for anything visible.
package struct SecretMatch: Sendable, Equatable {
    package let ruleID: String
    package let confidence: SecretConfidence
    /// Byte offsets of the secret in the scanned block (of the encoded segment holding it, when
    /// it was found by decoding).
    package let range: Range<Int>
    package let secret: String
    /// True when the token's built-in checksum verified.
    package let validated: Bool
    /// The encodings peeled off to reach the secret, outermost first; empty for plain text.
    package let encoding: [ContentEncoding]

    /// This match, found inside decoded content, placed at the encoded segment it came from.
    func decoded(from outer: ContentEncoding, at segment: Range<Int>) -> SecretMatch {
        SecretMatch(ruleID: ruleID, confidence: confidence, range: segment, secret: secret, validated: validated, encoding: [outer] + encoding)
    }

    /// Drops a generic rule's match when a specific rule found an overlapping secret, and orders
    /// the rest by position.
    static func preferringSpecific(_ matches: [SecretMatch], generic: Set<String>) -> [SecretMatch] {
        let specific = matches.filter { !generic.contains($0.ruleID) }
        let kept = matches.filter { match in
            !generic.contains(match.ruleID) || !specific.contains { $0.range.overlaps(match.range) || $0.secret == match.secret }
        }
        return kept.sorted { ($0.range.lowerBound, $0.ruleID) < ($1.range.lowerBound, $1.ruleID) }
    }
}

/// Encodings the scanner looks through to find wrapped secrets.
package enum ContentEncoding: String, Sendable, Codable {
    case base64, hex, percent
}
