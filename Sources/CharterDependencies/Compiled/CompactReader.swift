/// Reads what `CompactWriter` wrote. Every read checks the bounds and throws on bytes cut short
/// or out of range, so a damaged table is an error, never a crash.
struct CompactReader {
    struct Damaged: Error, CustomStringConvertible {
        let description: String
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position == bytes.count }

    mutating func int() throws(Damaged) -> Int {
        var value: UInt = 0
        var shift: UInt = 0
        while true {
            guard position < bytes.count else { throw Damaged(description: "cut short at byte \(position)") }
            let byte = bytes[position]
            position += 1
            guard shift < 63 || (shift == 63 && byte <= 1) else { throw Damaged(description: "an integer is too long at byte \(position)") }
            value |= UInt(byte & 0x7F) << shift
            if byte < 0x80 { return Int(bitPattern: value) }
            shift += 7
        }
    }

    /// A count of things that follow, each taking at least one byte: larger than what is left is damage.
    mutating func count() throws(Damaged) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - position else { throw Damaged(description: "a count of \(value) at byte \(position) exceeds the table") }
        return value
    }

    /// An index below `limit`.
    mutating func index(below limit: Int) throws(Damaged) -> Int {
        let value = try int()
        guard value >= 0, value < limit else { throw Damaged(description: "index \(value) at byte \(position) is out of range (\(limit))") }
        return value
    }

    mutating func bool() throws(Damaged) -> Bool {
        guard position < bytes.count else { throw Damaged(description: "cut short at byte \(position)") }
        defer { position += 1 }
        switch bytes[position] {
        case 0: return false
        case 1: return true
        default: throw Damaged(description: "byte \(position) is not a flag")
        }
    }

    mutating func string() throws(Damaged) -> String {
        let length = try count()
        defer { position += length }
        return String(decoding: bytes[position..<position + length], as: UTF8.self)
    }

    mutating func optionalString() throws(Damaged) -> String? {
        try bool() ? try string() : nil
    }

    mutating func double() throws(Damaged) -> Double {
        guard bytes.count - position >= 8 else { throw Damaged(description: "cut short at byte \(position)") }
        var bits: UInt64 = 0
        for offset in (0..<8).reversed() { bits = bits << 8 | UInt64(bytes[position + offset]) }
        position += 8
        return Double(bitPattern: bits)
    }

    mutating func strings() throws(Damaged) -> [String] {
        let count = try count()
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string()) }
        return values
    }

    mutating func ints() throws(Damaged) -> [Int] {
        let count = try count()
        var values: [Int] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try int()) }
        return values
    }
}
