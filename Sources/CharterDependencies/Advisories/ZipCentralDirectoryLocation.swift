/// Where an archive's central directory is and how many entries it lists, read from the
/// end-of-central-directory record at the file's tail and, when the counts or offsets overflow
/// it (more than 65,535 entries, or past 4 GiB), from the ZIP64 end record it points to.
struct ZipCentralDirectoryLocation {
    let entryCount: Int
    let offset: Int
    let size: Int

    private static let endSignature: UInt32 = 0x0605_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let zip64EndSignature: UInt32 = 0x0606_4B50
    private static let endLength = 22
    private static let zip64LocatorLength = 20
    private static let zip64EndLength = 56
    private static let longestComment = 0xFFFF

    init(entryCount: Int, offset: Int, size: Int) {
        self.entryCount = entryCount
        self.offset = offset
        self.size = size
    }

    init(in file: PositionedFile) throws(ZipFault) {
        let tailLength = min(file.size, Self.endLength + Self.longestComment)
        let tail = try file.read(tailLength, at: file.size - tailLength)
        guard let endInTail = Self.endRecordPosition(in: tail) else {
            throw ZipFault("no end-of-central-directory record: not a ZIP archive, or truncated (download it again)")
        }
        let endOffset = file.size - tailLength + endInTail
        var end = LittleEndianReader(tail, at: endInTail + 4, reading: "end-of-central-directory record")
        let disk = try end.uint16()
        let directoryDisk = try end.uint16()
        let entriesOnDisk = try end.uint16()
        let entries = try end.uint16()
        let size = try end.uint32()
        let offset = try end.uint32()
        guard disk == 0, directoryDisk == 0, entriesOnDisk == entries else {
            throw ZipFault("spans several disks; split archives are not supported")
        }
        let location: ZipCentralDirectoryLocation
        let directoryEnd: Int
        if let zip64 = try Self.zip64EndOffset(in: file, before: endOffset) {
            location = try Self.readZip64End(in: file, at: zip64, before: endOffset - Self.zip64LocatorLength)
            directoryEnd = zip64
        } else {
            location = ZipCentralDirectoryLocation(entryCount: Int(entries), offset: Int(offset), size: Int(size))
            directoryEnd = endOffset
        }
        // Requiring the directory to end exactly where the end records begin leaves no room for
        // hidden bytes or for offsets that point back into entry data.
        guard location.offset <= directoryEnd, location.size == directoryEnd - location.offset else {
            throw ZipFault("the central directory (offset \(location.offset), \(location.size) bytes) does not end where the end record begins (byte \(directoryEnd)); the archive is damaged or has data prepended")
        }
        self = location
    }

    /// The last end record whose comment length reaches exactly to the end of the file.
    private static func endRecordPosition(in tail: [UInt8]) -> Int? {
        var position = tail.count - endLength
        while position >= 0 {
            var reader = LittleEndianReader(tail, at: position, reading: "end record")
            if (try? reader.uint32()) == endSignature {
                reader = LittleEndianReader(tail, at: position + endLength - 2, reading: "end record")
                if let comment = try? reader.uint16(), position + endLength + Int(comment) == tail.count {
                    return position
                }
            }
            position -= 1
        }
        return nil
    }

    private static func zip64EndOffset(in file: PositionedFile, before endOffset: Int) throws(ZipFault) -> Int? {
        guard endOffset >= zip64LocatorLength else { return nil }
        let bytes = try file.read(zip64LocatorLength, at: endOffset - zip64LocatorLength)
        var locator = LittleEndianReader(bytes, reading: "ZIP64 end locator")
        guard try locator.uint32() == zip64LocatorSignature else { return nil }
        let disk = try locator.uint32()
        let offset = try locator.uint64()
        let disks = try locator.uint32()
        guard disk == 0, disks <= 1 else { throw ZipFault("spans several disks; split archives are not supported") }
        guard offset <= UInt64(endOffset - zip64LocatorLength - zip64EndLength) else {
            throw ZipFault("the ZIP64 end locator points to offset \(offset), outside the archive's \(file.size) bytes")
        }
        return Int(offset)
    }

    private static func readZip64End(in file: PositionedFile, at offset: Int, before locatorOffset: Int) throws(ZipFault) -> ZipCentralDirectoryLocation {
        var end = LittleEndianReader(try file.read(zip64EndLength, at: offset), reading: "ZIP64 end record")
        guard try end.uint32() == zip64EndSignature else {
            throw ZipFault("no ZIP64 end record at offset \(offset), where the locator points")
        }
        let recordSize = try end.uint64()
        guard recordSize >= UInt64(zip64EndLength - 12), recordSize == UInt64(locatorOffset - offset - 12) else {
            throw ZipFault("the ZIP64 end record at offset \(offset) declares \(recordSize) bytes but \(locatorOffset - offset - 12) lie before its locator")
        }
        try end.skip(4)
        let disk = try end.uint32()
        let directoryDisk = try end.uint32()
        let entriesOnDisk = try end.uint64()
        let entries = try end.uint64()
        let size = try end.uint64()
        let directoryOffset = try end.uint64()
        guard disk == 0, directoryDisk == 0, entriesOnDisk == entries else {
            throw ZipFault("spans several disks; split archives are not supported")
        }
        let limit = UInt64(file.size)
        guard entries <= limit, size <= limit, directoryOffset <= limit else {
            throw ZipFault("the ZIP64 end record's counts (\(entries) entries, \(size) bytes at offset \(directoryOffset)) exceed the \(file.size)-byte file")
        }
        return ZipCentralDirectoryLocation(entryCount: Int(entries), offset: Int(directoryOffset), size: Int(size))
    }
}
