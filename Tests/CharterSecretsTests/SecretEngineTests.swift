import CharterSecrets
import Foundation
import Testing

@Suite struct SecretEngineTests {
    static let token = SecretRule(
        id: "test-token", description: "A test token.", keywords: ["tok_"], pattern: #"\b(tok_[a-z0-9]{12})\b"#,
        confidence: .high, truePositives: [], falsePositives: [])

    @Test func findsEverySecretWithItsByteRange() throws {
        let text = "a=tok_abcdef123456\nb = \"tok_zyxwvu987654\"\nc=tok_short"
        let matches = try SecretEngine(rules: [Self.token]).makeScanner().scan(Array(text.utf8))
        #expect(matches.map(\.secret) == ["tok_abcdef123456", "tok_zyxwvu987654"])
        for match in matches {
            #expect(Array(Array(text.utf8)[match.range]) == Array(match.secret.utf8))
        }
    }

    @Test func byteRangesStayRightAfterMultibyteText() throws {
        let text = "ünïcödé → 🔑 tok_abcdef123456"
        let match = try #require(try SecretEngine(rules: [Self.token]).makeScanner().scan(Array(text.utf8)).first)
        #expect(Array(Array(text.utf8)[match.range]) == Array("tok_abcdef123456".utf8))
    }

    @Test func entropyThresholdDropsLowEntropyValues() throws {
        let rule = SecretRule(
            id: "test-entropy", description: "Entropy test.", keywords: ["key"], pattern: #"key=([A-Za-z0-9]{20})"#,
            confidence: .medium, minimumEntropy: 3.5, truePositives: [], falsePositives: [])
        let scanner = try SecretEngine(rules: [rule]).makeScanner()
        #expect(try scanner.scan(Array("key=aaaaaaaaaaaaaaaaaaaa".utf8)).isEmpty)
        #expect(try scanner.scan(Array("key=q8Vz2LmN4pX7rT1wY6bK".utf8)).count == 1)
    }

    @Test func providerExampleValuesAreIgnored() throws {
        let rule = SecretRule(
            id: "test-aws", description: "AWS-like.", keywords: ["akia"], pattern: #"\b(AKIA[0-9A-Z]{16})\b"#,
            confidence: .high, truePositives: [], falsePositives: [])
        #expect(try SecretEngine(rules: [rule]).makeScanner().scan(Array("id=AKIAIOSFODNN7EXAMPLE".utf8)).isEmpty)
    }

    /// Checksums computed independently (Python's zlib.crc32 with a base62 encoding).
    @Test(arguments: ["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", "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"])
    func githubChecksumAcceptsValidTokens(token: String) {
        #expect(GitHubChecksum.isValid(token))
        var altered = Array(token)
        altered[10] = altered[10] == "x" ? "y" : "x"
        #expect(!GitHubChecksum.isValid(String(altered)), "a changed character must break the checksum")
    }

    @Test(arguments: ["ghp_short", "ghp_" + String(repeating: "a", count: 36), "no-underscore-at-all-here-000000000000"])
    func githubChecksumRejectsMalformedTokens(token: String) {
        #expect(!GitHubChecksum.isValid(token))
    }

    @Test func invalidRuleIsNamed() {
        let broken = SecretRule(id: "test-broken", description: "x", keywords: ["x"], pattern: "(unclosed", confidence: .low, truePositives: [], falsePositives: [])
        #expect {
            try SecretEngine(rules: [broken])
        } throws: { error in
            "\(error)".contains("test-broken")
        }
    }
}
