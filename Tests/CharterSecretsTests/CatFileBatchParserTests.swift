import CharterCore
@testable import CharterSecrets
import Testing

@Suite struct CatFileBatchParserTests {
    static let output = Array("aaaa blob 5\nhello\nbbbb blob 0\n\ncccc missing\ndddd blob 12\nsecond line\n\n".utf8)

    static func parse(_ bytes: [UInt8], chunk: Int, largest: Int = 1 << 20) throws -> [CatFileBatchParser.Object] {
        var parser = CatFileBatchParser(largest: largest)
        var objects: [CatFileBatchParser.Object] = []
        for start in stride(from: 0, to: bytes.count, by: chunk) {
            try bytes[start..<min(start + chunk, bytes.count)].withUnsafeBytes { try parser.feed($0) { objects.append($0) } }
        }
        return objects
    }

    /// Wherever git's output is split into reads, the same objects come out.
    @Test(arguments: [1, 2, 3, 7, 12, 1000])
    func objectsSurviveAnyChunking(chunk: Int) throws {
        #expect(try Self.parse(Self.output, chunk: chunk) == [
            .object(size: 5, content: Array("hello".utf8)),
            .object(size: 0, content: []),
            .missing,
            .object(size: 12, content: Array("second line\n".utf8)),
        ])
    }

    @Test func objectsLargerThanTheLimitAreSkippedButCounted() throws {
        let objects = try Self.parse(Self.output, chunk: 4, largest: 6)
        #expect(objects[0] == .object(size: 5, content: Array("hello".utf8)))
        #expect(objects[3] == .object(size: 12, content: nil))
    }

    @Test(arguments: [
        (":000000 100644 0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 A\tsrc/app.env", "src/app.env"),
        (":000000 100644 0000000000000000000000000000000000000000 1111111111111111111111111111111111111111 A\t\"caf\\303\\251 \\\"q\\\".txt\"", "café \"q\".txt"),
    ])
    func rawLinesNameTheBlobAndPath(line: String, path: String) throws {
        let commit = CommitInfo(id: "c", author: "a", date: "d")
        let file = try #require(Array(line.utf8).withUnsafeBytes { AddedFiles.file(fromRaw: $0, commit: commit) })
        #expect(file.path == path)
        #expect(file.blob == String(repeating: "1", count: 40))
    }

    @Test func aSubmoduleLineIsNoFile() {
        let line = ":000000 160000 0000000000000000000000000000000000000000 2222222222222222222222222222222222222222 A\tvendor/lib"
        #expect(Array(line.utf8).withUnsafeBytes { AddedFiles.file(fromRaw: $0, commit: CommitInfo(id: "c", author: "a", date: "d")) } == nil)
    }
}
