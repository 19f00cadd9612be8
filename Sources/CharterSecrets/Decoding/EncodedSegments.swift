/// Finds base64, hex and percent-encoded runs whose decoded form is text, so a secret wrapped in
/// them (a Kubernetes Secret's `data:`, a URL-encoded connection string) can be scanned too.
enum EncodedSegments {
    struct Segment {
        let encoding: ContentEncoding
        /// Where the encoded run sits in the scanned block.
        let range: Range<Int>
        let decoded: [UInt8]
    }

    /// Shortest runs worth decoding: shorter ones decode to fewer bytes than any secret rule needs.
    static let minimumBase64Length = 24
    static let minimumHexLength = 32

    static func find(in buffer: UnsafeRawBufferPointer) -> [Segment] {
        CharacterClass.runTable.withUnsafeBufferPointer { table in find(in: buffer, runTable: table) }
    }

    /// One pass: each run of base64 characters and `%` is measured once, and only runs long
    /// enough to hold a secret are decoded.
    private static func find(in buffer: UnsafeRawBufferPointer, runTable: UnsafeBufferPointer<UInt8>) -> [Segment] {
        var segments: [Segment] = []
        var index = 0
        let count = buffer.count
        while index < count {
            guard runTable[Int(buffer[index])] != CharacterClass.other else {
                index += 1
                continue
            }
            var end = index
            var percents = 0
            var onlyHex = true
            while end < count {
                let kind = runTable[Int(buffer[end])]
                if kind == CharacterClass.other { break }
                if kind == CharacterClass.percent { percents += 1 }
                if kind != CharacterClass.hexDigit { onlyHex = false }
                end += 1
            }
            while end < count, buffer[end] == UInt8(ascii: "=") { end += 1 }
            if end - index >= 8, let segment = decode(index..<end, in: buffer, percents: percents, onlyHex: onlyHex) {
                segments.append(segment)
            }
            index = end
        }
        return segments
    }

    private static func decode(_ run: Range<Int>, in buffer: UnsafeRawBufferPointer, percents: Int, onlyHex: Bool) -> Segment? {
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[run])
        if percents >= 2, let text = PercentDecoder.decode(bytes), isText(text) {
            return Segment(encoding: .percent, range: run, decoded: text)
        }
        guard percents == 0 else { return nil }
        if onlyHex, run.count >= minimumHexLength, run.count % 2 == 0, let text = HexDecoder.decode(bytes), isText(text) {
            return Segment(encoding: .hex, range: run, decoded: text)
        }
        if run.count >= minimumBase64Length, let text = Base64Decoder.decode(bytes), isText(text) {
            return Segment(encoding: .base64, range: run, decoded: text)
        }
        return nil
    }

    /// Decoded bytes worth scanning: printable ASCII and whitespace (binary data is not text).
    static func isText(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8 else { return false }
        return bytes.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }
}

enum CharacterClass {
    /// `runTable` values: what a byte is to a run of encoded text.
    static let other: UInt8 = 0
    static let base64Only: UInt8 = 1
    static let hexDigit: UInt8 = 2
    static let percent: UInt8 = 3

    static let runTable: [UInt8] = (0..<256).map { value in
        let byte = UInt8(value)
        if byte == UInt8(ascii: "%") { return percent }
        if HexDecoder.nibble(byte) != nil { return hexDigit }
        let isLetter = (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
        let isSymbol = byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
        return isLetter || isSymbol ? base64Only : other
    }
}
