import Foundation
import CharterCore

/// The part of TOML 1.0 that rule files use: tables, arrays of tables, dotted keys, basic,
/// literal and multi-line strings, integers, floats, booleans, arrays and inline tables. Dates
/// are read as text. Errors name the file and line.
struct TOMLParser {
    private let bytes: [UInt8]
    private let file: String
    private var index = 0
    private var line = 1

    init(_ text: String, file: String) {
        bytes = Array(text.utf8)
        self.file = file
    }

    static func parse(_ text: String, file: String) throws -> JSONValue {
        var parser = TOMLParser(text, file: file)
        return try parser.document()
    }

    private mutating func document() throws -> JSONValue {
        var root: [String: JSONValue] = [:]
        var current: [String] = []
        while true {
            skipTrivia()
            guard let byte = peek() else { break }
            if byte == UInt8(ascii: "[") {
                let isArray = peek(1) == UInt8(ascii: "[")
                index += isArray ? 2 : 1
                skipSpaces()
                let path = try key()
                skipSpaces()
                try expect(isArray ? "]]" : "]")
                if isArray {
                    try Self.appendTable(&root, at: path, line: line, file: file)
                } else {
                    try Self.ensureTable(&root, at: path, line: line, file: file)
                }
                current = path
                try endOfLine()
            } else {
                let path = try key()
                skipSpaces()
                try expect("=")
                skipSpaces()
                let value = try self.value()
                try Self.set(&root, at: current, key: path, value: value, line: line, file: file)
                try endOfLine()
            }
        }
        return .object(root)
    }

    // MARK: - Keys and values

    private mutating func key() throws -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let byte = peek() else { throw failure("expected a key") }
            if byte == UInt8(ascii: "\"") {
                index += 1
                parts.append(try basicString())
            } else if byte == UInt8(ascii: "'") {
                index += 1
                parts.append(try literalString())
            } else {
                let start = index
                while let next = peek(), Self.isBareKey(next) { index += 1 }
                guard index > start else { throw failure("expected a key (letters, digits, - or _)") }
                parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            }
            skipSpaces()
            guard peek() == UInt8(ascii: ".") else { return parts }
            index += 1
        }
    }

    private mutating func value() throws -> JSONValue {
        guard let byte = peek() else { throw failure("expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            if starts(with: "\"\"\"") {
                index += 3
                return .string(try multilineString(literal: false))
            }
            index += 1
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if starts(with: "'''") {
                index += 3
                return .string(try multilineString(literal: true))
            }
            index += 1
            return .string(try literalString())
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONValue] = []
            while true {
                skipTrivia()
                if peek() == UInt8(ascii: "]") {
                    index += 1
                    return .array(items)
                }
                items.append(try value())
                skipTrivia()
                if peek() == UInt8(ascii: ",") {
                    index += 1
                } else if peek() != UInt8(ascii: "]") {
                    throw failure("expected , or ] in an array")
                }
            }
        case UInt8(ascii: "{"):
            index += 1
            var members: [String: JSONValue] = [:]
            skipSpaces()
            if peek() == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                let path = try key()
                skipSpaces()
                try expect("=")
                skipSpaces()
                try Self.set(&members, at: [], key: path, value: try value(), line: line, file: file)
                skipSpaces()
                if peek() == UInt8(ascii: "}") {
                    index += 1
                    return .object(members)
                }
                try expect(",")
            }
        default:
            let start = index
            while let next = peek(), next != UInt8(ascii: ","), next != UInt8(ascii: "]"), next != UInt8(ascii: "}"),
                next != UInt8(ascii: "#"), next != 0x0A, next != 0x0D { index += 1 }
            let text = String(decoding: bytes[start..<index], as: UTF8.self).trimmingCharacters(in: [" ", "\t"])
            if text == "true" { return .bool(true) }
            if text == "false" { return .bool(false) }
            if let number = Double(text.replacingOccurrences(of: "_", with: "")) { return .number(number) }
            // Dates and times stay text; anything else unquoted is a mistake worth naming.
            if text.range(of: #"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})?)?$|^\d{2}:\d{2}(:\d{2}(\.\d+)?)?$"#, options: .regularExpression) != nil {
                return .string(text)
            }
            throw failure("cannot read the value \"\(text)\"; quote text with \" or '")
        }
    }

    private mutating func basicString() throws -> String {
        var output: [UInt8] = []
        while let byte = peek() {
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: output, as: UTF8.self)
            case UInt8(ascii: "\\"): output += try escape()
            case 0x0A: throw failure("a \"…\" string must end on its line; use \"\"\"…\"\"\" for several lines")
            default: output.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    private mutating func literalString() throws -> String {
        let start = index
        while let byte = peek() {
            if byte == UInt8(ascii: "'") {
                defer { index += 1 }
                return String(decoding: bytes[start..<index], as: UTF8.self)
            }
            if byte == 0x0A { break }
            index += 1
        }
        throw failure("unterminated '…' string")
    }

    private mutating func multilineString(literal: Bool) throws -> String {
        let delimiter = literal ? "'''" : "\"\"\""
        if peek() == 0x0A { advanceLine() } else if peek() == 0x0D, peek(1) == 0x0A { index += 1; advanceLine() }
        var output: [UInt8] = []
        while peek() != nil {
            if starts(with: delimiter) {
                index += 3
                // Up to two quotes right before the closing delimiter belong to the string.
                while peek() == delimiter.utf8.first, output.count < Int.max {
                    output.append(bytes[index])
                    index += 1
                }
                return String(decoding: output, as: UTF8.self)
            }
            let byte = bytes[index]
            if byte == 0x0A {
                advanceLine()
                output.append(byte)
                continue
            }
            index += 1
            if !literal, byte == UInt8(ascii: "\\") {
                if let next = peek(), next == 0x0A || next == 0x20 || next == 0x09 || next == 0x0D {
                    // A line-ending backslash trims the newline and the whitespace after it.
                    while let next = peek(), next == 0x0A || next == 0x20 || next == 0x09 || next == 0x0D {
                        if next == 0x0A { advanceLine() } else { index += 1 }
                    }
                } else {
                    output += try escape()
                }
            } else {
                output.append(byte)
            }
        }
        throw failure("unterminated \(delimiter) string")
    }

    private mutating func escape() throws -> [UInt8] {
        guard let byte = peek() else { throw failure("unterminated escape") }
        index += 1
        switch byte {
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "\""): return [0x22]
        case UInt8(ascii: "\\"): return [0x5C]
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let length = byte == UInt8(ascii: "u") ? 4 : 8
            guard index + length <= bytes.count, let value = UInt32(String(decoding: bytes[index..<(index + length)], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(value) else { throw failure("bad \\u escape") }
            index += length
            return Array(String(Character(scalar)).utf8)
        default:
            throw failure("unknown escape \\\(Character(Unicode.Scalar(byte))); in a regular expression use a '''…''' literal string")
        }
    }

    // MARK: - Tables

    private static func ensureTable(_ root: inout [String: JSONValue], at path: [String], line: Int, file: String) throws {
        try modify(&root, path: path, line: line, file: file) { _ in }
    }

    private static func appendTable(_ root: inout [String: JSONValue], at path: [String], line: Int, file: String) throws {
        guard let last = path.last else { return }
        try modify(&root, path: Array(path.dropLast()), line: line, file: file) { table in
            switch table[last] {
            case nil: table[last] = .array([.object([:])])
            case .array(var items)?:
                items.append(.object([:]))
                table[last] = .array(items)
            default: throw TOMLError(file: file, line: line, message: "\(path.joined(separator: ".")) is not an array of tables")
            }
        }
    }

    private static func set(_ root: inout [String: JSONValue], at table: [String], key: [String], value: JSONValue, line: Int, file: String) throws {
        try modify(&root, path: table + key.dropLast(), line: line, file: file) { members in
            guard let last = key.last else { return }
            guard members[last] == nil else { throw TOMLError(file: file, line: line, message: "key \(key.joined(separator: ".")) is set twice") }
            members[last] = value
        }
    }

    /// Walks to the table at `path` (the last element of an array of tables), creating tables on the way.
    private static func modify(_ members: inout [String: JSONValue], path: [String], line: Int, file: String, _ body: (inout [String: JSONValue]) throws -> Void) throws {
        guard let first = path.first else { return try body(&members) }
        let rest = Array(path.dropFirst())
        switch members[first] {
        case nil:
            var table: [String: JSONValue] = [:]
            try modify(&table, path: rest, line: line, file: file, body)
            members[first] = .object(table)
        case .object(var table)?:
            try modify(&table, path: rest, line: line, file: file, body)
            members[first] = .object(table)
        case .array(var items)?:
            guard case .object(var table)? = items.last else { fallthrough }
            try modify(&table, path: rest, line: line, file: file, body)
            items[items.count - 1] = .object(table)
            members[first] = .array(items)
        default:
            throw TOMLError(file: file, line: line, message: "\(first) is a value, not a table")
        }
    }

    // MARK: - Lexing

    private func peek(_ offset: Int = 0) -> UInt8? {
        index + offset < bytes.count ? bytes[index + offset] : nil
    }

    private func starts(with text: String) -> Bool {
        let needle = Array(text.utf8)
        return index + needle.count <= bytes.count && bytes[index..<(index + needle.count)].elementsEqual(needle)
    }

    private mutating func expect(_ text: String) throws {
        guard starts(with: text) else { throw failure("expected \(text)") }
        index += text.utf8.count
    }

    private mutating func advanceLine() {
        index += 1
        line += 1
    }

    private mutating func skipSpaces() {
        while let byte = peek(), byte == 0x20 || byte == 0x09 { index += 1 }
    }

    /// Spaces, newlines and comments.
    private mutating func skipTrivia() {
        while let byte = peek() {
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                index += 1
            } else if byte == 0x0A {
                advanceLine()
            } else if byte == UInt8(ascii: "#") {
                while let next = peek(), next != 0x0A { index += 1 }
            } else {
                return
            }
        }
    }

    private mutating func endOfLine() throws {
        skipSpaces()
        if peek() == UInt8(ascii: "#") { while let next = peek(), next != 0x0A { index += 1 } }
        if peek() == 0x0D { index += 1 }
        guard let byte = peek() else { return }
        guard byte == 0x0A else { throw failure("expected the end of the line") }
        advanceLine()
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    private func failure(_ message: String) -> TOMLError {
        TOMLError(file: file, line: line, message: message)
    }
}

struct TOMLError: Error, CustomStringConvertible {
    let file: String
    let line: Int
    let message: String

    var description: String { "\(file):\(line): \(message)" }
}
