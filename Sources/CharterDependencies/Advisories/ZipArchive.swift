/// A ZIP archive of advisory records (OSV publishes one `all.zip` per ecosystem), read in place:
/// the central directory is listed once, then each entry is read into memory on its own with
/// positioned reads, checked against its CRC-32, and never written anywhere.
///
/// Archives are untrusted input. Every structural fault is an error naming the archive (and the
/// entry), never a crash: names that climb out of the folder, encryption, methods other than
/// stored and deflate, sizes that disagree, data that overlaps another entry or the central
/// directory, and sizes or ratios past `Limits` (decompression bombs).
final class ZipArchive: Sendable {
    struct Limits: Sendable {
        /// The most one entry may inflate to.
        var largestEntry: Int
        /// The most all entries together may declare.
        var largestTotal: Int
        /// The most bytes one compressed byte may inflate to, for entries above `ratioFloor`.
        var highestRatio: Int
        /// Small entries may compress far (a short run of repeated text) without being a threat.
        var ratioFloor: Int
        var mostEntries: Int

        /// JSON compresses about tenfold and long version lists a few dozen-fold; deflate itself
        /// cannot pass about 1,032-fold, which only crafted data approaches.
        static let advisories = Limits(
            largestEntry: AdvisoryFiles.largestRecord, largestTotal: 4 << 30, highestRatio: 200, ratioFloor: 1 << 20,
            mostEntries: 2_000_000)
    }

    let path: String
    /// In central directory order.
    let entries: [ZipEntry]
    private let file: PositionedFile
    private let limits: Limits
    private let directoryOffset: Int

    private static let localSignature: UInt32 = 0x0403_4B50
    private static let localHeaderLength = 30
    private static let centralRecordLength = 46

    init(path: String, limits: Limits = .advisories) throws(DependenciesError) {
        self.path = path
        self.limits = limits
        do throws(ZipFault) {
            file = try PositionedFile(path: path)
            let location = try ZipCentralDirectoryLocation(in: file)
            guard location.entryCount <= limits.mostEntries else {
                throw ZipFault("lists \(location.entryCount) entries, more than the \(limits.mostEntries) an advisory archive may have")
            }
            directoryOffset = location.offset
            let directory = try file.read(location.size, at: location.offset)
            entries = try Self.listEntries(in: directory, count: location.entryCount, directoryOffset: location.offset, limits: limits)
        } catch {
            throw DependenciesError(.inputUnreadable, "\(path): \(error.message)")
        }
    }

    /// Whether the file starts like a ZIP archive (a local header, or the end record of an empty one).
    static func hasSignature(_ path: String) -> Bool {
        guard let file = try? PositionedFile(path: path), let head = try? file.read(4, at: 0) else { return false }
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
    }

    /// The entry's uncompressed bytes, after every check on its headers, size and CRC-32.
    func contents(of entry: ZipEntry) throws(DependenciesError) -> [UInt8] {
        do {
            return try read(entry)
        } catch {
            throw problem(with: entry, error.message)
        }
    }

    /// How messages about `entry` start: the archive, then the entry.
    func source(of entry: ZipEntry) -> String {
        "\(path): entry \(entry.name)"
    }

    func problem(with entry: ZipEntry, _ message: String) -> DependenciesError {
        DependenciesError(.inputUnreadable, "\(source(of: entry)): \(message)")
    }

    private static func listEntries(
        in directory: [UInt8], count: Int, directoryOffset: Int, limits: Limits
    ) throws(ZipFault) -> [ZipEntry] {
        guard count <= directory.count / centralRecordLength else {
            throw ZipFault("declares \(count) entries, more than its \(directory.count)-byte central directory can hold")
        }
        var reader = LittleEndianReader(directory, reading: "the central directory")
        var entries: [ZipEntry] = []
        entries.reserveCapacity(count)
        var total = 0
        for index in 0..<count {
            let entry = try ZipEntry(index: index, from: &reader)
            guard entry.uncompressedSize <= limits.largestTotal - total else {
                throw ZipFault("declares more than \(limits.largestTotal >> 20) MiB uncompressed in all, more than an advisory archive may hold")
            }
            total += entry.uncompressedSize
            entries.append(entry)
        }
        guard reader.remaining == 0 else {
            throw ZipFault("its central directory holds \(reader.remaining) bytes past the \(count) entries its end record declares")
        }
        return boundedByTheirNeighbours(entries, directoryOffset: directoryOffset)
    }

    /// Sets each entry's `dataLimit` to where the next entry in the file begins. Entries that
    /// share a header offset get a limit of their own offset, so reading either fails.
    private static func boundedByTheirNeighbours(_ entries: [ZipEntry], directoryOffset: Int) -> [ZipEntry] {
        var bounded = entries
        let order = entries.indices.sorted { entries[$0].localHeaderOffset < entries[$1].localHeaderOffset }
        for (rank, index) in order.enumerated() {
            let offset = entries[index].localHeaderOffset
            let previous = rank > 0 ? entries[order[rank - 1]].localHeaderOffset : nil
            let next = rank + 1 < order.count ? entries[order[rank + 1]].localHeaderOffset : directoryOffset
            bounded[index].dataLimit = previous == offset ? offset : next
        }
        return bounded
    }

    private func read(_ entry: ZipEntry) throws(ZipFault) -> [UInt8] {
        try checkDeclarations(of: entry)
        guard entry.dataLimit > entry.localHeaderOffset else {
            throw ZipFault("shares its local header at offset \(entry.localHeaderOffset) with another entry; overlapping entries are refused")
        }
        let dataStart = try checkLocalHeader(of: entry)
        let dataEnd = dataStart + entry.compressedSize
        let limit = min(entry.dataLimit, directoryOffset)
        guard dataEnd <= limit else {
            throw ZipFault("its data (bytes \(dataStart)..<\(dataEnd)) runs into the next entry or the central directory at byte \(limit); overlapping entries are refused")
        }
        let compressed = try file.read(entry.compressedSize, at: dataStart)
        let bytes = entry.method == .stored ? compressed : try RawInflater.inflate(compressed, declaredSize: entry.uncompressedSize)
        let checksum = RawInflater.checksum(bytes)
        guard checksum == entry.crc32 else {
            throw ZipFault("its CRC-32 is \(Self.hex(checksum)) but the archive records \(Self.hex(entry.crc32)); the entry is corrupt: download the archive again")
        }
        return bytes
    }

    /// What can be refused from the central directory alone, before any data is read.
    private func checkDeclarations(of entry: ZipEntry) throws(ZipFault) {
        if let reason = entry.unsafeNameReason { throw ZipFault("\(reason); refused") }
        guard !entry.isEncrypted else { throw ZipFault("is encrypted; encrypted entries are not supported: give the archive unencrypted") }
        if case .other(let code) = entry.method {
            throw ZipFault("uses compression method \(code)\(Self.methodNames[code].map { " (\($0))" } ?? ""); only stored (0) and deflate (8) are supported: re-create the archive with deflate")
        }
        guard entry.uncompressedSize <= limits.largestEntry else {
            throw ZipFault("declares \(entry.uncompressedSize) bytes uncompressed, more than the \(limits.largestEntry) an entry may have")
        }
        if entry.method == .stored, entry.compressedSize != entry.uncompressedSize {
            throw ZipFault("is stored uncompressed but declares \(entry.compressedSize) bytes stored and \(entry.uncompressedSize) uncompressed")
        }
        // Deflate adds at most a few bytes per 16 KiB block to data it cannot compress.
        guard entry.compressedSize <= limits.largestEntry + (limits.largestEntry >> 8) + 64 else {
            throw ZipFault("declares \(entry.compressedSize) compressed bytes, more than an entry of at most \(limits.largestEntry) bytes needs")
        }
        if entry.uncompressedSize > limits.ratioFloor, entry.uncompressedSize / max(entry.compressedSize, 1) > limits.highestRatio {
            throw ZipFault("would inflate \(entry.compressedSize) bytes to \(entry.uncompressedSize), more than \(limits.highestRatio)-fold; refused as a likely decompression bomb")
        }
        guard entry.localHeaderOffset < directoryOffset else {
            throw ZipFault("its local header offset \(entry.localHeaderOffset) is not before the central directory at byte \(directoryOffset)")
        }
    }

    /// Checks the local header against the central directory; returns where the data starts.
    private func checkLocalHeader(of entry: ZipEntry) throws(ZipFault) -> Int {
        var header = LittleEndianReader(try file.read(Self.localHeaderLength, at: entry.localHeaderOffset), reading: "the local header")
        guard try header.uint32() == Self.localSignature else {
            throw ZipFault("no local header at offset \(entry.localHeaderOffset), where the central directory points")
        }
        try header.skip(2)
        let flags = try header.uint16()
        let method = try header.uint16()
        try header.skip(4)
        let crc = try header.uint32()
        let compressed = try header.uint32()
        let uncompressed = try header.uint32()
        let nameLength = Int(try header.uint16())
        let extraLength = Int(try header.uint16())
        guard ZipEntry.Method(code: method) == entry.method, flags & 0x0041 == entry.flags & 0x0041 else {
            throw ZipFault("its local header's method or encryption flags differ from the central directory's")
        }
        let name = try file.read(nameLength, at: entry.localHeaderOffset + Self.localHeaderLength)
        guard name == entry.nameBytes else {
            throw ZipFault("its local header names \"\(String(decoding: name, as: UTF8.self))\"; the central directory and local header disagree")
        }
        // Without a data descriptor (flag bit 3) the local header repeats the CRC and sizes;
        // a saturated size defers to the ZIP64 extra field.
        if flags & 0x0008 == 0 {
            let sizesAgree = [(compressed, entry.compressedSize), (uncompressed, entry.uncompressedSize)].allSatisfy { local, central in
                local == UInt32.max || Int(local) == central
            }
            guard crc == entry.crc32, sizesAgree else {
                throw ZipFault("its local header's CRC-32 or sizes differ from the central directory's")
            }
        }
        return entry.localHeaderOffset + Self.localHeaderLength + nameLength + extraLength
    }

    private static let methodNames: [UInt16: String] = [
        1: "shrink", 6: "implode", 9: "Deflate64", 12: "bzip2", 14: "LZMA", 93: "Zstandard", 95: "xz", 98: "PPMd",
    ]

    private static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16)
        return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
    }
}
