import CharterCore
import Testing

@Suite struct PrettyJSONTests {
    @Test func indentsSortsAndKeepsIntegersIntegral() {
        let value: JSONValue = .object([
            "b": .array([.number(1), .number(9.8), .string("a/b \"q\" é\n")]),
            "B": .object([:]),
            "a": .array([]),
            "n": .null,
            "t": .bool(true),
        ])
        let text = String(decoding: PrettyJSON.encode(value), as: UTF8.self)
        #expect(text == """
            {
              "B" : {},
              "a" : [],
              "b" : [
                1,
                9.8,
                "a/b \\"q\\" é\\n"
              ],
              "n" : null,
              "t" : true
            }

            """)
    }

    /// Streaming one member's elements writes exactly what encoding the whole object would.
    @Test(arguments: [0, 1, 3])
    func streamingAnArrayMemberWritesTheSameBytes(count: Int) {
        let elements: [JSONValue] = (0..<count).map { .object(["n": .number(Double($0)), "tags": .array([.string("a")])]) }
        let others: [String: JSONValue] = ["zeta": .bool(false), "alpha": .array([]), "mid": .string("x")]
        var whole = others
        whole["list"] = .array(elements)
        #expect(PrettyJSON.encode(others, streaming: "list", fragments: elements.map { PrettyJSON.fragment($0, indent: 4) }) == PrettyJSON.encode(.object(whole)))
    }

    @Test func roundTripsThroughTheParser() throws {
        let value: JSONValue = .object(["list": .array([.number(-0.5), .number(12_345_678_901), .string("\u{1}")]), "nested": .object(["x": .null])])
        #expect(try JSONParser.parse(PrettyJSON.encode(value), source: "test") == value)
    }
}
