import CharterCore
import CharterTestSupport
import Foundation
import Testing

/// The cyberphone/json-canonicalization test vectors, checked out next to the package under
/// `../shared/corpora`. Skipped when absent, except on CI (`CI=true`) where they are required.
private enum JCSVectors {
    static let names = ["arrays", "french", "structures", "unicode", "values", "weird"]

    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // CharterCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("../shared/corpora/jcs-vectors/cyberphone-json-canonicalization/testdata")
        .standardizedFileURL

    static var shouldRun: Bool {
        FileManager.default.fileExists(atPath: directory.path) || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    static var skipReason: Comment {
        Comment(rawValue: "JCS vectors not found at \(directory.path); skipped (set CI=true to make their absence a failure)")
    }

    static func bytes(_ folder: String, _ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent("\(folder)/\(name).json")))
    }
}

@Suite("Canonical JSON (RFC 8785)")
struct CanonicalJSONTests {
    /// An RFC 8785 Appendix B number: an IEEE-754 bit pattern and its ECMAScript serialization.
    struct NumberCase: Sendable, CustomTestStringConvertible {
        var bits: UInt64
        var expected: String

        init(_ bits: UInt64, _ expected: String) {
            self.bits = bits
            self.expected = expected
        }

        var testDescription: String { "0x\(String(bits, radix: 16)) → \(expected)" }
    }

    @Test("JCS test vector", .enabled(if: JCSVectors.shouldRun, JCSVectors.skipReason), arguments: JCSVectors.names)
    func vector(name: String) throws {
        let input = try JCSVectors.bytes("input", name)
        let expected = try JCSVectors.bytes("output", name)

        let output = try CanonicalJSON.canonicalize(input, source: "\(name).json")

        // Compare bytes: String equality would ignore differences in Unicode normalization.
        #expect(output == expected, "got \(String(decoding: output, as: UTF8.self))")
        #expect(try CanonicalJSON.canonicalize(expected, source: "\(name).json") == expected, "not a fixed point")
    }

    @Test("every JCS vector in the corpus is exercised", .enabled(if: JCSVectors.shouldRun, JCSVectors.skipReason))
    func corpusHasNoUntestedVectors() throws {
        let files = try FileManager.default.contentsOfDirectory(
            atPath: JCSVectors.directory.appendingPathComponent("input").path)
        #expect(Set(files) == Set(JCSVectors.names.map { "\($0).json" }))
    }

    static let numberCases: [NumberCase] = [
        NumberCase(0x0000_0000_0000_0000, "0"),
        NumberCase(0x8000_0000_0000_0000, "0"),
        NumberCase(0x0000_0000_0000_0001, "5e-324"),
        NumberCase(0x8000_0000_0000_0001, "-5e-324"),
        NumberCase(0x7fef_ffff_ffff_ffff, "1.7976931348623157e+308"),
        NumberCase(0xffef_ffff_ffff_ffff, "-1.7976931348623157e+308"),
        NumberCase(0x4340_0000_0000_0000, "9007199254740992"),
        NumberCase(0xc340_0000_0000_0000, "-9007199254740992"),
        NumberCase(0x4430_0000_0000_0000, "295147905179352830000"),
        NumberCase(0x44b5_2d02_c7e1_4af5, "9.999999999999997e+22"),
        NumberCase(0x44b5_2d02_c7e1_4af6, "1e+23"),
        NumberCase(0x44b5_2d02_c7e1_4af7, "1.0000000000000001e+23"),
        NumberCase(0x444b_1ae4_d6e2_ef4e, "999999999999999700000"),
        NumberCase(0x444b_1ae4_d6e2_ef4f, "999999999999999900000"),
        NumberCase(0x444b_1ae4_d6e2_ef50, "1e+21"),
        NumberCase(0x3eb0_c6f7_a0b5_ed8c, "9.999999999999997e-7"),
        NumberCase(0x3eb0_c6f7_a0b5_ed8d, "0.000001"),
        NumberCase(0x41b3_de43_5555_5553, "333333333.3333332"),
        NumberCase(0x41b3_de43_5555_5554, "333333333.33333325"),
        NumberCase(0x41b3_de43_5555_5555, "333333333.3333333"),
        NumberCase(0x41b3_de43_5555_5556, "333333333.3333334"),
        NumberCase(0x41b3_de43_5555_5557, "333333333.33333343"),
        NumberCase(0xbecb_f647_612f_3696, "-0.0000033333333333333333"),
        NumberCase(0x4314_3ff3_c1cb_0959, "1424953923781206.2"),
        // Layout boundaries of Number::toString, checked against node's String(x).
        NumberCase(0x3ff8_0000_0000_0000, "1.5"),
        NumberCase(0x4059_0000_0000_0000, "100"),
        NumberCase(0x3ee4_f8b5_88e3_68f1, "0.00001"),
        NumberCase(0x3e7a_d7f2_9abc_af48, "1e-7"),
        NumberCase(0x3e80_0000_0000_0000, "1.1920928955078125e-7"),
        NumberCase(0x4415_af1d_78b5_8c40, "100000000000000000000"),
        NumberCase(0x4340_0000_0000_0001, "9007199254740994"),
        NumberCase(0x3fb9_9999_9999_999a, "0.1"),
        NumberCase(0x3fd5_5555_5555_5555, "0.3333333333333333"),
        NumberCase(0xc000_0000_0000_0000, "-2"),
    ]

    @Test("ES6 number serialization", arguments: numberCases)
    func number(_ example: NumberCase) throws {
        let value = Double(bitPattern: example.bits)
        #expect(try ECMAScriptNumber.string(value) == example.expected)
        #expect(try CanonicalJSON.string(.number(value)) == example.expected)
        let parsed = try #require(try JSONParser.parse(example.expected).doubleValue)
        #expect(parsed == value, "the canonical text does not parse back to the same number")
    }

    @Test("non-finite numbers cannot be encoded", arguments: [Double.nan, .infinity, -.infinity])
    func nonFinite(_ value: Double) {
        #expect(throws: ECMAScriptNumber.NonFiniteError.self) { try CanonicalJSON.encode(.number(value)) }
        #expect(throws: ECMAScriptNumber.NonFiniteError.self) { try CanonicalJSON.encode(["a": [.number(value)]]) }
    }

    @Test("shortest round-trip digits for pseudo-random doubles")
    func randomDoublesRoundTrip() throws {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = try ECMAScriptNumber.string(value)
            let parsed = try #require(try JSONParser.parse(text).doubleValue, "\(text)")
            #expect(parsed == value, "\(value.bitPattern) → \(text)")
        }
    }

    @Test("object members are sorted by UTF-16 code units, not code points")
    func keyOrder() throws {
        let value: JSONValue = [
            "\u{FB33}": 1, "\u{1F602}": 2, "\u{E000}": 3, "\u{10000}": 4, "a": 5, "B": 6, "\u{D7FF}": 7, "": 8, "ab": 9,
        ]
        let expected = #"{"":8,"B":6,"a":5,"ab":9,"\#u{D7FF}":7,"\#u{10000}":4,"\#u{1F602}":2,"\#u{E000}":3,"\#u{FB33}":1}"#
        #expect(try CanonicalJSON.string(value).utf8.elementsEqual(expected.utf8))
        // U+1F602 (D83D DE02 in UTF-16) sorts before U+FB33 although its code point is larger.
        #expect(CanonicalJSON.keyPrecedes("\u{1F602}", "\u{FB33}"))
        #expect(!CanonicalJSON.keyPrecedes("\u{FB33}", "\u{1F602}"))
        #expect(CanonicalJSON.keyPrecedes("\u{D7FF}", "\u{10000}"))
        #expect(CanonicalJSON.keyPrecedes("a", "ab"))
        #expect(!CanonicalJSON.keyPrecedes("a", "a"))
    }

    @Test("key order agrees with comparing UTF-16 code units")
    func keyOrderMatchesUTF16() {
        let samples = ["", "a", "ab", "b", "B", "é", "e\u{301}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFF}",
                       "\u{10000}", "\u{1F602}", "\u{10FFFF}", "a\u{1F602}", "a\u{FB33}", "\u{FB33}b", "\u{1F602}a"]
        for lhs in samples {
            for rhs in samples {
                #expect(
                    CanonicalJSON.keyPrecedes(lhs, rhs) == lhs.utf16.lexicographicallyPrecedes(rhs.utf16),
                    "\(CanonicalJSON.quoted(lhs)) vs \(CanonicalJSON.quoted(rhs))")
            }
        }
    }

    @Test(
        "strings are escaped as JSON.stringify escapes them",
        arguments: [
            ("\u{8}\t\n\u{C}\r", #""\b\t\n\f\r""#),
            ("\"\\", #""\"\\""#),
            ("a/b", #""a/b""#),
            ("\u{0}\u{1}\u{1F}", #""\u0000\u0001\u001f""#),
            ("\u{7F}", "\"\u{7F}\""),
            ("é€😂", "\"é€😂\""),
            ("\u{2028}\u{2029}", "\"\u{2028}\u{2029}\""),
            ("</script>", #""</script>""#),
            ("", #""""#),
        ]
    )
    func escaping(raw: String, expected: String) throws {
        #expect(CanonicalJSON.quoted(raw).utf8.elementsEqual(expected.utf8), "\(CanonicalJSON.quoted(raw))")
        #expect(try CanonicalJSON.string(.string(raw)).utf8.elementsEqual(expected.utf8))
        #expect(try JSONParser.parse(expected) == .string(raw))
    }

    @Test("no whitespace and nested structure")
    func layout() throws {
        let text = "{ \"b\" : [ 1 , 2.50 , { \"d\" : null , \"c\" : true } ] , \"a\" : \"x\" }"
        let canonical = try CanonicalJSON.canonicalize(Array(text.utf8), source: "layout")
        #expect(String(decoding: canonical, as: UTF8.self) == #"{"a":"x","b":[1,2.5,{"c":true,"d":null}]}"#)
    }

    @Test("canonicalize reports parse errors with their source")
    func canonicalizeError() {
        #expect(throws: JSONParseError(source: "entry.json", line: 1, column: 6, message: "expected ',' or ']' after an array element, found 'x'")) {
            try CanonicalJSON.canonicalize(Array("[1, 2x]".utf8), source: "entry.json")
        }
    }
}
