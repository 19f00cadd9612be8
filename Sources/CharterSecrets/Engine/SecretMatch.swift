/// A confirmed secret in a block of bytes. `secret` is the raw value: it must never be printed,
/// logged or stored; use `fingerprint` and `preview` (later: `Finding`) for anything visible.
package struct SecretMatch: Sendable, Equatable {
    package let ruleID: String
    package let confidence: SecretConfidence
    /// Byte offsets of the secret in the scanned block.
    package let range: Range<Int>
    package let secret: String
    /// True when the token's built-in checksum verified.
    package let validated: Bool
}
