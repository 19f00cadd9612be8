import Foundation

/// Number scanning, and the check that an integer survives canonicalization exactly.
extension JSONParser {
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
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
    func checkSurvivesCanonicalization(
        _ literal: UnsafeBufferPointer<UInt8>, value: Double, at start: Int
    ) throws(JSONParseError) {
        let canonical = (try? ECMAScriptNumber.string(value)) ?? ""
        guard !canonical.utf8.elementsEqual(literal) else { return }
        let text = excerpt(literal)
        throw error(
            "integer \(text) is larger than 2^53 in magnitude and cannot be represented exactly in canonical "
                + "JSON (it would be written as \(canonical)); quote it as a string (\"\(text)\")", at: start)
    }

    mutating func skipDigits() {
        while isDigit(current) { position += 1 }
    }

    func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Whether the digits (no leading zeros) spell a number above 2^53 = 9007199254740992.
    func exceedsTwoToThe53(integerDigits range: Range<Int>) -> Bool {
        let limit: StaticString = "9007199254740992"
        if range.count != limit.utf8CodeUnitCount { return range.count > limit.utf8CodeUnitCount }
        let digits = input[range]
        let limitDigits = UnsafeBufferPointer(start: limit.utf8Start, count: limit.utf8CodeUnitCount)
        return limitDigits.lexicographicallyPrecedes(digits)
    }
}
