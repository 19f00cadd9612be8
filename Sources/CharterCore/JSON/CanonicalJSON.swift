/// RFC 8785 JSON Canonicalization Scheme (JCS): the exact bytes the ledger hashes.
///
/// Objects are written with members sorted by the UTF-16 code units of their keys, with no
/// whitespace; strings are escaped as ECMAScript's `JSON.stringify` escapes them; numbers are
/// formatted by `ECMAScriptNumber`.
package enum CanonicalJSON {
    /// Throws only when the value holds NaN or an infinity.
    package static func encode(_ value: JSONValue) throws(ECMAScriptNumber.NonFiniteError) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        try write(value, to: &output)
        return output
    }

    package static func string(_ value: JSONValue) throws(ECMAScriptNumber.NonFiniteError) -> String {
        String(decoding: try encode(value), as: UTF8.self)
    }

    /// Parses JSON text and returns its canonical form.
    package static func canonicalize(
        _ bytes: [UInt8], source: String = "<input>", options: JSONParser.Options = .strict
    ) throws -> [UInt8] {
        try encode(JSONParser.parse(bytes, source: source, options: options))
    }

    /// `string` as a canonical JSON string literal, quotes included.
    package static func quoted(_ string: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(string.utf8.count + 2)
        appendQuoted(string, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Whether `lhs` sorts before `rhs` as an object key: by UTF-16 code units, not code points.
    package static func keyPrecedes(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs.utf8.makeIterator()
        var right = rhs.utf8.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (a?, b?):
                if a == b { continue }
                // UTF-8 bytes order by code point, which matches UTF-16 order except that UTF-16
                // puts U+10000 and above (lead bytes F0–F4) before U+E000–U+FFFF (lead bytes EE, EF).
                // The first differing bytes are both lead bytes or both continuations of one lead.
                if a >= 0xF0 && (b == 0xEE || b == 0xEF) { return true }
                if b >= 0xF0 && (a == 0xEE || a == 0xEF) { return false }
                return a < b
            }
        }
    }

    /// One piece of output still to be written.
    private enum Step {
        case value(JSONValue)
        case key(String)
        case byte(UInt8)
    }

    /// Writes `value` using an explicit stack of steps instead of recursion, so that deeply nested
    /// values cannot exhaust a small thread stack.
    private static func write(_ value: JSONValue, to output: inout [UInt8]) throws(ECMAScriptNumber.NonFiniteError) {
        var steps: [Step] = [.value(value)]
        while let step = steps.popLast() {
            switch step {
            case .byte(let byte):
                output.append(byte)
            case .key(let key):
                appendQuoted(key, to: &output)
                output.append(UInt8(ascii: ":"))
            case .value(.null):
                output.append(contentsOf: "null".utf8)
            case .value(.bool(let flag)):
                output.append(contentsOf: (flag ? "true" : "false").utf8)
            case .value(.number(let number)):
                try ECMAScriptNumber.append(number, to: &output)
            case .value(.string(let string)):
                appendQuoted(string, to: &output)
            case .value(.array(let elements)):
                // Pushed in reverse so that they pop in order.
                output.append(UInt8(ascii: "["))
                steps.append(.byte(UInt8(ascii: "]")))
                for (index, element) in elements.enumerated().reversed() {
                    steps.append(.value(element))
                    if index > 0 { steps.append(.byte(UInt8(ascii: ","))) }
                }
            case .value(.object(let members)):
                output.append(UInt8(ascii: "{"))
                steps.append(.byte(UInt8(ascii: "}")))
                let sorted = members.sorted { keyPrecedes($0.key, $1.key) }
                for (index, member) in sorted.enumerated().reversed() {
                    steps.append(.value(member.value))
                    steps.append(.key(member.key))
                    if index > 0 { steps.append(.byte(UInt8(ascii: ","))) }
                }
            }
        }
    }

    /// Appends `string` as a canonical JSON string literal.
    package static func appendQuoted(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var string = string
        string.withUTF8 { bytes in
            var runStart = 0
            for index in bytes.indices {
                let byte = bytes[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: bytes[runStart..<index])
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x09: output.append(UInt8(ascii: "t"))
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
                default:
                    let hex: StaticString = "0123456789abcdef"
                    output.append(contentsOf: "u00".utf8)
                    output.append(hex.utf8Start[Int(byte >> 4)])
                    output.append(hex.utf8Start[Int(byte & 0x0F)])
                }
                runStart = index + 1
            }
            output.append(contentsOf: bytes[runStart...])
        }
        output.append(UInt8(ascii: "\""))
    }
}
