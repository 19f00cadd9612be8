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

    /// `runTable[byte]` is 0 for bytes that end a run, 1 for base64 characters, 2 for `%`.
    private static func find(in buffer: UnsafeRawBufferPointer, runTable: UnsafeBufferPointer<UInt8>) -> [Segment] {
        var segments: [Segment] = []
        var index = 0
        let count = buffer.count
        while index < count {
            // Skip fast to the next run at least as long as the shortest worth decoding.
            var end = index
            while end < count, runTable[Int(buffer[end])] != 0 { end += 1 }
            if end - index < 8 {
                index = end + 1
                continue
            }
            let byte = buffer[index]
            guard runTable[Int(byte)] != 0 else {
                index += 1
                continue
            }
            end = index
            var percents = 0
            var onlyHex = true
            while end < count {
                let next = buffer[end]
                if next == UInt8(ascii: "%") {
                    percents += 1
                    onlyHex = false
                } else if CharacterClass.isBase64(next) {
                    if !CharacterClass.isHex(next) { onlyHex = false }
                } else {
                    break
                }
                end += 1
            }
            while end < count, buffer[end] == UInt8(ascii: "=") { end += 1 }
            let run = index..<end
            if let segment = decode(run, in: buffer, percents: percents, onlyHex: onlyHex) { segments.append(segment) }
            index = max(end, index + 1)
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
    private static let base64: [Bool] = (0..<256).map { value in
        let byte = UInt8(value)
        return (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    static func isBase64(_ byte: UInt8) -> Bool { base64[Int(byte)] }

    static let runTable: [UInt8] = (0..<256).map { value in
        value == Int(UInt8(ascii: "%")) ? 2 : base64[value] ? 1 : 0
    }

    static func isHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }
}
