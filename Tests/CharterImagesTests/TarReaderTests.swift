import CharterTestSupport
@testable import CharterImages
import Foundation
import Testing

/// The tar reader over formats real archivers write (ustar, GNU, pax, from Python's tarfile) and
/// over bytes crafted to break it.
@Suite struct TarReaderTests {
    struct Member: Equatable {
        var path: String
        var kind: TarEntry.Kind
        var link: String
        var content: String
    }

    /// Every member of the tar in `bytes`, with its content.
    static func members(_ bytes: [UInt8], largestRecord: Int = 1 << 20) throws -> [Member] {
        let work = try TemporaryDirectory("tar-reader")
        defer { work.remove() }
        let path = work.file("test.tar")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try members(atPath: path, largestRecord: largestRecord)
    }

    static func members(atPath path: String, largestRecord: Int = 1 << 20) throws -> [Member] {
        let file = try BlobFile(path: path)
        let region = BlobRegion(file: file, offset: 0, length: file.size, name: path)
        let reader = TarReader(StreamTarInput(RegionStream(region), bufferSize: 1024), archive: "test.tar", largestRecord: largestRecord)
        var members: [Member] = []
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 700, alignment: 1)
        defer { buffer.deallocate() }
        while let entry = try reader.next() {
            var content: [UInt8] = []
            while case let count = try reader.readContent(into: buffer), count > 0 {
                content += buffer[0..<count]
            }
            #expect(content.count == entry.size)
            members.append(Member(path: entry.path, kind: entry.kind, link: entry.linkTarget, content: String(decoding: content, as: UTF8.self)))
        }
        return members
    }

    /// Python's tarfile in its three formats, with names and link targets past the 100-byte
    /// field, a file of 3,000 bytes (several blocks, buffer refills), links and a FIFO.
    @Test(arguments: ["USTAR_FORMAT", "GNU_FORMAT", "PAX_FORMAT"])
    func readsWhatPythonWrites(format: String) throws {
        let work = try TemporaryDirectory("tar-python")
        defer { work.remove() }
        let archive = work.file("python.tar")
        let longFolder = String(repeating: "deep/", count: 24)
        let script = """
            import io, sys, tarfile
            fmt = getattr(tarfile, sys.argv[2])
            with tarfile.open(sys.argv[1], "w", format=fmt) as tar:
                def add(name, data=b"", kind=tarfile.REGTYPE, link=""):
                    info = tarfile.TarInfo(name)
                    info.type, info.linkname, info.size = kind, link, len(data)
                    tar.addfile(info, io.BytesIO(data) if data else None)
                add("etc/", kind=tarfile.DIRTYPE)
                add("etc/hostname", b"box\\n")
                add(sys.argv[3] + "file.txt", b"x" * 3000)
                add("etc/link", kind=tarfile.SYMTYPE, link=sys.argv[4])
                add("etc/hard", kind=tarfile.LNKTYPE, link="etc/hostname")
                add("run/fifo", kind=tarfile.FIFOTYPE)
            """
        // ustar has no way to store a link target past 100 bytes.
        let linkTarget = format == "USTAR_FORMAT" ? "etc/hostname" : longFolder + "file.txt"
        try PythonTool.run(script, [archive, format, longFolder, linkTarget])
        let members = try Self.members(atPath: archive)
        #expect(members == [
            Member(path: "etc/", kind: .directory, link: "", content: ""),
            Member(path: "etc/hostname", kind: .file, link: "", content: "box\n"),
            Member(path: longFolder + "file.txt", kind: .file, link: "", content: String(repeating: "x", count: 3000)),
            Member(path: "etc/link", kind: .symbolicLink, link: linkTarget, content: ""),
            Member(path: "etc/hard", kind: .hardLink, link: "etc/hostname", content: ""),
            Member(path: "run/fifo", kind: .fifo, link: "", content: ""),
        ])
    }

    @Test func appliesPaxAndGNURecordsToTheNextEntryOnly() throws {
        let bytes = TarBuilder([
            .globalPax([("comment", "made by a test")]),
            .pax([("path", "pax/named/ü.txt"), ("size", "5")]),
            .entry(TarBuilder.Entry(name: "short", type: UInt8(ascii: "0"), content: Array("hello".utf8), declaredSize: 0)),
            .longName("gnu/" + String(repeating: "n", count: 150)),
            .longLink("gnu/" + String(repeating: "t", count: 150)),
            .entry(.symlink("ignored", to: "ignored")),
            .entry(.file("plain", "p")),
        ]).bytes()
        #expect(try Self.members(bytes) == [
            Member(path: "pax/named/ü.txt", kind: .file, link: "", content: "hello"),
            Member(path: "gnu/" + String(repeating: "n", count: 150), kind: .symbolicLink, link: "gnu/" + String(repeating: "t", count: 150), content: ""),
            Member(path: "plain", kind: .file, link: "", content: "p"),
        ])
    }

    @Test func readsTheUstarPrefixAndBase256Sizes() throws {
        var prefixed = TarBuilder.Entry.file("name.txt", "in a prefix")
        prefixed.prefix = "usr/share/doc"
        var large = TarBuilder.Entry.file("base256", "eight")
        large.base256Size = true
        #expect(try Self.members(TarBuilder(entries: [prefixed, large, .file("v7-dir/", "")]).bytes()) == [
            Member(path: "usr/share/doc/name.txt", kind: .file, link: "", content: "in a prefix"),
            Member(path: "base256", kind: .file, link: "", content: "eight"),
            Member(path: "v7-dir/", kind: .directory, link: "", content: ""),
        ])
    }

    /// Tars that end at a member boundary without the two zero blocks are complete, as GNU tar
    /// and Go's archive/tar read them; so are empty ones (an empty layer).
    @Test(arguments: [false, true])
    func acceptsAMissingEndMarker(empty: Bool) throws {
        let entries: [TarBuilder.Member] = empty ? [] : [.entry(.file("a", "1"))]
        let expected = empty ? [] : [Member(path: "a", kind: .file, link: "", content: "1")]
        #expect(try Self.members(TarBuilder(entries, endMarker: false).bytes()) == expected)
    }

    enum Damage: String, CaseIterable {
        case checksum, truncatedHeader, truncatedData, truncatedPadding, notOctal, zeroBlockThenData, oversizedPax
        case paxLengthPastEnd, recordWithoutEntry, negativeBase256

        var bytes: [UInt8] {
            let good = TarBuilder(entries: [.file("first", "1"), .file("second", String(repeating: "2", count: 700))]).bytes()
            switch self {
            case .checksum:
                var entry = TarBuilder.Entry.file("second", "2")
                entry.corruptChecksum = true
                return TarBuilder(entries: [.file("first", "1"), entry]).bytes()
            case .truncatedHeader: return Array(good.prefix(1024 + 100))
            case .truncatedData: return Array(good.prefix(1024 + 512 + 300))
            case .truncatedPadding: return Array(good.prefix(1024 + 512 + 700))
            case .notOctal:
                var bytes = good
                bytes[1024 + 124] = UInt8(ascii: "9")
                return TarBuilder.fixingChecksum(bytes, headerAt: 1024)
            case .zeroBlockThenData: return [UInt8](repeating: 0, count: 512) + good
            case .oversizedPax: return TarBuilder([.pax([("path", String(repeating: "p", count: 2000))]), .entry(.file("a", ""))]).bytes()
            case .paxLengthPastEnd:
                return TarBuilder([.entry(TarBuilder.Entry(name: "pax", type: UInt8(ascii: "x"), content: Array("99 path=x\n".utf8))), .entry(.file("a", ""))]).bytes()
            case .recordWithoutEntry: return TarBuilder([.longName("orphan")], endMarker: false).bytes()
            case .negativeBase256:
                var entry = TarBuilder.Entry.file("negative", "")
                entry.base256Size = true
                var bytes = TarBuilder(entries: [entry]).bytes()
                bytes[124] = 0xFF
                return TarBuilder.fixingChecksum(bytes, headerAt: 0)
            }
        }

        var expected: String {
            switch self {
            case .checksum: "test.tar: header at offset 1024 (after member first): checksum says"
            case .truncatedHeader: "test.tar: header at offset 1024 (after member first): the archive ends 100 bytes into this header; it is truncated"
            case .truncatedData: "test.tar: member second: its data is cut short: the archive ends 400 bytes before this member's end"
            case .truncatedPadding: "test.tar: member second: the archive ends inside the padding after this member's data"
            case .notOctal: "test.tar: header at offset 1024 (after member first): the size field holds 57 (\"9\"), not an octal digit"
            case .zeroBlockThenData: "test.tar: header at offset 0: a zero block is followed by more data"
            case .oversizedPax: "bytes, more than the 1024 allowed for a name or pax header"
            case .paxLengthPastEnd: "test.tar: header at offset 0: pax header record at byte 0 declares a length of 99"
            case .recordWithoutEntry: "the archive ends after a long-name or pax record, before the member it describes"
            case .negativeBase256: "test.tar: header at offset 0: the size field holds a negative base-256 number"
            }
        }
    }

    @Test(arguments: Damage.allCases)
    func refusesDamagedArchivesNamingTheMember(damage: Damage) throws {
        let error = try #require(throws: ImageArchiveError.self) { try Self.members(damage.bytes, largestRecord: 1024) }
        #expect(error.message.contains(damage.expected), "\(error.message)")
    }

    @Test func parsesOctalAndBase256Numbers() throws {
        var block = [UInt8](repeating: 0, count: 512)
        block.replaceSubrange(124..<136, with: Array("  0000777 \0\0".utf8))
        #expect(try TarHeader.number(block, 124..<136, field: "size") == 0o777)
        block.replaceSubrange(124..<136, with: [0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0x02, 0, 0])
        #expect(try TarHeader.number(block, 124..<136, field: "size") == 0x020000)
        block.replaceSubrange(124..<136, with: [0x80, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: TarFault.self) { try TarHeader.number(block, 124..<136, field: "size") }
    }
}
