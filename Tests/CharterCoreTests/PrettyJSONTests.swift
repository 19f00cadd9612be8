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

    @Test func roundTripsThroughTheParser() throws {
        let value: JSONValue = .object(["list": .array([.number(-0.5), .number(12_345_678_901), .string("\u{1}")]), "nested": .object(["x": .null])])
        #expect(try JSONParser.parse(PrettyJSON.encode(value), source: "test") == value)
    }
}
