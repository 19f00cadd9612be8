import Foundation

/// Writes ZIP archives byte by byte, including malformed ones no archiver would write, for the
/// archive reader's tests. Entries are stored, or deflated as one stored deflate block (valid
/// method-8 data made without a compressor), or carry a deflate payload made elsewhere.
struct ZipBuilder {
    struct Entry {
        var name: String
        /// The uncompressed bytes: what sizes and the CRC describe unless overridden.
        var content: [UInt8]
        /// The bytes written as the entry's data.
        var payload: [UInt8]
        var method: UInt16
        var flags: UInt16 = 0x0800
        var crc32: UInt32
        var uncompressedSize: Int
        /// Where the central directory says the local header is, when not where it really is.
        var centralOffset: Int?
        /// The name written in the local header, when not `name`.
        var localName: String?

        init(name: String, content: [UInt8], payload: [UInt8], method: UInt16) {
            self.name = name
            self.content = content
            self.payload = payload
            self.method = method
            crc32 = ZipBuilder.crc32(content)
            uncompressedSize = content.count
        }

        static func stored(_ name: String, _ content: [UInt8]) -> Entry {
            Entry(name: name, content: content, payload: content, method: 0)
        }

        static func stored(_ name: String, _ text: String) -> Entry {
            stored(name, Array(text.utf8))
        }

        /// A final stored deflate block: header bit, then LEN and its complement (content under 64 KiB).
        static func deflated(_ name: String, _ content: [UInt8]) -> Entry {
            let length = UInt16(content.count)
            let block: [UInt8] = [0x01, UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8(~length >> 8)]
            return Entry(name: name, content: content, payload: block + content, method: 8)
        }
    }

    var entries: [Entry]
    /// Sizes and offsets saturated in the 32-bit fields and given in ZIP64 extra fields, with
    /// ZIP64 end records, as archivers write them past 65,535 entries or 4 GiB.
    var zip64 = false
    var declaredEntryCount: Int?
    var declaredDirectoryOffset: Int?

    init(_ entries: [Entry], zip64: Bool = false) {
        self.entries = entries
        self.zip64 = zip64
    }

    func write(to path: String) throws {
        try Data(bytes()).write(to: URL(fileURLWithPath: path))
    }

    func bytes() -> [UInt8] {
        var output: [UInt8] = []
        var offsets: [Int] = []
        for entry in entries {
            offsets.append(output.count)
            let name = Array((entry.localName ?? entry.name).utf8)
            let extra = zip64 ? Self.zip64Extra([entry.uncompressedSize, entry.payload.count]) : []
            output.append(uint32: 0x0403_4B50)
            output.append(uint16: zip64 ? 45 : 20)
            output.append(uint16: entry.flags)
            output.append(uint16: entry.method)
            output.append(uint32: 0)
            output.append(uint32: entry.crc32)
            output.append(uint32: zip64 ? UInt32.max : UInt32(entry.payload.count))
            output.append(uint32: zip64 ? UInt32.max : UInt32(entry.uncompressedSize))
            output.append(uint16: UInt16(name.count))
            output.append(uint16: UInt16(extra.count))
            output += name + extra + entry.payload
        }
        let directoryOffset = output.count
        for (entry, offset) in zip(entries, offsets) {
            let name = Array(entry.name.utf8)
            let headerOffset = entry.centralOffset ?? offset
            let extra = zip64 ? Self.zip64Extra([entry.uncompressedSize, entry.payload.count, headerOffset]) : []
            output.append(uint32: 0x0201_4B50)
            output.append(uint16: 0x031E)
            output.append(uint16: zip64 ? 45 : 20)
            output.append(uint16: entry.flags)
            output.append(uint16: entry.method)
            output.append(uint32: 0)
            output.append(uint32: entry.crc32)
            output.append(uint32: zip64 ? UInt32.max : UInt32(entry.payload.count))
            output.append(uint32: zip64 ? UInt32.max : UInt32(entry.uncompressedSize))
            output.append(uint16: UInt16(name.count))
            output.append(uint16: UInt16(extra.count))
            output += [UInt8](repeating: 0, count: 10)
            output.append(uint32: zip64 ? UInt32.max : UInt32(headerOffset))
            output += name + extra
        }
        let directorySize = output.count - directoryOffset
        let count = declaredEntryCount ?? entries.count
        let offset = declaredDirectoryOffset ?? directoryOffset
        if zip64 {
            let endOffset = output.count
            output.append(uint32: 0x0606_4B50)
            output.append(uint64: 44)
            output.append(uint16: 45)
            output.append(uint16: 45)
            output.append(uint32: 0)
            output.append(uint32: 0)
            output.append(uint64: UInt64(count))
            output.append(uint64: UInt64(count))
            output.append(uint64: UInt64(directorySize))
            output.append(uint64: UInt64(offset))
            output.append(uint32: 0x0706_4B50)
            output.append(uint32: 0)
            output.append(uint64: UInt64(endOffset))
            output.append(uint32: 1)
        }
        output.append(uint32: 0x0605_4B50)
        output += [0, 0, 0, 0]
        output.append(uint16: zip64 ? UInt16.max : UInt16(count))
        output.append(uint16: zip64 ? UInt16.max : UInt16(count))
        output.append(uint32: zip64 ? UInt32.max : UInt32(directorySize))
        output.append(uint32: zip64 ? UInt32.max : UInt32(offset))
        output.append(uint16: 0)
        return output
    }

    private static func zip64Extra(_ values: [Int]) -> [UInt8] {
        var extra: [UInt8] = []
        extra.append(uint16: 0x0001)
        extra.append(uint16: UInt16(values.count * 8))
        for value in values { extra.append(uint64: UInt64(value)) }
        return extra
    }

    /// CRC-32 (the ISO-HDLC polynomial ZIP uses), bit by bit: slow, but independent of zlib.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

extension [UInt8] {
    mutating func append(uint16 value: UInt16) {
        append(contentsOf: [UInt8(value & 0xFF), UInt8(value >> 8)])
    }

    mutating func append(uint32 value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    mutating func append(uint64 value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
