import CharterCore
import Foundation
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    private struct Entry: Codable, Equatable {
        var id: String
        var count: Int
        var ratio: Double
        var tags: [String]
        var note: String?
    }

    @Test("accessors return the payload only for the matching case")
    func accessors() {
        let value: JSONValue = ["s": "x", "n": 2.5, "b": true, "a": [1], "o": ["k": .null]]
        #expect(value["s"]?.stringValue == "x")
        #expect(value["n"]?.doubleValue == 2.5)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["o"]?.objectValue == ["k": .null])
        #expect(value["missing"] == nil)
        #expect(value["s"]?.doubleValue == nil)
        #expect(JSONValue.array([1])["s"] == nil)
        #expect(JSONValue.null.stringValue == nil)
    }

    @Test("Codable values convert through JSONValue and back")
    func codableRoundTrip() throws {
        let entry = Entry(id: "a/b", count: 3, ratio: 0.1, tags: ["x", "é"], note: nil)
        let value = try JSONValue(encoding: entry)
        #expect(value == ["id": "a/b", "count": 3, "ratio": 0.1, "tags": ["x", "é"]])
        #expect(try value.decode(Entry.self) == entry)
        #expect(try CanonicalJSON.string(value) == #"{"count":3,"id":"a/b","ratio":0.1,"tags":["x","é"]}"#)
    }

    @Test("custom encoders and decoders are honoured")
    func customCoders() throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let value = try JSONValue(encoding: ["at": Date(timeIntervalSince1970: 0)], encoder: encoder)
        #expect(value == ["at": "1970-01-01T00:00:00Z"])

        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try value.decode([String: Date].self, decoder: decoder) == ["at": Date(timeIntervalSince1970: 0)])
    }

    @Test("encoding an integer that canonical JSON cannot hold exactly fails")
    func inexactIntegerEncoding() {
        #expect(throws: JSONParseError.self) { try JSONValue(encoding: ["big": UInt64.max]) }
    }
}
