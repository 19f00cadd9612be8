/// One 512-byte tar header block, decoded: the v7 fields, the POSIX ustar name prefix, and
/// sizes in octal or GNU base-256. The checksum is verified, so a corrupt or misaligned block
/// is refused instead of being read as a file.
struct TarHeader {
    static let blockSize = 512

    /// The name as the block stores it (ustar prefix joined); pax or GNU records may replace it.
    var name: [UInt8]
    var linkName: [UInt8]
    var mode: Int
    var size: Int
    var typeFlag: UInt8

    init(_ block: [UInt8]) throws(TarFault) {
        guard block.count == Self.blockSize else { throw TarFault("a header is \(Self.blockSize) bytes, not \(block.count)") }
        try Self.verifyChecksum(block)
        typeFlag = block[156]
        mode = try Self.number(block, 100..<108, field: "mode")
        size = try Self.number(block, 124..<136, field: "size")
        linkName = Self.text(block, 157..<257)
        let ownName = Self.text(block, 0..<100)
        // POSIX ustar ("ustar\0" + "00") keeps the start of long names in a prefix field; GNU's
        // "ustar  \0" uses those bytes for other things.
        let isPOSIX = block[257..<263].elementsEqual("ustar\0".utf8)
        let prefix = isPOSIX ? Self.text(block, 345..<500) : []
        name = prefix.isEmpty ? ownName : prefix + [UInt8(ascii: "/")] + ownName
    }

    /// Two all-zero blocks end an archive.
    static func isZero(_ block: [UInt8]) -> Bool {
        block.allSatisfy { $0 == 0 }
    }

    /// The stored checksum is the sum of the block's bytes with its own field read as spaces;
    /// some old archivers summed signed bytes, which is accepted too.
    private static func verifyChecksum(_ block: [UInt8]) throws(TarFault) {
        var unsigned = 0
        var signed = 0
        for index in 0..<blockSize {
            let byte = (148..<156).contains(index) ? UInt8(ascii: " ") : block[index]
            unsigned += Int(byte)
            signed += Int(Int8(bitPattern: byte))
        }
        let recorded: Int
        do {
            recorded = try number(block, 148..<156, field: "checksum")
        } catch {
            throw TarFault("not a tar header (\(error.message)); the archive is corrupt or not a tar file")
        }
        guard recorded == unsigned || recorded == signed else {
            throw TarFault(
                "checksum says \(recorded) but the block sums to \(unsigned); the archive is corrupt or not a tar file")
        }
    }

    /// The bytes of a NUL-terminated (or full-width) text field.
    private static func text(_ block: [UInt8], _ range: Range<Int>) -> [UInt8] {
        let field = block[range]
        return Array(field.prefix { $0 != 0 })
    }

    /// An octal number padded with spaces or NULs, or GNU base-256 (high bit set) for values
    /// that do not fit: sizes past 8 GiB.
    static func number(_ block: [UInt8], _ range: Range<Int>, field: String) throws(TarFault) -> Int {
        let bytes = block[range]
        guard let first = bytes.first else { return 0 }
        if first & 0x80 != 0 {
            guard first == 0x80 else { throw TarFault("the \(field) field holds a negative base-256 number") }
            var value = 0
            for byte in bytes.dropFirst() {
                guard value <= (Int.max >> 8) else { throw TarFault("the \(field) field overflows") }
                value = value << 8 | Int(byte)
            }
            return value
        }
        var value = 0
        var started = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                guard value <= (Int.max >> 3) else { throw TarFault("the \(field) field overflows") }
                value = value << 3 | Int(byte - UInt8(ascii: "0"))
                started = true
            case UInt8(ascii: " "), 0:
                if started { return value }
            default:
                throw TarFault("the \(field) field holds \(byte) (\"\(Character(Unicode.Scalar(byte)))\"), not an octal digit")
            }
        }
        return value
    }
}

/// Something wrong inside a tar stream, in a few words; the reader puts the archive and member
/// names in front.
struct TarFault: Error {
    let message: String

    init(_ message: String) {
        self.message = message
    }
}
