/// Standard and URL-safe base64, with or without padding.
enum Base64Decoder {
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() { table[Int(byte)] = UInt8(index) }
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Whether the first four characters decode to three text bytes: most identifiers and
    /// hashes that merely look like base64 fail here, before anything is allocated.
    static func startsWithText(_ encoded: UnsafeRawBufferPointer) -> Bool {
        guard encoded.count >= 4 else { return false }
        var accumulator: UInt32 = 0
        for index in 0..<4 {
            let value = values[Int(encoded[index])]
            guard value != 0xFF else { return false }
            accumulator = (accumulator << 6) | UInt32(value)
        }
        return EncodedSegments.isText(UInt8(truncatingIfNeeded: accumulator >> 16))
            && EncodedSegments.isText(UInt8(truncatingIfNeeded: accumulator >> 8))
            && EncodedSegments.isText(UInt8(truncatingIfNeeded: accumulator))
    }

    static func decode(_ encoded: UnsafeRawBufferPointer) -> [UInt8]? {
        var length = encoded.count
        while length > 0, encoded[length - 1] == UInt8(ascii: "=") { length -= 1 }
        guard length % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(length * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for index in 0..<length {
            let value = values[Int(encoded[index])]
            guard value != 0xFF else { return nil }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return output
    }
}

enum HexDecoder {
    /// Whether the first four pairs decode to text: a hash (most long hex runs in source) fails
    /// here nineteen times in twenty, before anything is allocated.
    static func startsWithText(_ encoded: UnsafeRawBufferPointer) -> Bool {
        guard encoded.count >= 8 else { return false }
        for index in Swift.stride(from: 0, to: 8, by: 2) {
            guard let high = nibble(encoded[index]), let low = nibble(encoded[index + 1]), EncodedSegments.isText(high << 4 | low) else { return false }
        }
        return true
    }

    static func decode(_ encoded: UnsafeRawBufferPointer) -> [UInt8]? {
        guard encoded.count % 2 == 0 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(encoded.count / 2)
        var index = 0
        while index < encoded.count {
            guard let high = nibble(encoded[index]), let low = nibble(encoded[index + 1]) else { return nil }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    static func nibble(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

enum PercentDecoder {
    static func decode(_ encoded: UnsafeRawBufferPointer) -> [UInt8]? {
        var output: [UInt8] = []
        output.reserveCapacity(encoded.count)
        var index = 0
        while index < encoded.count {
            let byte = encoded[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < encoded.count, let high = HexDecoder.nibble(encoded[index + 1]), let low = HexDecoder.nibble(encoded[index + 2]) else { return nil }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }
}
