/// Formats a `Double` exactly as ECMAScript's `Number.prototype.toString` (and so `JSON.stringify`)
/// does, which RFC 8785 §3.2.2.3 requires of canonical JSON numbers.
package enum ECMAScriptNumber {
    /// NaN and the infinities have no JSON representation.
    package struct NonFiniteError: CharterFailure {
        package var value: Double

        package init(value: Double) { self.value = value }

        package var category: FailureCategory { .input }
        package var message: String {
            "cannot write the number \(value) as JSON: canonical JSON (RFC 8785) has no NaN or Infinity"
        }
    }

    package static func string(_ value: Double) throws(NonFiniteError) -> String {
        var bytes: [UInt8] = []
        try append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    package static func append(_ value: Double, to output: inout [UInt8]) throws(NonFiniteError) {
        guard value.isFinite else { throw NonFiniteError(value: value) }
        if value == 0 {
            output.append(UInt8(ascii: "0"))  // -0 too
        } else if value.magnitude < 0x1p53, value == value.rounded(.towardZero) {
            output.append(contentsOf: String(Int64(value)).utf8)
        } else {
            appendShortest(value, to: &output)
        }
    }

    /// Swift's `description` already yields the shortest round-tripping digits, choosing the one
    /// closest to the exact value when several qualify, as ECMAScript does; only the layout differs.
    private static func appendShortest(_ value: Double, to output: inout [UInt8]) {
        var text = value.magnitude.description
        text.withUTF8 { text in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { digits in
                // value = 0.d₁d₂…dₖ × 10^n, as in the ECMAScript specification.
                var count = 0
                var n = 0
                var index = 0
                var afterPoint = false
                while index < text.count, text[index] != UInt8(ascii: "e") {
                    let byte = text[index]
                    index += 1
                    if byte == UInt8(ascii: ".") {
                        afterPoint = true
                        continue
                    }
                    if !afterPoint { n += 1 }
                    if count == 0 && byte == UInt8(ascii: "0") {
                        n -= 1
                        continue
                    }
                    precondition(count < digits.count, "unexpected Double.description \(value)")
                    digits[count] = byte
                    count += 1
                }
                if index < text.count {
                    n += exponent(text[(index + 1)...])
                }
                while digits[count - 1] == UInt8(ascii: "0") { count -= 1 }

                if value < 0 { output.append(UInt8(ascii: "-")) }
                layOut(UnsafeBufferPointer(rebasing: digits[..<count]), n: n, to: &output)
            }
        }
    }

    private static func exponent(_ text: Slice<UnsafeBufferPointer<UInt8>>) -> Int {
        var magnitude = 0
        var sign = 1
        for byte in text {
            switch byte {
            case UInt8(ascii: "-"): sign = -1
            case UInt8(ascii: "+"): break
            default: magnitude = magnitude * 10 + Int(byte - UInt8(ascii: "0"))
            }
        }
        return sign * magnitude
    }

    /// Number::toString steps 6–10 for the digits d₁…dₖ and exponent n.
    private static func layOut(_ digits: UnsafeBufferPointer<UInt8>, n: Int, to output: inout [UInt8]) {
        let k = digits.count
        let zero = UInt8(ascii: "0")
        if k <= n && n <= 21 {
            output.append(contentsOf: digits)
            output.append(contentsOf: repeatElement(zero, count: n - k))
        } else if 0 < n && n <= 21 {
            output.append(contentsOf: digits[..<n])
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: digits[n...])
        } else if -6 < n && n <= 0 {
            output.append(zero)
            output.append(UInt8(ascii: "."))
            output.append(contentsOf: repeatElement(zero, count: -n))
            output.append(contentsOf: digits)
        } else {
            output.append(digits[0])
            if k > 1 {
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: digits[1...])
            }
            output.append(UInt8(ascii: "e"))
            output.append(n - 1 < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            output.append(contentsOf: String(abs(n - 1)).utf8)
        }
    }
}
