@testable import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

/// Secrets longer than a token, or far from the line the prefilter finds, are still confirmed:
/// each rule's window is sized from its prefilter, and a window settles later candidates only as
/// far as it could have confirmed them.
@Suite struct ConfirmationWindowTests {
    static let engine = Result { try SecretEngine(rules: SecretCatalog.all) }

    static func scan(_ text: String) throws -> [SecretMatch] {
        try engine.get().makeScanner().scan(Array(text.utf8))
    }

    static func base64(_ count: Int, seed: UInt64, alphabet: String = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/") -> String {
        let characters = Array(alphabet)
        var generator = SplitMix64(seed: seed)
        return String((0..<count).map { _ in characters[Int(generator.next() % UInt64(characters.count))] })
    }

    static func rsaKey(lines: Int, seed: UInt64) -> String {
        let body = (0..<lines).map { base64(64, seed: seed &+ UInt64($0)) }
        return (["-----BEGIN RSA PRIVATE KEY-----"] + body + ["-----END RSA PRIVATE KEY-----"]).joined(separator: "\n")
    }

    @Test func windowsAreSizedFromThePrefilter() throws {
        let rules = Dictionary(uniqueKeysWithValues: SecretCatalog.all.map { ($0.id, $0) })
        let jwt = ConfirmationWindow(rule: try #require(rules["json-web-token"]))
        #expect(jwt.lookBehind >= 5200, "a JWT may be 5 KB long; its whole match must fit behind the prefilter's end")
        let pem = ConfirmationWindow(rule: try #require(rules["pem-rsa-private-key"]))
        #expect(pem.lookAhead >= ConfirmationWindow.blockLookAhead - 64, "a PEM body runs kilobytes past its BEGIN line")
        let token = ConfirmationWindow(rule: try #require(rules["github-personal-access-token"]))
        #expect(token == ConfirmationWindow(lookBehind: token.lookBehind, lookAhead: ConfirmationWindow.tokenLookAhead))
        #expect(token.lookBehind < 2048)
    }

    @Test func settledStretchEndsAtTheLastMatchOrHalfTheLookAhead() {
        let window = ConfirmationWindow(lookBehind: 100, lookAhead: 1000)
        let range = window.range(around: 500, in: 10_000)
        #expect(range == 400..<1500)
        #expect(window.settled(range, lastMatchEnd: nil) == 1000)
        #expect(window.settled(range, lastMatchEnd: 1400) == 1400)
        #expect(window.range(around: 50, in: 300) == 0..<300)
    }

    /// The second key starts inside the first key's window but ends beyond it.
    @Test(arguments: [2_000, 9_000, 14_000])
    func privateKeysCloserThanOneWindowAreEachFound(gap: Int) throws {
        let first = Self.rsaKey(lines: 40, seed: 1)
        let second = Self.rsaKey(lines: 60, seed: 500)
        let filler = String(repeating: "# padding line of ordinary text\n", count: gap / 32)
        let matches = try Self.scan("a: |\n" + first + "\n" + filler + second + "\n").filter { $0.ruleID == "pem-rsa-private-key" }
        #expect(matches.count == 2, "found \(matches.map(\.range))")
        #expect(matches.last?.secret.contains(Self.base64(64, seed: 559)) == true, "the second key is found whole")
    }

    @Test(arguments: [1_200, 2_000])
    func longJSONWebTokensAreFound(payloadBytes: Int) throws {
        let header = Data(#"{"alg":"RS256","typ":"JWT","kid":"k1"}"#.utf8).base64URLWithoutPadding
        let claims = #"{"sub":"svc-orders","groups":""# + Self.base64(payloadBytes, seed: 7, alphabet: "abcdefghijklmnopqrstuvwxyz,") + #""}"#
        let payload = Data(claims.utf8).base64URLWithoutPadding
        let signature = Self.base64(342, seed: 9, alphabet: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let token = header + "." + payload + "." + signature
        let matches = try Self.scan("Authorization: Bearer " + token + "\n")
        #expect(matches.map(\.ruleID) == ["json-web-token"])
        #expect(matches.first?.secret == token)
    }

    @Test func kubernetesStringDataFarBelowKindSecretIsFound() throws {
        let annotations = (0..<24).map { "    example.com/note-\($0): \"" + Self.base64(48, seed: UInt64($0), alphabet: "abcdefghij klmnop") + "\"" }
        let manifest = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-db\n  annotations:\n"
            + annotations.joined(separator: "\n") + "\ntype: Opaque\nstringData:\n  username: orders\n  password: rnxb7g_uBwtRZrkO\n"
        let prefix = manifest.utf8.count - manifest.utf8.split(separator: UInt8(ascii: "\n")).last!.count
        #expect(prefix > 1200, "the value sits more than 1 KiB after kind: Secret")
        let matches = try Self.scan(manifest)
        #expect(matches.contains { $0.ruleID == "kubernetes-secret-string-data" && $0.secret == "rnxb7g_uBwtRZrkO" }, "\(matches.map(\.ruleID))")
    }
}

private extension Data {
    var base64URLWithoutPadding: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
