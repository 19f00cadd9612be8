import Foundation

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
        CharacterClass.runTable.withUnsafeBufferPointer { table in
            let encoded = base64AndHexRuns(in: buffer, runTable: table)
            let percent = percentRuns(in: buffer, runTable: table)
            guard !encoded.isEmpty, !percent.isEmpty else { return encoded.isEmpty ? percent : encoded }
            return (encoded + percent).sorted { $0.range.lowerBound < $1.range.lowerBound }
        }
    }

    /// Runs of base64 characters at least `minimumBase64Length` long. A long run must cover
    /// every `minimumBase64Length`-th byte, so the pass looks at those bytes only and measures a
    /// run just where one of them is part of it: most source text is skipped, not read byte by byte.
    private static func base64AndHexRuns(in buffer: UnsafeRawBufferPointer, runTable table: UnsafeBufferPointer<UInt8>) -> [Segment] {
        var segments: [Segment] = []
        let stride = minimumBase64Length
        let count = buffer.count
        func isRun(_ byte: UInt8) -> Bool {
            let kind = table[Int(byte)]
            return kind == CharacterClass.base64Only || kind == CharacterClass.hexDigit
        }
        var probe = stride - 1
        while probe < count {
            guard isRun(buffer[probe]) else {
                probe += stride
                continue
            }
            var start = probe
            while start > 0, isRun(buffer[start - 1]) { start -= 1 }
            // Most runs a probe lands in are words and identifiers: one byte a full run's length
            // past the start tells them apart without reading them forward.
            let lastNeeded = start + stride - 1
            guard lastNeeded < count else { break }
            guard isRun(buffer[lastNeeded]) else {
                probe += stride
                continue
            }
            var end = probe + 1
            while end < count, isRun(buffer[end]) { end += 1 }
            if end - start >= stride {
                let onlyHex = (start..<end).allSatisfy { table[Int(buffer[$0])] == CharacterClass.hexDigit }
                while end < count, buffer[end] == UInt8(ascii: "=") { end += 1 }
                if let segment = decode(start..<end, in: buffer, onlyHex: onlyHex) { segments.append(segment) }
            }
            probe = end + stride
        }
        return segments
    }

    /// Runs holding two or more `%XX` escapes, found from each `%` with `memchr`.
    private static func percentRuns(in buffer: UnsafeRawBufferPointer, runTable table: UnsafeBufferPointer<UInt8>) -> [Segment] {
        guard let base = buffer.baseAddress else { return [] }
        var segments: [Segment] = []
        let count = buffer.count
        var offset = 0
        while offset < count, let found = memchr(base + offset, Int32(UInt8(ascii: "%")), count - offset) {
            let at = base.distance(to: UnsafeRawPointer(found))
            var start = at
            while start > 0, table[Int(buffer[start - 1])] != CharacterClass.other { start -= 1 }
            var end = at + 1
            var percents = 1
            while end < count, table[Int(buffer[end])] != CharacterClass.other {
                if buffer[end] == UInt8(ascii: "%") { percents += 1 }
                end += 1
            }
            if percents >= 2, end - start >= 8, let text = PercentDecoder.decode(UnsafeRawBufferPointer(rebasing: buffer[start..<end])), isText(text) {
                segments.append(Segment(encoding: .percent, range: start..<end, decoded: text))
            }
            offset = end + 1
        }
        return segments
    }

    private static func decode(_ run: Range<Int>, in buffer: UnsafeRawBufferPointer, onlyHex: Bool) -> Segment? {
        let bytes = UnsafeRawBufferPointer(rebasing: buffer[run])
        if onlyHex, run.count >= minimumHexLength, run.count % 2 == 0, HexDecoder.startsWithText(bytes),
           let text = HexDecoder.decode(bytes), isText(text) {
            return Segment(encoding: .hex, range: run, decoded: text)
        }
        if Base64Decoder.startsWithText(bytes), let text = Base64Decoder.decode(bytes), isText(text) {
            return Segment(encoding: .base64, range: run, decoded: text)
        }
        return nil
    }

    /// Decoded bytes worth scanning: printable ASCII and whitespace (binary data is not text).
    static func isText(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 8 else { return false }
        return bytes.allSatisfy(isText)
    }

    static func isText(_ byte: UInt8) -> Bool {
        (byte >= 0x20 && byte < 0x7F) || byte == 0x0A || byte == 0x0D || byte == 0x09
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
