@testable import CharterSecrets
import CharterTestSupport
import Foundation

/// Fake credentials and a tiny rule set for the pipeline tests. Every value is drawn from a seeded
/// generator with a made-up `tok_` prefix: nothing here is, or looks like, a real provider's token.
enum FakeSecrets {
    private static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")

    /// `tok_` followed by 32 letters and digits: high entropy, deterministic for a seed.
    static func token(seed: UInt64) -> String {
        "tok_" + characters(32, seed: seed)
    }

    /// `count` letters and digits from the seeded generator.
    static func characters(_ count: Int, seed: UInt64) -> String {
        var generator = SplitMix64(seed: seed)
        return String((0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
    }

    /// The specific rule: `tok_` plus exactly 32 letters and digits.
    static let tokenRule = SecretRule(
        id: "test-tok", description: "A fake test token.", keywords: ["tok_"], pattern: #"\b(tok_[A-Za-z0-9]{32})\b"#,
        confidence: .high, truePositives: [], falsePositives: [])

    /// The same pattern under another id, to tell fingerprints of different rules apart.
    static let twinRule = SecretRule(
        id: "test-tok-twin", description: "The fake token again.", keywords: ["tok_"], pattern: #"\b(tok_[A-Za-z0-9]{32})\b"#,
        confidence: .medium, truePositives: [], falsePositives: [])

    /// A catch-all rule that also matches a fake token assigned to `secret`.
    static let genericRule = SecretRule(
        id: "test-generic-secret", description: "A generic secret assignment.", keywords: ["secret"],
        pattern: #"secret\s*[:=]\s*["']?([A-Za-z0-9_]{20,})"#, caseless: true, confidence: .low, generic: true,
        truePositives: [], falsePositives: [])

    /// A fixed key, so fingerprints are reproducible inside one test.
    static func key(_ fill: UInt8 = 7) -> FingerprintKey {
        FingerprintKey(bytes: Array(repeating: fill, count: 32))
    }

    static func base64(_ text: String) -> String {
        Data(text.utf8).base64EncodedString()
    }

    static func hex(_ text: String) -> String {
        Hex.string(Array(text.utf8))
    }
}
