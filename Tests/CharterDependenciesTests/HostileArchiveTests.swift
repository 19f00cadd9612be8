import CharterTestSupport
@testable import CharterDependencies
import Foundation
import Testing

/// Archives crafted to attack an extractor or a reader. Each must give a message naming the
/// archive and what is wrong, load whatever honest records it has, and write nothing.
@Suite struct HostileArchiveTests {
    static let record = #"{"id": "GOOD-1", "modified": "2024-01-01T00:00:00Z"}"#
    static let honest = ZipBuilder.Entry.stored("GOOD-1.json", record)

    enum Hostility: String, CaseIterable, Sendable {
        case parentTraversal, backslashTraversal, absoluteName, driveName, traversalInANonRecord
        case encrypted, bzip2, crcMismatch, storedSizesDisagree, inflatesPastDeclaredSize, inflatesShortOfDeclaredSize
        case deflateStreamCutShort, corruptDeflateData, localNameDisagrees, localHeaderPastDirectory, missingLocalHeader
        case sharedLocalHeader, entryCountBeyondDirectory, directoryOffsetOutsideFile, directoryOffsetIntoEntries
        case truncated, notAnArchive, empty, zip64LocatorOutsideFile

        /// The hostile entry (named `EVIL.json` unless the name is the attack) beside an honest one.
        var archive: [UInt8] {
            var evil = ZipBuilder.Entry.stored("EVIL.json", HostileArchiveTests.record)
            var builder = ZipBuilder([HostileArchiveTests.honest])
            switch self {
            case .parentTraversal: evil.name = "../../etc/EVIL.json"
            case .backslashTraversal: evil.name = "safe\\..\\..\\EVIL.json"
            case .absoluteName: evil.name = "/etc/EVIL.json"
            case .driveName: evil.name = "C:/EVIL.json"
            case .traversalInANonRecord: evil.name = "../.bashrc"
            case .encrypted: evil.flags |= 0x0001
            case .bzip2: evil.method = 12
            case .crcMismatch: evil.crc32 ^= 0x0000_0100
            case .storedSizesDisagree: evil.uncompressedSize += 7
            case .inflatesPastDeclaredSize:
                evil = .deflated("EVIL.json", Array(HostileArchiveTests.record.utf8))
                evil.uncompressedSize -= 10
            case .inflatesShortOfDeclaredSize:
                evil = .deflated("EVIL.json", Array(HostileArchiveTests.record.utf8))
                evil.uncompressedSize += 10
            case .deflateStreamCutShort:
                evil = .deflated("EVIL.json", Array(HostileArchiveTests.record.utf8))
                evil.payload.removeLast(10)
            case .corruptDeflateData:
                evil = .deflated("EVIL.json", Array(HostileArchiveTests.record.utf8))
                evil.payload[0] = 0x07
            case .localNameDisagrees: evil.localName = "evil.json"
            case .localHeaderPastDirectory: evil.centralOffset = 1 << 20
            case .missingLocalHeader: evil.centralOffset = 40
            case .sharedLocalHeader: evil.centralOffset = 0
            case .entryCountBeyondDirectory: builder.declaredEntryCount = 3
            case .directoryOffsetOutsideFile: builder.declaredDirectoryOffset = 1 << 30
            case .directoryOffsetIntoEntries: builder.declaredDirectoryOffset = 0
            case .truncated, .notAnArchive, .empty, .zip64LocatorOutsideFile: break
            }
            builder.entries.append(evil)
            switch self {
            case .truncated: return Array(builder.bytes().prefix(90))
            case .notAnArchive: return Array("PK\u{3}\u{4} is how it starts, but this is text".utf8)
            case .empty: return []
            case .zip64LocatorOutsideFile:
                builder.zip64 = true
                var bytes = builder.bytes()
                let locatorOffsetField = bytes.count - 22 - 20 + 8
                bytes.replaceSubrange(locatorOffsetField..<locatorOffsetField + 8, with: [UInt8](repeating: 0x7F, count: 8))
                return bytes
            default: return builder.bytes()
            }
        }

        /// What the message must say after the archive's path.
        var expected: String {
            switch self {
            case .parentTraversal: ": entry ../../etc/EVIL.json: climbs out of the archive's folder with \"..\"; refused"
            case .backslashTraversal: ": entry safe\\..\\..\\EVIL.json: climbs out of the archive's folder"
            case .absoluteName: ": entry /etc/EVIL.json: has an absolute name; refused"
            case .driveName: ": entry C:/EVIL.json: names a drive (C:); refused"
            case .traversalInANonRecord: ": entry ../.bashrc: climbs out"
            case .encrypted: ": entry EVIL.json: is encrypted"
            case .bzip2: ": entry EVIL.json: uses compression method 12 (bzip2); only stored (0) and deflate (8) are supported"
            case .crcMismatch: ": entry EVIL.json: its CRC-32 is"
            case .storedSizesDisagree: ": entry EVIL.json: is stored uncompressed but declares"
            case .inflatesPastDeclaredSize: ": entry EVIL.json: inflates past its declared \(HostileArchiveTests.record.utf8.count - 10) bytes"
            case .inflatesShortOfDeclaredSize:
                ": entry EVIL.json: inflates to \(HostileArchiveTests.record.utf8.count) bytes but declares \(HostileArchiveTests.record.utf8.count + 10)"
            case .deflateStreamCutShort: ": entry EVIL.json: its deflate stream is cut short"
            case .corruptDeflateData: ": entry EVIL.json: its deflate data is corrupt (invalid block type)"
            case .localNameDisagrees: ": entry EVIL.json: its local header names \"evil.json\""
            case .localHeaderPastDirectory: ": entry EVIL.json: its local header offset 1048576 is not before the central directory"
            case .missingLocalHeader: ": entry EVIL.json: no local header at offset 40"
            case .sharedLocalHeader: ": entry EVIL.json: shares its local header at offset 0 with another entry"
            case .entryCountBeyondDirectory: ": declares 3 entries, more than its 112-byte central directory can hold"
            case .directoryOffsetOutsideFile, .directoryOffsetIntoEntries: "does not end where the end record begins"
            case .truncated, .notAnArchive, .empty: ": no end-of-central-directory record: not a ZIP archive, or truncated"
            case .zip64LocatorOutsideFile: ": the ZIP64 end locator points to offset"
            }
        }

        /// Whether the honest entry beside the hostile one still loads.
        var honestEntryLoads: Bool {
            switch self {
            case .entryCountBeyondDirectory, .directoryOffsetOutsideFile, .directoryOffsetIntoEntries, .truncated, .notAnArchive,
                 .empty, .zip64LocatorOutsideFile, .sharedLocalHeader, .missingLocalHeader:
                false
            default: true
            }
        }
    }

    @Test(arguments: Hostility.allCases)
    func reportsTheArchiveAndEntryAndWritesNothing(hostility: Hostility) throws {
        let work = try TemporaryDirectory("osv-hostile")
        defer { work.remove() }
        let path = work.file("hostile.zip")
        try Data(hostility.archive).write(to: URL(fileURLWithPath: path))

        let loaded = try AdvisoryFiles.load(path)
        #expect(loaded.problems.count >= 1)
        #expect(loaded.problems.contains { $0.hasPrefix(path) && $0.contains(hostility.expected) }, "\(loaded.problems)")
        #expect(loaded.records.map(\.record.id) == (hostility.honestEntryLoads ? ["GOOD-1"] : []))
        #expect(try FileManager.default.contentsOfDirectory(atPath: work.path) == ["hostile.zip"])
    }

    /// An entry whose data holds a whole second local header, which the central directory also
    /// lists: the quoted-overlap construction of non-recursive ZIP bombs. The inner entry is a
    /// real record and loads; the outer one overlaps it and is refused.
    @Test func refusesAnEntryThatOverlapsAnother() throws {
        let work = try TemporaryDirectory("osv-overlap")
        defer { work.remove() }
        let inner = ZipBuilder([Self.honest]).bytes()
        let innerLocalLength = 30 + "GOOD-1.json".utf8.count + Self.record.utf8.count
        let outer = ZipBuilder.Entry.stored("OUTER.json", Array(inner.prefix(innerLocalLength)))
        var quoted = Self.honest
        quoted.centralOffset = 30 + "OUTER.json".utf8.count
        let path = work.file("overlap.zip")
        try ZipBuilder([outer, quoted]).write(to: path)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try #require(bytes.count > innerLocalLength)

        let loaded = try AdvisoryFiles.load(path)
        #expect(loaded.records.map(\.record.id) == ["GOOD-1"])
        #expect(loaded.problems.count == 1)
        #expect(loaded.problems.first?.hasPrefix("\(path): entry OUTER.json: its data (bytes 40..<") == true, "\(loaded.problems)")
        #expect(loaded.problems.first?.contains("runs into the next entry or the central directory at byte 40") == true)
    }

    /// 1 GiB of zeros deflated to about 1 MiB (made quickly: after a full flush, deflate emits
    /// the same block for the same input, so one 1 MiB block is repeated). Declared honestly it is
    /// refused before inflating; declared small it is stopped at the declared size.
    @Test(arguments: [1 << 30, 1_000])
    func refusesADecompressionBomb(declaredSize: Int) throws {
        let work = try TemporaryDirectory("osv-bomb")
        defer { work.remove() }
        let crc = try PythonArchiver.run("""
            import sys, zlib
            zeros = bytes(1 << 20)
            compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
            block = compressor.compress(zeros) + compressor.flush(zlib.Z_FULL_FLUSH)
            crc = 0
            for _ in range(1024):
                crc = zlib.crc32(zeros, crc)
            with open(sys.argv[1], "wb") as out:
                out.write(block * 1024 + compressor.flush())
            print(crc)
            """, [work.file("bomb.deflate")])
        var bomb = ZipBuilder.Entry(name: "bomb.json", content: [], payload: Array(try Data(contentsOf: URL(fileURLWithPath: work.file("bomb.deflate")))), method: 8)
        bomb.crc32 = try #require(UInt32(crc.trimmingCharacters(in: .whitespacesAndNewlines)))
        bomb.uncompressedSize = declaredSize
        let path = work.file("bomb.zip")
        try ZipBuilder([Self.honest, bomb]).write(to: path)

        let loaded = try AdvisoryFiles.load(path)
        #expect(loaded.records.map(\.record.id) == ["GOOD-1"])
        let expected = declaredSize > AdvisoryFiles.largestRecord
            ? "\(path): entry bomb.json: declares 1073741824 bytes uncompressed, more than the 16777216 an entry may have"
            : "\(path): entry bomb.json: inflates past its declared 1000 bytes"
        #expect(loaded.problems == [expected])
    }

    /// An entry under the size cap that would still inflate more than 200-fold.
    @Test func refusesAnEntryCompressedBeyondTheRatioCap() throws {
        let work = try TemporaryDirectory("osv-ratio")
        defer { work.remove() }
        let path = work.file("ratio.zip")
        try PythonArchiver.run("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("zeros.json", bytes(10 << 20))
            """, [path])
        let loaded = try AdvisoryFiles.load(path)
        #expect(loaded.problems.count == 1)
        #expect(loaded.problems.first?.contains("\(path): entry zeros.json: would inflate") == true)
        #expect(loaded.problems.first?.contains("to 10485760, more than 200-fold; refused as a likely decompression bomb") == true)
    }

    @Test func refusesMoreEntriesThanTheLimit() throws {
        let work = try TemporaryDirectory("osv-count")
        defer { work.remove() }
        let path = work.file("many.zip")
        try ZipBuilder((0..<11).map { .stored("N-\($0).txt", "n") }).write(to: path)
        var limits = ZipArchive.Limits.advisories
        limits.mostEntries = 10
        do {
            _ = try ZipArchive(path: path, limits: limits)
            Issue.record("an archive of 11 entries passed a limit of 10")
        } catch {
            #expect(error.message == "\(path): lists 11 entries, more than the 10 an advisory archive may have")
        }
    }

    @Test func refusesMoreUncompressedBytesInAllThanTheLimit() throws {
        let work = try TemporaryDirectory("osv-total")
        defer { work.remove() }
        let path = work.file("total.zip")
        try ZipBuilder([.stored("A.json", [UInt8](repeating: 0x20, count: 600)), .stored("B.json", [UInt8](repeating: 0x20, count: 600))]).write(to: path)
        var limits = ZipArchive.Limits.advisories
        limits.largestTotal = 1_000
        do {
            _ = try ZipArchive(path: path, limits: limits)
            Issue.record("an archive declaring 1,200 bytes passed a 1,000-byte limit")
        } catch {
            #expect(error.message.hasPrefix("\(path): declares more than"))
        }
        #expect(try ZipArchive(path: path).entries.count == 2)
    }

    /// Random single-byte corruptions and truncations of a small archive never crash the reader,
    /// and whatever it still accepts is byte for byte one of the records put in (CRC-32 catches
    /// every change of one byte in the data).
    @Test func survivesRandomCorruption() throws {
        let work = try TemporaryDirectory("osv-fuzz")
        defer { work.remove() }
        let records = (0..<3).map { #"{"id": "FUZZ-\#($0)", "modified": "2024-01-01T00:00:00Z", "summary": "record \#($0)"}"# }
        let original = ZipBuilder([
            .stored("FUZZ-0.json", records[0]), .deflated("dir/FUZZ-1.json", Array(records[1].utf8)), .stored("FUZZ-2.json", records[2]),
        ], zip64: false).bytes()
        let accepted = Set(records.map { Array($0.utf8) })
        var random = SplitMix64(seed: 0xC0FFEE)
        let path = work.file("fuzz.zip")
        var loadedRecords = 0
        for round in 0..<400 {
            var bytes = original
            if round % 10 == 0 {
                bytes.removeLast(Int.random(in: 1..<bytes.count, using: &random))
            } else {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let loaded = try AdvisoryFiles.load(path)
            #expect(loaded.records.allSatisfy { accepted.contains($0.json) }, "round \(round)")
            loadedRecords += loaded.records.count
        }
        #expect(loadedRecords > 0, "some corruptions (of a name, a timestamp) leave records readable")
    }
}
