/// Bytes as lowercase hexadecimal, two digits each: digests, fingerprints and keys.
package enum LowercaseHex {
    private static let digits = Array("0123456789abcdef".utf8)

    package static func string<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }
}
