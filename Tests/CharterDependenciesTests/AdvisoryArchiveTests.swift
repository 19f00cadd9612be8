import CharterTestSupport
@testable import CharterDependencies
import Foundation
import Testing

@Suite struct AdvisoryArchiveTests {
    /// Each corpus ecosystem zipped by Python's zipfile (deflated, every fifth entry stored, in
    /// nested folders for PyPA) loads exactly as its JSON files do: same bytes, same order.
    @Test(.enabled(if: SharedCorpus.shouldRun, "needs ../shared/corpora"), arguments: CorpusAdvisories.all)
    func corpusArchiveLoadsLikeItsFiles(folder: String) throws {
        let work = try TemporaryDirectory("osv-zip")
        defer { work.remove() }
        let root = SharedCorpus.url(folder).path
        let names = SharedCorpus.files(under: folder, withExtension: "json")
        try #require(names.count > 1_000)
        try names.joined(separator: "\n").write(toFile: work.file("names.txt"), atomically: true, encoding: .utf8)
        try PythonArchiver.zip(root: root, list: work.file("names.txt"), into: work.file("all.zip"))

        let fromArchive = try AdvisoryFiles.load(work.file("all.zip"))
        let fromFiles = try AdvisoryFiles.load(root)
        #expect(fromArchive.problems.isEmpty, "\(fromArchive.problems.prefix(3))")
        #expect(fromArchive.records.count == names.count)
        #expect(fromArchive.records.map(\.record.id) == fromFiles.records.map(\.record.id))
        #expect(fromArchive.records.map(\.json) == fromFiles.records.map(\.json))
    }

    /// Streaming archivers leave the local header's CRC and sizes zero and write them after the
    /// data; the central directory's copy is the one that counts.
    @Test(.enabled(if: SharedCorpus.shouldRun, "needs ../shared/corpora"))
    func readsEntriesWithDataDescriptors() throws {
        let work = try TemporaryDirectory("osv-zip")
        defer { work.remove() }
        let folder = "advisories/rustsec"
        let names = Array(SharedCorpus.files(under: folder, withExtension: "json").prefix(200))
        try names.joined(separator: "\n").write(toFile: work.file("names.txt"), atomically: true, encoding: .utf8)
        try PythonArchiver.zip(root: SharedCorpus.url(folder).path, list: work.file("names.txt"), into: work.file("all.zip"), unseekable: true)
        let archive = try ZipArchive(path: work.file("all.zip"))
        #expect(archive.entries.allSatisfy { $0.flags & 0x0008 != 0 }, "Python wrote data descriptors")

        let loaded = try AdvisoryFiles.load(work.file("all.zip"))
        #expect(loaded.problems.isEmpty, "\(loaded.problems.prefix(3))")
        let expected = try names.map { Array(try Data(contentsOf: SharedCorpus.url(folder).appendingPathComponent($0))) }
        #expect(loaded.records.map(\.json) == expected)
    }

    /// More than 65,535 entries need the ZIP64 end records; `force_zip64` puts ZIP64 extra fields
    /// in local headers too. Most entries are small non-record files, which are skipped.
    @Test func readsZIP64ArchivesWithMoreThan65535Entries() throws {
        let work = try TemporaryDirectory("osv-zip64")
        defer { work.remove() }
        let script = """
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1], "w") as archive:
                for index in range(70000):
                    archive.writestr("notes/%05d.txt" % index, "n")
                for index in range(3):
                    record = '{"id": "TEST-%d", "modified": "2024-01-01T00:00:00Z"}' % index
                    with archive.open("records/TEST-%d.json" % index, "w", force_zip64=True) as entry:
                        entry.write(record.encode())
            """
        try PythonArchiver.run(script, [work.file("big.zip")])
        let archive = try ZipArchive(path: work.file("big.zip"))
        #expect(archive.entries.count == 70_003)

        let loaded = try AdvisoryFiles.load(work.file("big.zip"))
        #expect(loaded.problems.isEmpty, "\(loaded.problems.prefix(3))")
        #expect(loaded.records.map(\.record.id) == ["TEST-0", "TEST-1", "TEST-2"])
    }

    /// ZIP64 extra fields in both headers for every entry, and the ZIP64 end records, as this
    /// test's own writer makes them; Python's zipfile reads the same archive back identically.
    @Test func readsZIP64ExtraFieldsInEveryHeader() throws {
        let work = try TemporaryDirectory("osv-zip64")
        defer { work.remove() }
        let records = (0..<3).map { #"{"id": "TEST-\#($0)", "modified": "2024-01-01T00:00:00Z"}"# }
        let builder = ZipBuilder([
            .stored("TEST-0.json", records[0]), .deflated("TEST-1.json", Array(records[1].utf8)), .stored("TEST-2.json", records[2]),
        ], zip64: true)
        try builder.write(to: work.file("zip64.zip"))

        let loaded = try AdvisoryFiles.load(work.file("zip64.zip"))
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        #expect(loaded.records.map { String(decoding: $0.json, as: UTF8.self) } == records)
        let python = try PythonArchiver.run("""
            import sys, zipfile
            with zipfile.ZipFile(sys.argv[1]) as archive:
                assert archive.testzip() is None
                print("\\n".join(archive.read(name).decode() for name in archive.namelist()))
            """, [work.file("zip64.zip")])
        #expect(python.split(separator: "\n").map(String.init) == records)
    }

    /// A folder may hold JSON and YAML records and archives side by side; archives may hold
    /// YAML records too. Other files and entries (a README, a folder entry) are skipped.
    @Test func loadsFoldersOfRecordsAndArchives() throws {
        let work = try TemporaryDirectory("osv-mixed")
        defer { work.remove() }
        func record(_ id: String) -> String { #"{"id": "\#(id)", "modified": "2024-01-01T00:00:00Z"}"# }
        try record("A-1").write(toFile: work.file("a.json"), atomically: true, encoding: .utf8)
        try "id: B-1\nmodified: 2024-01-01T00:00:00Z\n".write(toFile: work.file("b.yaml"), atomically: true, encoding: .utf8)
        try "id: C-1\nmodified: 2024-01-01T00:00:00Z\n".write(toFile: work.file("c.yml"), atomically: true, encoding: .utf8)
        try "not a record".write(toFile: work.file("README.md"), atomically: true, encoding: .utf8)
        try ZipBuilder([
            .stored("d/", []), .stored("d/D-1.json", record("D-1")), .stored("d/README.txt", "skipped"),
            .deflated("d/D-2.yaml", Array("id: D-2\nmodified: 2024-01-01T00:00:00Z\n".utf8)),
        ]).write(to: work.file("d.zip"))

        let loaded = try AdvisoryFiles.load(work.path)
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        #expect(loaded.records.map(\.record.id) == ["A-1", "B-1", "C-1", "D-1", "D-2"])
        #expect(loaded.records.map(\.record.modified).allSatisfy { $0 == "2024-01-01T00:00:00Z" })
    }

    /// A file named otherwise is still read as an archive when it starts like one.
    @Test func recognisesAnArchiveByItsSignature() throws {
        let work = try TemporaryDirectory("osv-magic")
        defer { work.remove() }
        try ZipBuilder([.stored("X-1.json", #"{"id": "X-1", "modified": "2024-01-01T00:00:00Z"}"#)]).write(to: work.file("osv-download"))
        let loaded = try AdvisoryFiles.load(work.file("osv-download"))
        #expect(loaded.problems.isEmpty, "\(loaded.problems)")
        #expect(loaded.records.map(\.record.id) == ["X-1"])
    }

    /// One bad record in an archive is reported by archive, entry and field; the rest load.
    @Test func reportsABadRecordByArchiveEntryAndField() throws {
        let work = try TemporaryDirectory("osv-bad")
        defer { work.remove() }
        let archive = work.file("all.zip")
        try ZipBuilder([
            .stored("GHSA-good.json", #"{"id": "GHSA-good", "modified": "2024-01-01T00:00:00Z"}"#),
            .deflated("GHSA-x.json", Array(#"{"id": "GHSA-x", "modified": 5}"#.utf8)),
            .stored("GHSA-after.json", #"{"id": "GHSA-after", "modified": "2024-01-01T00:00:00Z"}"#),
        ]).write(to: archive)
        let loaded = try AdvisoryFiles.load(archive)
        #expect(loaded.records.map(\.record.id) == ["GHSA-good", "GHSA-after"])
        #expect(loaded.problems == ["\(archive): entry GHSA-x.json: modified: expected a string"])
    }
}
