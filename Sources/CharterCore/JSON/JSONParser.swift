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

    private let input: UnsafeBufferPointer<UInt8>
    private let source: String
    private let options: Options
    private var position = 0

    private init(input: UnsafeBufferPointer<UInt8>, source: String, options: Options) {
        self.input = input
        self.source = source
        self.options = options
    }

    /// The byte at `position`, or 0 at the end of input (NUL is never valid outside a string).
    private var current: UInt8 { position < input.count ? input[position] : 0 }

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

    private mutating func skipWhitespace() {
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

    private func nonFiniteLiteral(at offset: Int) -> JSONParseError {
        error("NaN and Infinity are not valid JSON: numbers must be finite", at: offset)
    }

    private func duplicateKey(_ key: String, earlier: String, at offset: Int) -> JSONParseError {
        // Swift strings compare by canonical equivalence, so "é" and "e\u{301}" collide as keys.
        let note =
            earlier.utf8.elementsEqual(key.utf8)
            ? ""
            : " (Unicode-equivalent to the earlier key \(CanonicalJSON.quoted(earlier)); use one spelling)"
        return error("duplicate key \(CanonicalJSON.quoted(key))\(note)", at: offset)
    }

    // MARK: Strings

    private mutating func parseString() throws(JSONParseError) -> String {
        let start = position
        position += 1
        var runStart = position
        var decoded: [UInt8] = []
        var hasEscapes = false
        scan: while position < input.count {
            let byte = input[position]
            switch byte {
            case UInt8(ascii: "\""):
                let run = UnsafeBufferPointer(rebasing: input[runStart..<position])
                position += 1
                guard hasEscapes else { return String(decoding: run, as: UTF8.self) }
                decoded.append(contentsOf: run)
                return String(decoding: decoded, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard position + 1 < input.count else { break scan }
                decoded.append(contentsOf: input[runStart..<position])
                hasEscapes = true
                try parseEscape(into: &decoded)
                runStart = position
            case 0..<0x20:
                throw error(
                    "control character \(scalarName(UInt32(byte))) in a string must be escaped (e.g. \\n, \\t or \\u00XX)",
                    at: position)
            case 0x20..<0x80:
                position += 1
            default:
                try skipUTF8Sequence()
            }
        }
        throw error("unterminated string: no closing '\"' before the end of input", at: start)
    }

    /// Decodes the escape at `position` (a backslash with at least one byte after it).
    private mutating func parseEscape(into decoded: inout [UInt8]) throws(JSONParseError) {
        let start = position
        let escaped = input[position + 1]
        position += 2
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(escaped)
        case UInt8(ascii: "b"): decoded.append(0x08)
        case UInt8(ascii: "f"): decoded.append(0x0C)
        case UInt8(ascii: "n"): decoded.append(0x0A)
        case UInt8(ascii: "r"): decoded.append(0x0D)
        case UInt8(ascii: "t"): decoded.append(0x09)
        case UInt8(ascii: "u"): appendUTF8(try parseUnicodeEscape(start: start), to: &decoded)
        case 0x21...0x7E:
            throw error(
                "invalid escape \\\(Character(Unicode.Scalar(escaped))); "
                    + "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX", at: start)
        default:
            throw error("invalid escape: '\\' followed by \(found(at: start + 1))", at: start)
        }
    }

    /// Reads the hex digits of a `\u` escape (and of its low-surrogate partner) after `\u`.
    private mutating func parseUnicodeEscape(start: Int) throws(JSONParseError) -> UInt32 {
        let unit = try parseHex4(escapeStart: start)
        switch unit {
        case 0xD800...0xDBFF:
            let lowStart = position
            guard position + 1 < input.count, input[position] == UInt8(ascii: "\\"),
                input[position + 1] == UInt8(ascii: "u")
            else { throw unpairedSurrogate(unit, at: start) }
            position += 2
            let low = try parseHex4(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else { throw unpairedSurrogate(unit, at: start) }
            return 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        case 0xDC00...0xDFFF:
            throw unpairedSurrogate(unit, at: start)
        default:
            return unit
        }
    }

    private mutating func parseHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        guard position + 4 <= input.count else { throw invalidUnicodeEscape(at: escapeStart) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = input[position]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw invalidUnicodeEscape(at: escapeStart)
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    private func invalidUnicodeEscape(at offset: Int) -> JSONParseError {
        error("invalid \\u escape: expected 4 hex digits after \\u", at: offset)
    }

    private func unpairedSurrogate(_ unit: UInt32, at offset: Int) -> JSONParseError {
        let hex = "\\u" + hex4(unit)
        let detail =
            unit < 0xDC00
            ? "a high surrogate must be followed by a low surrogate escape \\uDC00-\\uDFFF"
            : "a low surrogate must follow a high surrogate escape \\uD800-\\uDBFF"
        return error("unpaired UTF-16 surrogate \(hex) in string: \(detail)", at: offset)
    }

    private func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            bytes.append(UInt8(scalar))
        case ..<0x800:
            bytes.append(0xC0 | UInt8(scalar >> 6))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        case ..<0x10000:
            bytes.append(0xE0 | UInt8(scalar >> 12))
            bytes.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        default:
            bytes.append(0xF0 | UInt8(scalar >> 18))
            bytes.append(0x80 | UInt8(scalar >> 12 & 0x3F))
            bytes.append(0x80 | UInt8(scalar >> 6 & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    /// Steps over one well-formed UTF-8 sequence at `position` (the Unicode Standard, Table 3-7).
    private mutating func skipUTF8Sequence() throws(JSONParseError) {
        let length: Int
        var secondLow: UInt8 = 0x80
        var secondHigh: UInt8 = 0xBF
        switch input[position] {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; secondLow = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; secondHigh = 0x9F
        case 0xF0: length = 4; secondLow = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; secondHigh = 0x8F
        default: throw invalidUTF8(at: position)
        }
        for index in 1..<length {
            let offset = position + index
            guard offset < input.count else {
                throw error("invalid UTF-8 in string: truncated sequence at the end of input", at: position)
            }
            let byte = input[offset]
            let valid = index == 1 ? (secondLow...secondHigh).contains(byte) : (0x80...0xBF).contains(byte)
            guard valid else { throw invalidUTF8(at: offset) }
        }
        position += length
    }

    private func invalidUTF8(at offset: Int) -> JSONParseError {
        error("invalid UTF-8 in string: unexpected byte 0x\(hex2(input[offset]))", at: offset)
    }

    // MARK: Numbers

    private mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = position
        let isNegative = current == UInt8(ascii: "-")
        if isNegative { position += 1 }
        let integerStart = position
        switch current {
        case UInt8(ascii: "0"):
            position += 1
            if isDigit(current) { throw error("leading zeros are not allowed in numbers", at: integerStart) }
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            skipDigits()
        case UInt8(ascii: "I"):
            throw nonFiniteLiteral(at: start)
        default:
            throw error("expected a digit after '-', found \(found(at: position))", at: position)
        }
        let integerDigits = position - integerStart
        var isInteger = true
        if current == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            guard isDigit(current) else {
                throw error("expected a digit after the decimal point, found \(found(at: position))", at: position)
            }
            skipDigits()
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            position += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
            guard isDigit(current) else {
                throw error("expected a digit in the exponent, found \(found(at: position))", at: position)
            }
            skipDigits()
        }

        // Up to 15 digits always fit a Double exactly; skip the text round trip.
        if isInteger && integerDigits <= 15 {
            var magnitude = 0
            for byte in input[integerStart..<position] { magnitude = magnitude * 10 + Int(byte - UInt8(ascii: "0")) }
            return .number(isNegative ? -Double(magnitude) : Double(magnitude))
        }
        let literal = UnsafeBufferPointer(rebasing: input[start..<position])
        // Double(String) rounds correctly; the literal is already validated JSON number syntax.
        guard let value = Double(String(decoding: literal, as: UTF8.self)), value.isFinite else {
            throw error("number \(excerpt(literal)) is too large: it overflows to infinity", at: start)
        }
        if isInteger && options.rejectsInexactIntegers && exceedsTwoToThe53(integerDigits: integerStart..<position) {
            try checkSurvivesCanonicalization(literal, value: value, at: start)
        }
        return .number(value)
    }

    /// Rejects an integer literal above 2^53 unless canonical JSON writes its value back digit for digit.
    ///
    /// Most such literals would be hashed as a different number (9007199254740993 becomes
    /// 9007199254740992). Ones that canonical JSON reproduces exactly, such as 9007199254740994 or
    /// 100000000000000000000, stay accepted so that canonical output always parses back.
    private func checkSurvivesCanonicalization(
        _ literal: UnsafeBufferPointer<UInt8>, value: Double, at start: Int
    ) throws(JSONParseError) {
        let canonical = (try? ECMAScriptNumber.string(value)) ?? ""
        guard !canonical.utf8.elementsEqual(literal) else { return }
        let text = excerpt(literal)
        throw error(
            "integer \(text) is larger than 2^53 in magnitude and cannot be represented exactly in canonical "
                + "JSON (it would be written as \(canonical)); quote it as a string (\"\(text)\")", at: start)
    }

    private mutating func skipDigits() {
        while isDigit(current) { position += 1 }
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Whether the digits (no leading zeros) spell a number above 2^53 = 9007199254740992.
    private func exceedsTwoToThe53(integerDigits range: Range<Int>) -> Bool {
        let limit: StaticString = "9007199254740992"
        if range.count != limit.utf8CodeUnitCount { return range.count > limit.utf8CodeUnitCount }
        let digits = input[range]
        let limitDigits = UnsafeBufferPointer(start: limit.utf8Start, count: limit.utf8CodeUnitCount)
        return limitDigits.lexicographicallyPrecedes(digits)
    }

    // MARK: Messages

    private func error(_ message: String, at offset: Int) -> JSONParseError {
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
    private func found(at offset: Int) -> String {
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

    private func excerpt(_ literal: UnsafeBufferPointer<UInt8>) -> String {
        let limit = 40
        guard literal.count > limit else { return String(decoding: literal, as: UTF8.self) }
        return String(decoding: literal[..<limit], as: UTF8.self) + "…"
    }

    private func scalarName(_ value: UInt32) -> String { "U+" + hex4(value) }

    private func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    private func hex2(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16, uppercase: true)
        return digits.count == 1 ? "0" + digits : digits
    }
}
