/// One file listed in a ZIP archive's central directory. The central directory is the
/// authority for sizes and CRC: streaming writers (Go's archive/zip among them) leave them zero
/// in the local header and put them in a data descriptor after the data.
struct ZipEntry: Sendable {
    enum Method: Equatable, Sendable {
        case stored
        case deflated
        case other(UInt16)

        init(code: UInt16) {
            switch code {
            case 0: self = .stored
            case 8: self = .deflated
            default: self = .other(code)
            }
        }
    }

    /// Position in the central directory, from 0.
    let index: Int
    let name: String
    let nameBytes: [UInt8]
    let flags: UInt16
    let method: Method
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int
    /// Where the next entry (or the central directory) begins: this entry's header and data must
    /// end by then, or two entries share bytes (the overlapping-entry form of a ZIP bomb).
    var dataLimit: Int

    var isDirectory: Bool { name.hasSuffix("/") }

    /// Bit 0 (traditional encryption) or bit 6 (strong encryption); method 99 is WinZip AES.
    var isEncrypted: Bool { flags & 0x0041 != 0 || method == .other(99) }

    /// Why the name could not be a file inside the archive's folder, if it could not: an
    /// extractor would write such an entry elsewhere, so it is refused even though nothing here
    /// writes to disk.
    var unsafeNameReason: String? {
        if name.isEmpty { return "has an empty name" }
        if nameBytes.contains(0) { return "has a NUL byte in its name" }
        if name.hasPrefix("/") || name.hasPrefix("\\") { return "has an absolute name" }
        let scalars = Array(name.unicodeScalars.prefix(2))
        if scalars.count == 2, scalars[1] == ":", scalars[0].properties.isAlphabetic { return "names a drive (\(scalars[0]):)" }
        let components = name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if components.contains("..") { return "climbs out of the archive's folder with \"..\"" }
        return nil
    }

    static let centralSignature: UInt32 = 0x0201_4B50
    private static let zip64ExtraID: UInt16 = 0x0001

    /// Reads one central directory record at the reader's position and leaves it after the record.
    init(index: Int, from reader: inout LittleEndianReader) throws(ZipFault) {
        guard try reader.uint32() == Self.centralSignature else {
            throw ZipFault("central directory entry \(index) has no central directory signature; the directory is damaged")
        }
        try reader.skip(4)
        flags = try reader.uint16()
        method = Method(code: try reader.uint16())
        try reader.skip(4)
        crc32 = try reader.uint32()
        let compressed32 = try reader.uint32()
        let uncompressed32 = try reader.uint32()
        let nameLength = Int(try reader.uint16())
        let extraLength = Int(try reader.uint16())
        let commentLength = Int(try reader.uint16())
        try reader.skip(8)
        let offset32 = try reader.uint32()
        nameBytes = try reader.bytes(nameLength)
        let extra = try reader.bytes(extraLength)
        try reader.skip(commentLength)
        self.index = index
        name = String(decoding: nameBytes, as: UTF8.self)

        // ZIP64 values follow in this order, each present only when its 32-bit field is saturated.
        var zip64 = try Self.zip64Field(in: extra, entry: index)
        func widened(_ value: UInt32, _ field: String) throws(ZipFault) -> Int {
            guard value == UInt32.max else { return Int(value) }
            guard var values = zip64 else {
                throw ZipFault("central directory entry \(index) saturates its \(field) but has no ZIP64 extra field")
            }
            let wide = try values.uint64()
            zip64 = values
            guard wide <= UInt64(Int.max) else { throw ZipFault("central directory entry \(index) has an impossible \(field) (\(wide))") }
            return Int(wide)
        }
        uncompressedSize = try widened(uncompressed32, "uncompressed size")
        compressedSize = try widened(compressed32, "compressed size")
        localHeaderOffset = try widened(offset32, "local header offset")
        dataLimit = localHeaderOffset
    }

    /// The data of the ZIP64 extended-information extra field, when the entry has one.
    private static func zip64Field(in extra: [UInt8], entry: Int) throws(ZipFault) -> LittleEndianReader? {
        var fields = LittleEndianReader(extra, reading: "the extra fields of central directory entry \(entry)")
        while fields.remaining >= 4 {
            let id = try fields.uint16()
            let length = Int(try fields.uint16())
            let data = try fields.bytes(length)
            if id == zip64ExtraID { return LittleEndianReader(data, reading: "the ZIP64 field of central directory entry \(entry)") }
        }
        return nil
    }
}
