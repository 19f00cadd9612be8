import Foundation

/// An RFC 8259 JSON parser over UTF-8 bytes, stricter where the ledger's hashes need it.
///
/// Beyond the RFC it rejects duplicate object keys, unpaired UTF-16 surrogate escapes, a leading
/// byte order mark, nesting deeper than `maximumDepth`, numbers that overflow to infinity and,
/// by default, integer literals above 2^53 that canonical JSON would not reproduce exactly.
/// Errors carry the line and column.
package struct JSONParser {
    package struct Options: Sendable, Equatable {
        /// Reject integer literals (no fraction, no exponent) whose magnitude exceeds 2^53 and that
        /// canonical JSON would not write back digit for digit: they would be hashed as a different,
        /// rounded number.
        package var rejectsInexactIntegers: Bool

        package init(rejectsInexactIntegers: Bool = true) {
            self.rejectsInexactIntegers = rejectsInexactIntegers
        }

        package static let strict = Options()
        package static let lenient = Options(rejectsInexactIntegers: false)
    }

    package static let maximumDepth = 512

    package static func parse(
        _ bytes: [UInt8], source: String = "<input>", options: Options = .strict
    ) throws(JSONParseError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { run($0, source: source, options: options) }.get()
    }

    package static func parse(
        _ data: Data, source: String = "<input>", options: Options = .strict
    ) throws(JSONParseError) -> JSONValue {
        try data.withUnsafeBytes { raw in
            raw.withMemoryRebound(to: UInt8.self) { run($0, source: source, options: options) }
        }.get()
    }

    package static func parse(
        _ text: String, source: String = "<input>", options: Options = .strict
    ) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { run($0, source: source, options: options) }.get()
    }

    private static func run(
        _ input: UnsafeBufferPointer<UInt8>, source: String, options: Options
    ) -> Result<JSONValue, JSONParseError> {
        var parser = JSONParser(input: input, source: source, options: options)
        do {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(error)
        }
    }

    let input: UnsafeBufferPointer<UInt8>
    let source: String
    let options: Options
    var position = 0

    private init(input: UnsafeBufferPointer<UInt8>, source: String, options: Options) {
        self.input = input
        self.source = source
        self.options = options
    }

    /// The byte at `position`, or 0 at the end of input (NUL is never valid outside a string).
    var current: UInt8 { position < input.count ? input[position] : 0 }

    private mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF {
            throw error(
                "input starts with a UTF-8 byte order mark (EF BB BF), which JSON does not allow; "
                    + "save the file as UTF-8 without a BOM", at: 0)
        }
        skipWhitespace()
        guard position < input.count else { throw error("empty input: expected a JSON value", at: position) }
        let value = try parseValue()
        skipWhitespace()
        guard position == input.count else {
            throw error("trailing data after the JSON value: found \(found(at: position))", at: position)
        }
        return value
    }

    mutating func skipWhitespace() {
        while position < input.count {
            switch input[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// An array or object whose closing bracket has not been reached yet.
    private struct OpenContainer {
        var isObject: Bool
        var elements: [JSONValue] = []
        var members: [String: JSONValue] = [:]
        /// The object key whose value is being parsed.
        var key = ""
    }

    /// Parses one value, keeping open containers on an explicit stack rather than recursing,
    /// so that deep nesting cannot exhaust a small (e.g. 512 KB) thread stack.
    private mutating func parseValue() throws(JSONParseError) -> JSONValue {
        var open: [OpenContainer] = []
        parsing: while true {
            var value: JSONValue
            switch current {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard open.count < Self.maximumDepth else {
                    throw error("nesting is deeper than \(Self.maximumDepth) levels of arrays and objects", at: position)
                }
                let isObject = current == UInt8(ascii: "{")
                position += 1
                skipWhitespace()
                if current == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    position += 1
                    value = isObject ? .object([:]) : .array([])
                } else {
                    var container = OpenContainer(isObject: isObject)
                    if isObject { container.key = try parseKey(in: container.members) }
                    open.append(container)
                    continue parsing
                }
            case UInt8(ascii: "\""): value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = try parseNumber()
            case UInt8(ascii: "t"): value = try parseLiteral("true", .bool(true))
            case UInt8(ascii: "f"): value = try parseLiteral("false", .bool(false))
            case UInt8(ascii: "n"): value = try parseLiteral("null", .null)
            case UInt8(ascii: "N"), UInt8(ascii: "I"): throw nonFiniteLiteral(at: position)
            default: throw error("expected a JSON value, found \(found(at: position))", at: position)
            }

            // Hand the value to the innermost open container, closing each one whose end follows.
            while let innermost = open.indices.last {
                skipWhitespace()
                if open[innermost].isObject {
                    let key = open[innermost].key
                    open[innermost].members[key] = value
                    switch current {
                    case UInt8(ascii: ","):
                        position += 1
                        skipWhitespace()
                        open[innermost].key = try parseKey(in: open[innermost].members)
                        continue parsing
                    case UInt8(ascii: "}"):
                        position += 1
                        value = .object(open.removeLast().members)
                    default:
                        throw error("expected ',' or '}' after an object member, found \(found(at: position))", at: position)
                    }
                } else {
                    open[innermost].elements.append(value)
                    switch current {
                    case UInt8(ascii: ","):
                        position += 1
                        skipWhitespace()
                        if current == UInt8(ascii: "]") {
                            throw error(
                                "expected a JSON value after ',', found ']' (trailing commas are not allowed)", at: position)
                        }
                        continue parsing
                    case UInt8(ascii: "]"):
                        position += 1
                        value = .array(open.removeLast().elements)
                    default:
                        throw error("expected ',' or ']' after an array element, found \(found(at: position))", at: position)
                    }
                }
            }
            return value
        }
    }

    /// Parses an object key and the ':' after it; `members` are the ones already read.
    private mutating func parseKey(in members: [String: JSONValue]) throws(JSONParseError) -> String {
        guard current == UInt8(ascii: "\"") else {
            let context = members.isEmpty ? "a string key or '}'" : "a string key after ','"
            let hint = current == UInt8(ascii: "}") ? " (trailing commas are not allowed)" : ""
            throw error("expected \(context), found \(found(at: position))\(hint)", at: position)
        }
        let keyStart = position
        let key = try parseString()
        if let existing = members.index(forKey: key) {
            throw duplicateKey(key, earlier: members[existing].key, at: keyStart)
        }
        skipWhitespace()
        guard current == UInt8(ascii: ":") else {
            throw error("expected ':' after an object key, found \(found(at: position))", at: position)
        }
        position += 1
        skipWhitespace()
        return key
    }

    private mutating func parseLiteral(_ word: StaticString, _ value: JSONValue) throws(JSONParseError) -> JSONValue {
        let length = word.utf8CodeUnitCount
        guard position + length <= input.count,
            UnsafeBufferPointer(start: word.utf8Start, count: length)
                .elementsEqual(input[position..<position + length])
        else { throw error("invalid literal: expected '\(word)'", at: position) }
        position += length
        return value
    }

    func nonFiniteLiteral(at offset: Int) -> JSONParseError {
        error("NaN and Infinity are not valid JSON: numbers must be finite", at: offset)
    }

    func duplicateKey(_ key: String, earlier: String, at offset: Int) -> JSONParseError {
        // Swift strings compare by canonical equivalence, so "é" and "e\u{301}" collide as keys.
        let note =
            earlier.utf8.elementsEqual(key.utf8)
            ? ""
            : " (Unicode-equivalent to the earlier key \(CanonicalJSON.quoted(earlier)); use one spelling)"
        return error("duplicate key \(CanonicalJSON.quoted(key))\(note)", at: offset)
    }

    // MARK: Messages

    func error(_ message: String, at offset: Int) -> JSONParseError {
        var line = 1
        var column = 1
        for byte in input[..<min(offset, input.count)] {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return JSONParseError(source: source, line: line, column: column, message: message)
    }

    /// Names the input at `offset` for an error message.
    func found(at offset: Int) -> String {
        guard offset < input.count else { return "end of input" }
        let byte = input[offset]
        switch byte {
        case 0x21...0x7E:
            return "'\(Character(Unicode.Scalar(byte)))'"
        case 0..<0x21, 0x7F:
            return scalarName(UInt32(byte))
        default:
            let bytes = input[offset..<min(offset + 4, input.count)]
            let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first!
            let isReplacement = scalar == "\u{FFFD}" && !bytes.starts(with: [0xEF, 0xBF, 0xBD])
            if isReplacement { return "invalid UTF-8 byte 0x\(hex2(byte))" }
            return "'\(scalar)' (\(scalarName(scalar.value)))"
        }
    }

    func excerpt(_ literal: UnsafeBufferPointer<UInt8>) -> String {
        let limit = 40
        guard literal.count > limit else { return String(decoding: literal, as: UTF8.self) }
        return String(decoding: literal[..<limit], as: UTF8.self) + "…"
    }

    func scalarName(_ value: UInt32) -> String { "U+" + hex4(value) }

    func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    func hex2(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
