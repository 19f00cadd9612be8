/// Reads the little-endian fields of ZIP records from bytes already in memory. A read past the
/// end throws instead of trapping, so a record cut short is reported, not a crash.
struct LittleEndianReader {
    private let bytes: [UInt8]
    private(set) var position: Int
    /// Says what is being read, for the error when it is cut short ("central directory entry 12").
    private let what: String

    init(_ bytes: [UInt8], at position: Int = 0, reading what: String) {
        self.bytes = bytes
        self.position = position
        self.what = what
    }

    var remaining: Int { bytes.count - position }

    mutating func uint16() throws(ZipFault) -> UInt16 {
        UInt16(truncatingIfNeeded: try unsigned(2))
    }

    mutating func uint32() throws(ZipFault) -> UInt32 {
        UInt32(truncatingIfNeeded: try unsigned(4))
    }

    mutating func uint64() throws(ZipFault) -> UInt64 {
        try unsigned(8)
    }

    mutating func bytes(_ count: Int) throws(ZipFault) -> [UInt8] {
        try need(count)
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func skip(_ count: Int) throws(ZipFault) {
        try need(count)
        position += count
    }

    private mutating func unsigned(_ width: Int) throws(ZipFault) -> UInt64 {
        try need(width)
        var value: UInt64 = 0
        for index in (0..<width).reversed() {
            value = value << 8 | UInt64(bytes[position + index])
        }
        position += width
        return value
    }

    private func need(_ count: Int) throws(ZipFault) {
        guard count >= 0, count <= remaining else {
            throw ZipFault("\(what) is cut short: \(count) bytes needed at byte \(position), \(max(remaining, 0)) left")
        }
    }
}
