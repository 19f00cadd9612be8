import Foundation

/// String scanning: escapes, surrogate pairs and UTF-8 validation.
extension JSONParser {
    mutating func parseString() throws(JSONParseError) -> String {
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
    mutating func parseEscape(into decoded: inout [UInt8]) throws(JSONParseError) {
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
    mutating func parseUnicodeEscape(start: Int) throws(JSONParseError) -> UInt32 {
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

    mutating func parseHex4(escapeStart: Int) throws(JSONParseError) -> UInt32 {
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

    func invalidUnicodeEscape(at offset: Int) -> JSONParseError {
        error("invalid \\u escape: expected 4 hex digits after \\u", at: offset)
    }

    func unpairedSurrogate(_ unit: UInt32, at offset: Int) -> JSONParseError {
        let hex = "\\u" + hex4(unit)
        let detail =
            unit < 0xDC00
            ? "a high surrogate must be followed by a low surrogate escape \\uDC00-\\uDFFF"
            : "a low surrogate must follow a high surrogate escape \\uD800-\\uDBFF"
        return error("unpaired UTF-16 surrogate \(hex) in string: \(detail)", at: offset)
    }

    func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
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
    mutating func skipUTF8Sequence() throws(JSONParseError) {
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

    func invalidUTF8(at offset: Int) -> JSONParseError {
        error("invalid UTF-8 in string: unexpected byte 0x\(hex2(input[offset]))", at: offset)
    }
}
