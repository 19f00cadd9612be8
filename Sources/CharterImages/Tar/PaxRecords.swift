/// The records of a pax extended header (`x`, or `g` for every later member): lines of
/// `<length> <key>=<value>\n`, where the length counts the whole line.
enum PaxRecords {
    static func parse(_ bytes: [UInt8]) throws(TarFault) -> [String: [UInt8]] {
        var records: [String: [UInt8]] = [:]
        var index = 0
        while index < bytes.count {
            // Some writers pad the data with NULs after the last record.
            if bytes[index] == 0 { break }
            var length = 0
            var cursor = index
            while cursor < bytes.count, bytes[cursor] != UInt8(ascii: " ") {
                let digit = bytes[cursor]
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit), length < bytes.count else {
                    throw TarFault("pax header record at byte \(index) has no valid length")
                }
                length = length * 10 + Int(digit - UInt8(ascii: "0"))
                cursor += 1
            }
            let end = index + length
            guard cursor < bytes.count, length > 0, end <= bytes.count, end > cursor + 1, bytes[end - 1] == UInt8(ascii: "\n") else {
                throw TarFault("pax header record at byte \(index) declares a length of \(length), which does not fit the header")
            }
            let body = bytes[(cursor + 1)..<(end - 1)]
            guard let equals = body.firstIndex(of: UInt8(ascii: "=")) else {
                throw TarFault("pax header record at byte \(index) has no \"=\"")
            }
            let key = String(decoding: body[body.startIndex..<equals], as: UTF8.self)
            records[key] = Array(body[(equals + 1)...])
            index = end
        }
        return records
    }

    /// A decimal size record (`size`), which overrides the header's for files past 8 GiB.
    static func size(_ value: [UInt8]) throws(TarFault) -> Int {
        guard !value.isEmpty, value.count <= 18, value.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let size = Int(String(decoding: value, as: UTF8.self))
        else {
            throw TarFault("pax size record \"\(String(decoding: value.prefix(40), as: UTF8.self))\" is not a decimal size")
        }
        return size
    }
}
