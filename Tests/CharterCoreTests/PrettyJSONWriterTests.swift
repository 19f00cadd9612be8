@testable import CharterCore
import Testing

/// The member-by-member writer writes exactly the bytes `PrettyJSON` writes for the same value.
@Suite struct PrettyJSONWriterTests {
    static let documents: [JSONValue] = [
        .object([:]),
        .array([]),
        .string("plain"),
        .object(["b": .number(1), "a": .array([.string("x\n\"y\""), .null, .bool(true), .number(9.8), .number(-0.5), .object([:])]), "c": .array([])]),
        .object(["vulnerabilities": .array([.object(["id": .string("GHSA-1"), "severity": .object(["score": .number(7.5), "rating": .string("high")]), "aliases": .array([])])]),
                 "name": .string("ünïcode / slash"), "line": .number(12), "direct": .null]),
        .array([.array([.array([.number(1e21), .number(123456789012)])])]),
    ]

    @Test(arguments: documents)
    func writesWhatPrettyJSONWrites(document: JSONValue) {
        var writer = PrettyJSONWriter(indent: 4)
        Self.write(document, to: &writer)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == String(decoding: PrettyJSON.fragment(document, indent: 4), as: UTF8.self))
    }

    private static func write(_ value: JSONValue, to writer: inout PrettyJSONWriter) {
        switch value {
        case .null: writer.null()
        case .bool(let flag): writer.bool(flag)
        case .number(let number): writer.number(number)
        case .string(let text): writer.string(text)
        case .array(let elements):
            writer.beginArray()
            elements.forEach { write($0, to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for (key, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                writer.key(key)
                write(member, to: &writer)
            }
            writer.endObject()
        }
    }
}
