import CharterCore
import Foundation

/// Writes a command's result: JSON (sorted keys, pretty) with `--json`, text otherwise.
enum Output {
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        FileStream.standardOutput.write(String(decoding: try encoder.encode(value), as: UTF8.self) + "\n")
    }

    static func json(_ value: JSONValue) throws {
        try json(JSONValueEncodable(value: value))
    }

    static func text(_ text: String) {
        FileStream.standardOutput.write(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// A note for the human on standard error, so it never mixes into JSON on standard output.
    static func notice(_ text: String) {
        FileStream.standardError.write(text + "\n")
    }
}

/// Lets a `JSONValue` go through `JSONEncoder` (numbers keep integer form when integral).
struct JSONValueEncodable: Encodable {
    let value: JSONValue

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let flag):
            var container = encoder.singleValueContainer()
            try container.encode(flag)
        case .number(let number):
            var container = encoder.singleValueContainer()
            if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
                try container.encode(Int64(number))
            } else {
                try container.encode(number)
            }
        case .string(let text):
            var container = encoder.singleValueContainer()
            try container.encode(text)
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(JSONValueEncodable(value: item)) }
        case .object(let members):
            var container = encoder.container(keyedBy: DynamicKey.self)
            for (key, item) in members { try container.encode(JSONValueEncodable(value: item), forKey: DynamicKey(key)) }
        }
    }

    private struct DynamicKey: CodingKey {
        let stringValue: String
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
