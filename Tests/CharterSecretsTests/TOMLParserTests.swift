import CharterCore
@testable import CharterSecrets
import Testing

@Suite struct TOMLParserTests {
    static func parse(_ text: String) throws -> JSONValue {
        try TOMLParser.parse(text, file: "test.toml")
    }

    @Test func multilineBasicStringsTrimTheFirstNewlineAndLineEndingBackslashes() throws {
        let document = try Self.parse(#"""
            folded = """
            The quick \
                brown \

              fox."""
            lines = """
            line one
            line two
            """
            """#)
        #expect(document["folded"] == .string("The quick brown fox."))
        #expect(document["lines"] == .string("line one\nline two\n"))
        let spaced = try Self.parse("spaced = \"\"\"a \\   \n   b\"\"\"\n")
        #expect(spaced["spaced"] == .string("a b"), "whitespace after the backslash before the newline is trimmed too")
    }

    @Test func basicStringEscapes() throws {
        let document = try Self.parse(#"""
            text = "tab\tquote\"back\\slash\nnewline \u00e9 \U0001F600 \b\f\r"
            multi = """escapes \"work\" here\ttoo"""
            """#)
        #expect(document["text"] == .string("tab\tquote\"back\\slash\nnewline é 😀 \u{08}\u{0C}\r"))
        #expect(document["multi"] == .string("escapes \"work\" here\ttoo"))
    }

    @Test func literalStringsKeepBackslashes() throws {
        let document = try Self.parse(#"""
            path = 'C:\Users\nobody\t.txt'
            regex = '''
            (?i)\b(key)\s*=\s*'?([a-z]+)'''
            quoted = '''it's "fine"'''
            """#)
        #expect(document["path"] == .string(#"C:\Users\nobody\t.txt"#))
        #expect(document["regex"] == .string(#"(?i)\b(key)\s*=\s*'?([a-z]+)"#))
        #expect(document["quoted"] == .string(#"it's "fine""#))
    }

    @Test func quotesRightBeforeTheClosingDelimiterBelongToTheString() throws {
        let document = try Self.parse(#"""
            one = """ends with a quote""""
            two = '''ends with two'''''
            inner = """say ""hi"" twice"""
            """#)
        #expect(document["one"] == .string(#"ends with a quote""#))
        #expect(document["two"] == .string("ends with two''"))
        #expect(document["inner"] == .string(#"say ""hi"" twice"#))
    }

    @Test func arraysSpanLinesWithCommentsAndTrailingCommas() throws {
        let document = try Self.parse(#"""
            keywords = [
              "one", # the first
              'two',

              # a whole comment line
              """three""",
            ]
            nested = [[1, 2], ["a", 'b'],]
            empty = [ ]
            blank = [
            ]
            """#)
        #expect(document["keywords"] == .array([.string("one"), .string("two"), .string("three")]))
        #expect(document["nested"] == .array([.array([.number(1), .number(2)]), .array([.string("a"), .string("b")])]))
        #expect(document["empty"] == .array([]))
        #expect(document["blank"] == .array([]))
    }

    @Test func scalarsNumbersBooleansAndDates() throws {
        let document = try Self.parse("""
            answer = 42
            negative = -17
            big = 1_000_000
            pi = 3.14
            exponent = 5e+22
            yes = true
            no = false # trailing comment
            born = 1979-05-27T07:32:00Z
            day = 1979-05-27
            """)
        #expect(document["answer"] == .number(42))
        #expect(document["negative"] == .number(-17))
        #expect(document["big"] == .number(1_000_000))
        #expect(document["pi"] == .number(3.14))
        #expect(document["exponent"] == .number(5e22))
        #expect(document["yes"] == .bool(true))
        #expect(document["no"] == .bool(false))
        #expect(document["born"] == .string("1979-05-27T07:32:00Z"))
        #expect(document["day"] == .string("1979-05-27"))
    }

    @Test func dottedKeysQuotedKeysAndInlineTables() throws {
        let document = try Self.parse("""
            a.b.c = 1
            a.b.d = "two"
            site."example.com" = true
            'literal key' = 3
            point = { x = 1, y = "two", nested.z = false }
            none = {}
            """)
        #expect(document["a"]?["b"]?["c"] == .number(1))
        #expect(document["a"]?["b"]?["d"] == .string("two"))
        #expect(document["site"]?["example.com"] == .bool(true))
        #expect(document["literal key"] == .number(3))
        #expect(document["point"] == .object(["x": .number(1), "y": .string("two"), "nested": .object(["z": .bool(false)])]))
        #expect(document["none"] == .object([:]))
    }

    @Test func tablesAndArraysOfTables() throws {
        let document = try Self.parse("""
            title = "top"

            [server] # the server
            host = "localhost"

            [server.tls]
            enabled = true

            [[fruits]]
            name = "apple"

            [fruits.physical]
            color = "red"

            [[fruits.varieties]]
            name = "red delicious"

            [[fruits]]
            name = "banana"
            """)
        #expect(document["title"] == .string("top"))
        #expect(document["server"]?["host"] == .string("localhost"))
        #expect(document["server"]?["tls"]?["enabled"] == .bool(true))
        let fruits = try #require(document["fruits"]?.arrayValue)
        #expect(fruits.count == 2)
        #expect(fruits[0]["name"] == .string("apple"))
        #expect(fruits[0]["physical"]?["color"] == .string("red"))
        #expect(fruits[0]["varieties"]?.arrayValue?.first?["name"] == .string("red delicious"))
        #expect(fruits[1] == .object(["name": .string("banana")]))
    }

    @Test func windowsLineEndings() throws {
        let document = try Self.parse("a = 1\r\n[t]\r\nb = 'x' # c\r\nlist = [\r\n  2,\r\n]\r\n")
        #expect(document["a"] == .number(1))
        #expect(document["t"]?["b"] == .string("x"))
        #expect(document["t"]?["list"] == .array([.number(2)]))
    }

    @Test func emptyAndCommentOnlyDocuments() throws {
        #expect(try Self.parse("") == .object([:]))
        #expect(try Self.parse("# only a comment\n\n   \n") == .object([:]))
    }

    struct Failure: Sendable, CustomTestStringConvertible {
        let text: String
        let line: Int
        let says: String
        var testDescription: String { "line \(line): \(says)" }
    }

    @Test(arguments: [
        Failure(text: "a = 1\nb = \"unterminated\n", line: 2, says: "must end on its line"),
        Failure(text: "a = 1\n\n\nb = @oops\n", line: 4, says: "cannot read the value"),
        Failure(text: "x = 1\nx = 2\n", line: 2, says: "set twice"),
        Failure(text: "[t]\nk = 'v'\n[[t]]\n", line: 3, says: "not an array of tables"),
        Failure(text: "a = \"bad \\q escape\"\n", line: 1, says: "unknown escape"),
        Failure(text: "s = \"\"\"\nline\nline\n", line: 4, says: "unterminated"),
        Failure(text: "m = '''\na\nb'''\nbad\n", line: 4, says: "expected ="),
        Failure(text: "a = \"x\" b = 2\n", line: 1, says: "expected the end of the line"),
        Failure(text: "arr = [1, 2\n", line: 2, says: "expected , or ]"),
        Failure(text: "# header\n[table\n", line: 2, says: "expected ]"),
        Failure(text: "= 1\n", line: 1, says: "expected a key"),
        Failure(text: "ok = 1\nlit = 'no end\n", line: 2, says: "unterminated"),
        Failure(text: "u = \"\\uD800\"\n", line: 1, says: "bad \\u escape"),
        Failure(text: "a = 1\na.b = 2\n", line: 2, says: "a is a value, not a table"),
    ])
    func syntaxErrorsNameTheFileAndLine(failure: Failure) {
        #expect {
            try Self.parse(failure.text)
        } throws: { error in
            guard let error = error as? TOMLError else { return false }
            return error.file == "test.toml" && error.line == failure.line && error.message.contains(failure.says)
                && error.description.hasPrefix("test.toml:\(failure.line): ")
        }
    }

    /// Dates are kept as text, but anything else unquoted that begins with a digit should be refused.
    @Test(arguments: ["a = 1 b = 2\n", "entropy = 3.5.1\n", "count = 12abc\n"])
    func unquotedTextStartingWithADigitIsAnError(text: String) {
        #expect(throws: TOMLError.self) { try Self.parse(text) }
    }
}
