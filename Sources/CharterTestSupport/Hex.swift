import CharterCore

/// Hex helpers for test vectors.
package enum Hex {
    package static func bytes(_ text: String) -> [UInt8] {
        var result: [UInt8] = []
        var iterator = text.utf8.makeIterator()
        while let high = iterator.next(), let low = iterator.next() {
            guard let h = value(high), let l = value(low) else { return [] }
            result.append(h << 4 | l)
        }
        return result
    }

    package static func string(_ bytes: [UInt8]) -> String {
        LowercaseHex.string(bytes)
    }

    private static func value(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
