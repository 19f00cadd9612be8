/// Reads tar members one after another: ustar, GNU long names and link names (`L`, `K`) and pax
/// extended headers (`x`, and `g` for all later members: `path`, `linkpath`, `size`). Headers are
/// checksummed; an archive that ends inside a header or a member's data is an error naming the
/// archive and the member, while one that ends cleanly between members is accepted without its
/// end marker, as GNU tar and Go read it.
final class TarReader<Input: TarInput> {
    let input: Input
    /// How messages start: the archive, and the layer within it.
    let archive: String
    /// The most a pax header or GNU long name may hold; real ones are a few hundred bytes.
    let largestRecord: Int
    private var dataRemaining = 0
    private var paddingRemaining = 0
    private var current: String?
    private var globalRecords: [String: [UInt8]] = [:]
    private var ended = false

    init(_ input: Input, archive: String, largestRecord: Int = 1 << 20) {
        self.input = input
        self.archive = archive
        self.largestRecord = largestRecord
    }

    /// The next member, after skipping whatever is left of the previous one's data; nil at the end.
    func next() throws(ImageArchiveError) -> TarEntry? {
        guard !ended else { return nil }
        try finishCurrent()
        var longName: [UInt8]?
        var longLink: [UInt8]?
        var localRecords: [String: [UInt8]] = [:]
        while true {
            let headerOffset = input.position
            guard let block = try readBlock(at: headerOffset) else {
                ended = true
                if longName != nil || longLink != nil || !localRecords.isEmpty {
                    throw problem(at: headerOffset, "the archive ends after a long-name or pax record, before the member it describes; it is truncated")
                }
                return nil
            }
            if TarHeader.isZero(block) {
                try readEndMarker(after: headerOffset)
                return nil
            }
            let header: TarHeader
            do {
                header = try TarHeader(block)
            } catch {
                throw problem(at: headerOffset, error.message)
            }
            switch header.typeFlag {
            case UInt8(ascii: "L"): longName = try record(header, at: headerOffset).prefix { $0 != 0 }
            case UInt8(ascii: "K"): longLink = try record(header, at: headerOffset).prefix { $0 != 0 }
            case UInt8(ascii: "x"): localRecords.merge(try paxRecords(header, at: headerOffset)) { $1 }
            case UInt8(ascii: "g"): globalRecords.merge(try paxRecords(header, at: headerOffset)) { $1 }
            default:
                return try entry(header, longName: longName, longLink: longLink, records: globalRecords.merging(localRecords) { $1 })
            }
        }
    }

    /// Up to `buffer.count` bytes of the current member's data; 0 once it is all read.
    func readContent(into buffer: UnsafeMutableRawBufferPointer) throws(ImageArchiveError) -> Int {
        let wanted = min(buffer.count, dataRemaining)
        guard wanted > 0 else { return 0 }
        let count = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<wanted]))
        guard count > 0 else { throw truncatedInData() }
        dataRemaining -= count
        return count
    }

    private func entry(_ header: TarHeader, longName: [UInt8]?, longLink: [UInt8]?, records: [String: [UInt8]]) throws(ImageArchiveError) -> TarEntry {
        let nameBytes = records["path"] ?? longName ?? header.name
        let linkBytes = records["linkpath"] ?? longLink ?? header.linkName
        let (path, pathDecoded) = Self.decode(nameBytes)
        let (link, linkDecoded) = Self.decode(linkBytes)
        current = path
        var size = header.size
        if let value = records["size"] {
            do { size = try PaxRecords.size(value) } catch { throw problem(member: path, error.message) }
        }
        var kind = TarEntry.Kind(flag: header.typeFlag, name: nameBytes)
        // GNU sparse files written through pax keep their real layout in records this reader does not apply.
        if records.keys.contains(where: { $0.hasPrefix("GNU.sparse.") }) { kind = .other(UInt8(ascii: "S")) }
        dataRemaining = TarEntry.Kind.hasData(flag: header.typeFlag) ? size : 0
        paddingRemaining = Self.padding(after: dataRemaining)
        return TarEntry(
            path: path, linkTarget: link, kind: kind, size: dataRemaining, mode: header.mode & 0o7777,
            contentOffset: input.position, hasUndecodableName: !pathDecoded || !linkDecoded)
    }

    private func finishCurrent() throws(ImageArchiveError) {
        if dataRemaining > 0 {
            let skipped = try input.skip(dataRemaining)
            dataRemaining -= skipped
            guard dataRemaining == 0 else { throw truncatedInData() }
        }
        if paddingRemaining > 0 {
            let skipped = try input.skip(paddingRemaining)
            paddingRemaining -= skipped
            guard paddingRemaining == 0 else {
                throw problem(member: current ?? "", "the archive ends inside the padding after this member's data; it is truncated")
            }
        }
    }

    /// A zero block must be followed by another, or by the end of the input.
    private func readEndMarker(after offset: Int) throws(ImageArchiveError) {
        ended = true
        guard let second = try readBlock(at: offset + TarHeader.blockSize) else { return }
        guard TarHeader.isZero(second) else {
            throw problem(at: offset, "a zero block is followed by more data instead of a second zero block; the archive is corrupt")
        }
    }

    private func readBlock(at offset: Int) throws(ImageArchiveError) -> [UInt8]? {
        var block = [UInt8](repeating: 0, count: TarHeader.blockSize)
        let count = try input.read(into: &block)
        if count == 0 { return nil }
        guard count == TarHeader.blockSize else {
            throw problem(at: offset, "the archive ends \(count) bytes into this header; it is truncated")
        }
        return block
    }

    /// The data of a long-name or pax member, read whole (it is bounded by `largestRecord`).
    private func record(_ header: TarHeader, at offset: Int) throws(ImageArchiveError) -> [UInt8] {
        guard header.size <= largestRecord else {
            throw ImageArchiveError(
                .limitExceeded,
                "\(archive): the \(Character(Unicode.Scalar(header.typeFlag))) record at offset \(offset) holds \(header.size) bytes, "
                    + "more than the \(largestRecord) allowed for a name or pax header")
        }
        var data = [UInt8](repeating: 0, count: header.size)
        let count = try input.read(into: &data)
        let padding = Self.padding(after: header.size)
        guard count == header.size, try input.skip(padding) == padding else {
            throw problem(at: offset, "the archive ends inside this \(header.size)-byte long-name or pax record; it is truncated")
        }
        return data
    }

    private func paxRecords(_ header: TarHeader, at offset: Int) throws(ImageArchiveError) -> [String: [UInt8]] {
        let data = try record(header, at: offset)
        do {
            return try PaxRecords.parse(data)
        } catch {
            throw problem(at: offset, error.message)
        }
    }

    private func truncatedInData() -> ImageArchiveError {
        problem(member: current ?? "", "its data is cut short: the archive ends \(dataRemaining) bytes before this member's end; it is truncated")
    }

    private func problem(member: String, _ message: String) -> ImageArchiveError {
        ImageArchiveError(.malformed, "\(archive): member \(member): \(message)")
    }

    private func problem(at offset: Int, _ message: String) -> ImageArchiveError {
        let after = current.map { " (after member \($0))" } ?? ""
        return ImageArchiveError(.malformed, "\(archive): header at offset \(offset)\(after): \(message)")
    }

    private static func padding(after size: Int) -> Int {
        (TarHeader.blockSize - size % TarHeader.blockSize) % TarHeader.blockSize
    }

    private static func decode(_ bytes: [UInt8]) -> (String, Bool) {
        if let text = String(validating: bytes, as: UTF8.self) { return (text, true) }
        return (String(decoding: bytes, as: UTF8.self), false)
    }
}
