@testable import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

@Suite struct DecodingTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let encoded: String
        let decoded: [UInt8]?
        init(_ encoded: String, _ decoded: String?) {
            self.encoded = encoded
            self.decoded = decoded.map { Array($0.utf8) }
        }
        init(_ encoded: String, bytes: [UInt8]?) {
            self.encoded = encoded
            self.decoded = bytes
        }
        var testDescription: String { "\"\(encoded)\"" }
    }

    static func run(_ decoder: (UnsafeRawBufferPointer) -> [UInt8]?, _ text: String) -> [UInt8]? {
        Array(text.utf8).withUnsafeBytes { decoder($0) }
    }

    /// RFC 4648 §10, padded and unpadded, plus URL-safe and malformed input.
    static let base64: [Vector] = [
        Vector("", ""),
        Vector("Zg==", "f"), Vector("Zm8=", "fo"), Vector("Zm9v", "foo"),
        Vector("Zm9vYg==", "foob"), Vector("Zm9vYmE=", "fooba"), Vector("Zm9vYmFy", "foobar"),
        Vector("Zg", "f"), Vector("Zm8", "fo"), Vector("Zm9vYg", "foob"),
        Vector("+/8=", bytes: [0xFB, 0xFF]), Vector("-_8=", bytes: [0xFB, 0xFF]), Vector("-_8", bytes: [0xFB, 0xFF]),
        Vector("P/8+", bytes: [0x3F, 0xFF, 0x3E]), Vector("P_8-", bytes: [0x3F, 0xFF, 0x3E]),
        Vector("Z", nil), Vector("Zm9vY", nil), Vector("Zm9v!", nil), Vector("Zm 9v", nil), Vector("Zm9v\n", nil),
    ]

    @Test(arguments: base64)
    func base64Vectors(vector: Vector) {
        #expect(Self.run(Base64Decoder.decode, vector.encoded) == vector.decoded)
    }

    @Test func base64RoundTripsRandomBytes() {
        var generator = SplitMix64(seed: 42)
        for length in 0..<64 {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let standard = Data(bytes).base64EncodedString()
            let urlSafe = standard.replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            let unpadded = urlSafe.replacingOccurrences(of: "=", with: "")
            #expect(Self.run(Base64Decoder.decode, standard) == bytes)
            #expect(Self.run(Base64Decoder.decode, urlSafe) == bytes)
            #expect(Self.run(Base64Decoder.decode, unpadded) == bytes)
        }
    }

    static let hex: [Vector] = [
        Vector("", ""), Vector("666f6f", "foo"), Vector("666F6F626172", "foobar"),
        Vector("deadBEEF", bytes: [0xDE, 0xAD, 0xBE, 0xEF]), Vector("00ff", bytes: [0x00, 0xFF]),
        Vector("abc", nil), Vector("zz", nil), Vector("0g", nil), Vector("12 4", nil),
    ]

    @Test(arguments: hex)
    func hexVectors(vector: Vector) {
        #expect(Self.run(HexDecoder.decode, vector.encoded) == vector.decoded)
    }

    static let percent: [Vector] = [
        Vector("plain", "plain"), Vector("a%20b", "a b"), Vector("%2F%2f", "//"),
        Vector("user%3Apass%40host", "user:pass@host"), Vector("100%25", "100%"), Vector("a+b", "a+b"),
        Vector("%", nil), Vector("%2", nil), Vector("abc%4", nil), Vector("%zz", nil), Vector("%G0", nil),
    ]

    @Test(arguments: percent)
    func percentVectors(vector: Vector) {
        #expect(Self.run(PercentDecoder.decode, vector.encoded) == vector.decoded)
    }

    // MARK: - Encoded segments

    static func segments(in text: String) -> [EncodedSegments.Segment] {
        Array(text.utf8).withUnsafeBytes { EncodedSegments.find(in: $0) }
    }

    static func slice(_ text: String, _ range: Range<Int>) -> String {
        String(decoding: Array(text.utf8)[range], as: UTF8.self)
    }

    @Test func findsABase64SegmentThatDecodesToText() throws {
        let plain = "connection: host=db.internal user=app " + FakeSecrets.characters(24, seed: 1)
        let encoded = FakeSecrets.base64(plain)
        let text = "value: \(encoded)\n"
        let segment = try #require(Self.segments(in: text).first { $0.encoding == .base64 })
        #expect(Self.slice(text, segment.range) == encoded, "the range covers the encoded run, padding included")
        #expect(segment.decoded == Array(plain.utf8))
    }

    /// The pass probes every 24th byte and skips words by one byte a full run past their start;
    /// a run is found wherever it starts relative to the probes and whatever comes before it.
    @Test(arguments: 0..<48)
    func findsARunAtEveryOffsetAfterWordsAndNearMisses(offset: Int) throws {
        let encoded = FakeSecrets.base64("user=app password=" + FakeSecrets.characters(12, seed: UInt64(offset)))
        let nearMiss = String(repeating: "w", count: EncodedSegments.minimumBase64Length - 1)
        let prefix = String("let value = compute(x) ".prefix(offset % 24)) + String(repeating: "ab ", count: offset / 24) + nearMiss + " "
        let text = prefix + encoded + " done\n"
        let segments = Self.segments(in: text)
        #expect(segments.count == 1)
        let segment = try #require(segments.first)
        #expect(Self.slice(text, segment.range) == encoded)
    }

    @Test func rejectsBase64ThatDecodesToBinary() {
        var generator = SplitMix64(seed: 7)
        let binary = (0..<48).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let text = "blob: \(Data(binary).base64EncodedString())\n"
        #expect(Self.segments(in: text).isEmpty)
    }

    @Test func ignoresRunsTooShortToHoldASecret() {
        let short = FakeSecrets.base64("only ten b") // 16 characters
        #expect(short.count < EncodedSegments.minimumBase64Length)
        #expect(Self.segments(in: "x: \(short)\n").isEmpty)
    }

    @Test func findsHexAndPercentSegments() throws {
        let hexPlain = "api endpoint secret value here"
        let hexText = "blob=" + FakeSecrets.hex(hexPlain) + ";"
        let hexSegment = try #require(Self.segments(in: hexText).first)
        #expect(hexSegment.encoding == .hex)
        #expect(hexSegment.decoded == Array(hexPlain.utf8))
        #expect(Self.slice(hexText, hexSegment.range) == FakeSecrets.hex(hexPlain))

        let url = "postgres%3A%2F%2Fapp%3Apassword%40db"
        let percentText = "DSN=\(url) more"
        let percentSegment = try #require(Self.segments(in: percentText).first)
        #expect(percentSegment.encoding == .percent)
        #expect(String(decoding: percentSegment.decoded, as: UTF8.self) == "postgres://app:password@db")
        #expect(Self.slice(percentText, percentSegment.range) == url)
    }

    @Test(arguments: [
        ("hello world", true), ("tab\tand\r\nnewlines", true), ("short", false),
        ("bell\u{07}character", false), ("delete\u{7F}char", false), ("café au lait", false),
    ])
    func textMeansPrintableAscii(sample: String, isText: Bool) {
        #expect(EncodedSegments.isText(Array(sample.utf8)) == isText)
    }

    // MARK: - Through the engine

    static func kubernetesSecret(_ value: String) -> String {
        """
        apiVersion: v1
        kind: Secret
        metadata:
          name: app-credentials
          namespace: production
        type: Opaque
        data:
          username: \(FakeSecrets.base64("service-account"))
          api-token: \(value)

        """
    }

    static func scan(_ text: String, decodeDepth: Int) throws -> [SecretMatch] {
        let scanner = try SecretEngine(rules: [FakeSecrets.tokenRule]).makeScanner()
        return try Array(text.utf8).withUnsafeBytes { try scanner.scan($0, decodeDepth: decodeDepth) }
    }

    /// `echo tok_… | base64`: the trailing newline makes the value end in `=` padding.
    @Test func findsASecretBase64EncodedInAKubernetesSecret() throws {
        let token = FakeSecrets.token(seed: 11)
        let encoded = FakeSecrets.base64(token + "\n")
        #expect(encoded.hasSuffix("="))
        let manifest = Self.kubernetesSecret(encoded)
        #expect(!manifest.contains(token))

        let match = try #require(try Self.scan(manifest, decodeDepth: 2).first)
        #expect(match.ruleID == FakeSecrets.tokenRule.id)
        #expect(match.secret == token)
        #expect(match.encoding == [.base64])
        #expect(Self.slice(manifest, match.range) == encoded, "the range points at the encoded value in the original bytes")
    }

    @Test func decodeDepthZeroLooksOnlyAtPlainText() throws {
        let token = FakeSecrets.token(seed: 12)
        let manifest = Self.kubernetesSecret(FakeSecrets.base64(token))
        #expect(try Self.scan(manifest, decodeDepth: 0).isEmpty)
        #expect(try Self.scan(manifest, decodeDepth: 1).count == 1)
    }

    @Test func nestedEncodingsNeedOneLayerOfDepthEach() throws {
        let token = FakeSecrets.token(seed: 13)
        let twice = FakeSecrets.base64("inner: " + FakeSecrets.base64(token))
        let text = "blob: \(twice)\n"
        #expect(try Self.scan(text, decodeDepth: 1).isEmpty)
        let match = try #require(try Self.scan(text, decodeDepth: 2).first)
        #expect(match.encoding == [.base64, .base64])
        #expect(Self.slice(text, match.range) == twice)
    }

    @Test func hexAndPercentEncodedSecretsAreFound() throws {
        let token = FakeSecrets.token(seed: 14)
        let hexText = "secret_hex = \(FakeSecrets.hex(token))\n"
        let hexMatch = try #require(try Self.scan(hexText, decodeDepth: 1).first)
        #expect(hexMatch.encoding == [.hex])
        #expect(hexMatch.secret == token)

        let percentText = "url=https%3A%2F%2Fapi%2Fv1%3Ftoken%3D\(token)%26x%3D1\n"
        let percentMatch = try #require(try Self.scan(percentText, decodeDepth: 1).first)
        #expect(percentMatch.encoding == [.percent])
        #expect(percentMatch.secret == token)
    }

    @Test func aPlainSecretIsNotReportedTwiceWhenItsEncodingIsAlsoPresent() throws {
        let token = FakeSecrets.token(seed: 15)
        let text = "plain: \(token)\nencoded: \(FakeSecrets.base64(token))\n"
        let matches = try Self.scan(text, decodeDepth: 2)
        #expect(matches.count == 1)
        #expect(matches.first?.encoding == [])
    }
}
