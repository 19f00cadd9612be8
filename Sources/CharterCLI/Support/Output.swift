import CharterCore
import Foundation

/// Writes a command's result: JSON (sorted keys, pretty) with `--json`, text otherwise.
enum Output {
    /// Encodable results go through the same writer as JSON values, so every command's JSON
    /// looks alike (empty lists as `[]`, not JSONEncoder's blank lines).
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try json(JSONParser.parse(Array(try encoder.encode(value)), source: "output"))
    }

    static func json(_ value: JSONValue) throws {
        FileStream.standardOutput.write(PrettyJSON.encode(value))
    }

    static func text(_ text: String) {
        FileStream.standardOutput.write(text.hasSuffix("\n") ? text : text + "\n")
    }

    /// A note for the human on standard error, so it never mixes into JSON on standard output.
    static func notice(_ text: String) {
        FileStream.standardError.write(text + "\n")
    }
}
