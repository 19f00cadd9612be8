import CharterCore
import Foundation
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    /// Input the parser must reject, with where and why.
    struct BadInput: Sendable, CustomTestStringConvertible {
        var label: String
        var bytes: [UInt8]
        var line: Int
        var column: Int
        var fragment: String

        init(_ label: String, _ text: String, _ line: Int, _ column: Int, _ fragment: String) {
            self.init(label, bytes: Array(text.utf8), line, column, fragment)
        }

        init(_ label: String, bytes: [UInt8], _ line: Int, _ column: Int, _ fragment: String) {
            self.label = label
            self.bytes = bytes
            self.line = line
            self.column = column
            self.fragment = fragment
        }

        var testDescription: String { label }
    }

    static let badInputs: [BadInput] = [
        BadInput("empty", "", 1, 1, "empty input"),
        BadInput("only whitespace", "  \n  ", 2, 3, "empty input"),
        BadInput("missing comma in object", #"{"a":1 "b":2}"#, 1, 8, "expected ',' or '}' after an object member"),
        BadInput("missing comma in array", "[1 2]", 1, 4, "expected ',' or ']' after an array element"),
        BadInput("colon in array", #"["a" : 1]"#, 1, 6, "expected ',' or ']' after an array element, found ':'"),
        BadInput("unterminated string", #""abc"#, 1, 1, "unterminated string"),
        BadInput("backslash at end", #""\"#, 1, 1, "unterminated string"),
        BadInput("unknown escape", #""a\qb""#, 1, 3, #"invalid escape \q"#),
        BadInput("duplicate key", #"{"a":1,"a":2}"#, 1, 8, #"duplicate key "a""#),
        BadInput("trailing data", #"{"a":1}x"#, 1, 8, "trailing data after the JSON value"),
        BadInput("byte order mark", bytes: [0xEF, 0xBB, 0xBF, 0x7B, 0x7D], 1, 1, "byte order mark"),
        BadInput("trailing comma in array", "[1,]", 1, 4, "trailing commas are not allowed"),
        BadInput("trailing comma in object", #"{"a":1,}"#, 1, 8, "trailing commas are not allowed"),
        BadInput("missing colon", #"{"a" 1}"#, 1, 6, "expected ':' after an object key"),
        BadInput("unquoted key", "{1:2}", 1, 2, "expected a string key or '}'"),
        BadInput("leading zero", "[01]", 1, 2, "leading zeros are not allowed"),
        BadInput("bare decimal point", "[1.]", 1, 4, "expected a digit after the decimal point"),
        BadInput("empty exponent", "1e", 1, 3, "expected a digit in the exponent"),
        BadInput("lone minus", "-", 1, 2, "expected a digit after '-'"),
        BadInput("plus sign", "+1", 1, 1, "expected a JSON value, found '+'"),
        BadInput("NaN", "NaN", 1, 1, "NaN and Infinity are not valid JSON"),
        BadInput("negative infinity", "[-Infinity]", 1, 2, "NaN and Infinity are not valid JSON"),
        BadInput("overflow", "[1e400]", 1, 2, "overflows to infinity"),
        BadInput("misspelt literal", "[tru]", 1, 2, "expected 'true'"),
        BadInput("raw newline in string", "\"a\nb\"", 1, 3, "control character U+000A"),
        BadInput("short \\u escape", #""\u12G4""#, 1, 2, "expected 4 hex digits"),
        BadInput("\\u at end", #""\u""#, 1, 2, "expected 4 hex digits"),
        BadInput("lone high surrogate", #""\uD83D""#, 1, 2, #"unpaired UTF-16 surrogate \uD83D"#),
        BadInput("lone low surrogate", #""x\uDE02""#, 1, 3, #"unpaired UTF-16 surrogate \uDE02"#),
        BadInput("high surrogate then BMP", #""\uD83D\u0041""#, 1, 2, #"unpaired UTF-16 surrogate \uD83D"#),
        BadInput("invalid UTF-8 byte", bytes: [0x22, 0x61, 0xFF, 0x22], 1, 3, "invalid UTF-8 in string: unexpected byte 0xFF"),
        BadInput("overlong UTF-8", bytes: [0x22, 0xC0, 0xAF, 0x22], 1, 2, "invalid UTF-8 in string: unexpected byte 0xC0"),
        BadInput("UTF-8 encoded surrogate", bytes: [0x22, 0xED, 0xA0, 0x80, 0x22], 1, 3, "unexpected byte 0xA0"),
        BadInput("truncated UTF-8", bytes: [0x22, 0xE2, 0x82], 1, 2, "truncated sequence"),
        BadInput("invalid UTF-8 outside a string", bytes: [0x5B, 0xFF, 0x5D], 1, 2, "invalid UTF-8 byte 0xFF"),
        BadInput("error on a later line", "{\n  \"a\": [1,\n    2,,\n  ]\n}", 3, 7, "expected a JSON value, found ','"),
        BadInput("CRLF line endings", "{\r\n\"a\" 1}", 2, 5, "expected ':' after an object key"),
        BadInput("columns count characters", "[\"é\" x]", 1, 6, "found 'x'"),
        BadInput("smart quotes", "{“a”: 1}", 1, 2, "found '“' (U+201C)"),
        BadInput("integer above 2^53", "9007199254740993", 1, 1, "quote it as a string"),
        BadInput("big integer on a later line", "[1,\n 12345678901234567890]", 2, 2, "cannot be represented exactly"),
    ]

    @Test("rejects malformed input with its position", arguments: badInputs)
    func rejects(_ input: BadInput) throws {
        let error = try #require(throws: JSONParseError.self) {
            try JSONParser.parse(input.bytes, source: "case.json")
        }
        #expect(error.source == "case.json")
        #expect(error.line == input.line, "\(error)")
        #expect(error.column == input.column, "\(error)")
        #expect(error.message.contains(input.fragment), "\(error)")
    }

    @Test("errors read as source:line:column: message and are input failures")
    func errorDescription() throws {
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse("[1,\n2 3]", source: "ledger.json") }
        #expect(error.description == "ledger.json:2:3: expected ',' or ']' after an array element, found '3'")
        #expect(error.category == .input)
        #expect(String(describing: error as any CharterFailure) == error.description)
    }

    @Test("duplicate keys are rejected per object, including Unicode-equivalent spellings")
    func duplicateKeys() throws {
        #expect(try JSONParser.parse(#"{"a":1,"b":{"a":2}}"#)["b"]?["a"] == 2)
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse(#"{"\u00e9":1,"e\u0301":2}"#) }
        #expect(error.message.contains("duplicate key"))
        #expect(error.message.contains("Unicode-equivalent"))
        #expect(error.column == 13)
    }

    @Test("nesting is limited to 512 levels", arguments: [("[", "]"), (#"{"k":"#, "}")])
    func depthLimit(open: String, close: String) throws {
        func nested(_ depth: Int) -> String {
            let innermost = open == "[" ? "[]" : "{}"
            return String(repeating: open, count: depth - 1) + innermost + String(repeating: close, count: depth - 1)
        }
        let deepest = try JSONParser.parse(nested(JSONParser.maximumDepth))
        #expect(try CanonicalJSON.string(deepest) == nested(JSONParser.maximumDepth))

        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse(nested(JSONParser.maximumDepth + 1)) }
        #expect(error.message.contains("nesting is deeper than 512 levels"))
        #expect(error.column == open.count * JSONParser.maximumDepth + 1)
    }

    @Test(
        "integers beyond 2^53 are rejected when strict unless canonical JSON reproduces them",
        arguments: [
            ("9007199254740992", true, 9_007_199_254_740_992.0),
            ("-9007199254740992", true, -9_007_199_254_740_992.0),
            ("1234567890123456", true, 1_234_567_890_123_456.0),
            ("9007199254740993", false, 9_007_199_254_740_992.0),
            ("-9007199254740993", false, -9_007_199_254_740_992.0),
            ("12345678901234567890", false, 12_345_678_901_234_567_890.0),
            ("18446744073709551616", false, 18_446_744_073_709_551_616.0),
            ("1000000000000000000000", false, 1e21),  // canonical JSON writes 1e+21
            // Exactly what canonical JSON prints for these doubles, so nothing is lost.
            ("9007199254740994", true, 9_007_199_254_740_994.0),
            ("100000000000000000000", true, 1e20),
            ("295147905179352830000", true, 0x1p68),
            ("-999999999999999700000", true, -999_999_999_999_999_700_000.0),
            // A fraction or exponent says the author accepts a binary approximation.
            ("9007199254740993.0", true, 9_007_199_254_740_992.0),
            ("1e300", true, 1e300),
        ] as [(String, Bool, Double)]
    )
    func bigIntegers(text: String, strictAccepts: Bool, expected: Double) throws {
        #expect(try JSONParser.parse(text, options: .lenient) == .number(expected))
        if strictAccepts {
            #expect(try JSONParser.parse(text) == .number(expected))
        } else {
            let error = try #require(throws: JSONParseError.self) { try JSONParser.parse(text, options: .strict) }
            #expect(error.message.contains("cannot be represented exactly in canonical JSON"), "\(error)")
            #expect(error.message.contains("quote it as a string (\"\(text)\")"), "\(error)")
        }
    }

    @Test(
        "numbers parse to the correctly rounded double",
        arguments: [
            ("2.2250738585072011e-308", 0x000f_ffff_ffff_ffff),
            ("1.00000000000000011102230246251565404236316680908203125", 0x3ff0_0000_0000_0000),
            ("1.00000000000000011102230246251565404236316680908203126", 0x3ff0_0000_0000_0001),
            ("0.1", 0x3fb9_9999_9999_999a),
            ("-0", 0x8000_0000_0000_0000),
            ("1E+2", 0x4059_0000_0000_0000),
            ("1e-400", 0x0000_0000_0000_0000),
            ("123456789012345678901234567890e-10", 0x43e5_6a95_319d_63e1),
            ("2.4703282292062328e-324", 0x0000_0000_0000_0001),
            ("2.4703282292062327e-324", 0x0000_0000_0000_0000),
            ("-1.5e-7", 0xbe84_21f5_f40d_8376),
            ("1.7976931348623158e308", 0x7fef_ffff_ffff_ffff),
        ] as [(String, UInt64)]
    )
    func numberValues(text: String, bits: UInt64) throws {
        let value = try #require(try JSONParser.parse(text).doubleValue)
        #expect(value.bitPattern == bits, "\(text) parsed as \(value)")
    }

    @Test("strings: escapes, surrogate pairs and every valid UTF-8 length")
    func strings() throws {
        #expect(try JSONParser.parse(#""\uD83D\uDE02""#) == "😂")
        #expect(try JSONParser.parse(#""\u00e9\u0041\/\"\\\b\f\n\r\t""#) == "éA/\"\\\u{8}\u{C}\n\r\t")
        #expect(try JSONParser.parse(#""\u0000""#) == "\u{0}")
        #expect(try JSONParser.parse("\"\u{7F}\"") == "\u{7F}")
        let boundaries: [UInt32] = [0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF]
        for value in boundaries {
            let scalar = try #require(Unicode.Scalar(value))
            let text = "\"\(scalar)\""
            #expect(try JSONParser.parse(Array(text.utf8)) == .string(String(scalar)), "U+\(String(value, radix: 16))")
        }
    }

    @Test(
        "invalid UTF-8 inside strings is rejected",
        arguments: [
            [0xC1, 0xBF], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0x80], [0xBF], [0xFE], [0xFF], [0xC2], [0xE2, 0x82],
        ] as [[UInt8]]
    )
    func invalidUTF8(sequence: [UInt8]) throws {
        let error = try #require(throws: JSONParseError.self) { try JSONParser.parse([0x22] + sequence + [0x22]) }
        #expect(error.message.contains("invalid UTF-8"), "\(error)")
    }

    @Test("surrounding whitespace and top-level scalars are accepted")
    func topLevel() throws {
        #expect(try JSONParser.parse(" \t\r\n{}\n ") == [:])
        #expect(try JSONParser.parse("1") == 1)
        #expect(try JSONParser.parse("\"x\"") == "x")
        #expect(try JSONParser.parse("null") == .null)
        #expect(try JSONParser.parse("[true,false]") == [true, false])
    }

    @Test("the String, Data and byte overloads agree")
    func overloads() throws {
        let text = #"{"b":[1,2.5,"é"],"a":null}"#
        let fromString = try JSONParser.parse(text)
        #expect(try JSONParser.parse(Data(text.utf8)) == fromString)
        #expect(try JSONParser.parse(Array(text.utf8)) == fromString)
        #expect(fromString == ["a": .null, "b": [1, 2.5, "é"]])
    }

    static let roundTripValues: [JSONValue] = [
        .null, true, 0, -0.5, 1e21, .number(.leastNonzeroMagnitude), "", "line\nbreak \u{1F}\u{7F} \"quoted\" \\ é 😂",
        [], [:], [1, [2, [3, [:]]]],
        ["z": 1, "a": ["nested": [true, .null, "x"]], "\u{1F602}": -1.5e-7, "\u{FB33}": 9_007_199_254_740_992],
    ]

    @Test("parse(canonical(v)) == v, and canonical form is a fixed point", arguments: roundTripValues)
    func roundTrip(_ value: JSONValue) throws {
        let canonical = try CanonicalJSON.encode(value)
        let reparsed = try JSONParser.parse(canonical)
        #expect(reparsed == value)
        #expect(try CanonicalJSON.encode(reparsed) == canonical)
        #expect(try CanonicalJSON.canonicalize(canonical, source: "round-trip") == canonical)
    }

    @Test("pretty-printed and canonical forms parse to the same value", arguments: roundTripValues)
    func prettyPrintedRoundTrip(_ value: JSONValue) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        let pretty = try encoder.encode(PrettyJSON(value: value))
        #expect(try JSONParser.parse(pretty) == value)
    }
}

/// Re-encodes a `JSONValue` through Foundation's encoder to get independently formatted text.
private struct PrettyJSON: Encodable {
    var value: JSONValue

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .null: try container.encodeNil()
        case .bool(let flag): try container.encode(flag)
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        case .array(let elements): try container.encode(elements.map(PrettyJSON.init))
        case .object(let members): try container.encode(members.mapValues(PrettyJSON.init))
        }
    }
}
