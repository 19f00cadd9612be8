/// Writes tar archives byte by byte, including malformed ones no archiver would write, for the
/// tar reader's and the layer applier's tests.
struct TarBuilder {
    enum Member {
        case entry(Entry)
        /// A GNU `L` record: the next entry's long name.
        case longName(String)
        /// A GNU `K` record: the next entry's long link target.
        case longLink(String)
        /// A pax `x` header for the next entry.
        case pax([(String, String)])
        /// A pax `g` header for every later entry.
        case globalPax([(String, String)])
        /// Bytes written as they are.
        case raw([UInt8])
    }

    struct Entry {
        var name: String
        var type: UInt8
        var content: [UInt8] = []
        var linkName = ""
        var mode = 0o644
        /// The size field, when it should not be the content's size.
        var declaredSize: Int?
        /// The ustar prefix field (the name's start, for names past 100 bytes).
        var prefix = ""
        var corruptChecksum = false
        /// The size in GNU base-256 instead of octal.
        var base256Size = false
        /// Name bytes written instead of `name` (which cannot hold bytes that are not UTF-8).
        var rawName: [UInt8]?

        static func file(_ name: String, _ text: String, mode: Int = 0o644) -> Entry {
            Entry(name: name, type: UInt8(ascii: "0"), content: Array(text.utf8), mode: mode)
        }

        static func file(_ name: String, bytes: [UInt8]) -> Entry {
            Entry(name: name, type: UInt8(ascii: "0"), content: bytes)
        }

        static func directory(_ name: String, mode: Int = 0o755) -> Entry {
            Entry(name: name, type: UInt8(ascii: "5"), mode: mode)
        }

        static func symlink(_ name: String, to target: String) -> Entry {
            Entry(name: name, type: UInt8(ascii: "2"), linkName: target, mode: 0o777)
        }

        static func hardLink(_ name: String, to target: String) -> Entry {
            Entry(name: name, type: UInt8(ascii: "1"), linkName: target)
        }

        static func special(_ name: String, type: Character) -> Entry {
            Entry(name: name, type: type.asciiValue ?? 0)
        }
    }

    var members: [Member]
    var endMarker = true

    init(_ members: [Member], endMarker: Bool = true) {
        self.members = members
        self.endMarker = endMarker
    }

    init(entries: [Entry]) {
        self.init(entries.map(Member.entry))
    }

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        for member in members {
            switch member {
            case .entry(let entry):
                // As GNU tar does: names and targets past their 100-byte fields go in `L` and `K` records first.
                if entry.prefix.isEmpty, entry.name.utf8.count > 100 { out += Self.record(type: "L", Array(entry.name.utf8) + [0]) }
                if entry.linkName.utf8.count > 100 { out += Self.record(type: "K", Array(entry.linkName.utf8) + [0]) }
                out += Self.header(entry) + Self.padded(entry.content)
            case .longName(let name): out += Self.record(type: "L", Array(name.utf8) + [0])
            case .longLink(let name): out += Self.record(type: "K", Array(name.utf8) + [0])
            case .pax(let records): out += Self.record(type: "x", Self.paxData(records))
            case .globalPax(let records): out += Self.record(type: "g", Self.paxData(records))
            case .raw(let bytes): out += bytes
            }
        }
        if endMarker { out += [UInt8](repeating: 0, count: 1024) }
        return out
    }

    static func paxData(_ records: [(String, String)]) -> [UInt8] {
        var data: [UInt8] = []
        for (key, value) in records {
            let body = " \(key)=\(value)\n"
            var length = body.utf8.count + 1
            while "\(length)".utf8.count + body.utf8.count != length { length += 1 }
            data += Array("\(length)\(body)".utf8)
        }
        return data
    }

    private static func record(type: Character, _ data: [UInt8]) -> [UInt8] {
        header(Entry(name: "././@LongLink", type: type.asciiValue ?? 0, content: data)) + padded(data)
    }

    static func padded(_ data: [UInt8]) -> [UInt8] {
        data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
    }

    static func header(_ entry: Entry) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: [UInt8], at offset: Int, width: Int) {
            for (index, byte) in text.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, width: Int) -> [UInt8] {
            let digits = String(value, radix: 8)
            return Array((String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits).utf8) + [0]
        }
        put(entry.rawName ?? Array(entry.name.utf8), at: 0, width: 100)
        put(octal(entry.mode, width: 8), at: 100, width: 8)
        put(octal(0, width: 8), at: 108, width: 8)
        put(octal(0, width: 8), at: 116, width: 8)
        let size = entry.declaredSize ?? entry.content.count
        if entry.base256Size {
            block[124] = 0x80
            for index in 0..<8 { block[135 - index] = UInt8(truncatingIfNeeded: size >> (index * 8)) }
        } else {
            put(octal(size, width: 12), at: 124, width: 12)
        }
        put(octal(1_700_000_000, width: 12), at: 136, width: 12)
        block[156] = entry.type
        put(Array(entry.linkName.utf8), at: 157, width: 100)
        put(Array("ustar\0".utf8), at: 257, width: 6)
        put(Array("00".utf8), at: 263, width: 2)
        put(Array("root".utf8), at: 265, width: 32)
        put(Array("root".utf8), at: 297, width: 32)
        put(Array(entry.prefix.utf8), at: 345, width: 155)
        for index in 148..<156 { block[index] = UInt8(ascii: " ") }
        var sum = block.reduce(0) { $0 + Int($1) }
        if entry.corruptChecksum { sum += 1 }
        put(octal(sum, width: 7) + [UInt8(ascii: " ")], at: 148, width: 8)
        return block
    }

    /// `bytes` with the checksum of the header at `offset` recomputed, after a test changed a field.
    static func fixingChecksum(_ bytes: [UInt8], headerAt offset: Int) -> [UInt8] {
        var bytes = bytes
        for index in 148..<156 { bytes[offset + index] = UInt8(ascii: " ") }
        let sum = bytes[offset..<(offset + 512)].reduce(0) { $0 + Int($1) }
        let digits = Array(String(sum, radix: 8).utf8)
        let field = [UInt8](repeating: UInt8(ascii: "0"), count: 6 - digits.count) + digits + [0, UInt8(ascii: " ")]
        bytes.replaceSubrange((offset + 148)..<(offset + 156), with: field)
        return bytes
    }
}
