import CharterTestSupport
@testable import CharterImages
import Foundation
import Testing

/// Each decompression-bomb guard stops the extraction with an error naming the limit, removes
/// what was written, and lets through an image just inside it.
@Suite struct ExtractionLimitTests {
    enum Bomb: String, CaseIterable, Sendable {
        case totalBytes, fileSize, entryCount, compressionRatio, paxRecord, layerCount

        var limits: ExtractionLimits {
            switch self {
            case .totalBytes: ExtractionLimits(largestTotal: 1000)
            case .fileSize: ExtractionLimits(largestFile: 600)
            case .entryCount: ExtractionLimits(mostEntries: 5)
            case .compressionRatio: ExtractionLimits(highestRatio: 50, ratioFloor: 64 << 10)
            case .paxRecord: ExtractionLimits(largestRecord: 512)
            case .layerCount: ExtractionLimits(mostLayers: 2)
            }
        }

        /// Layers just past the limit, or (`within`) just inside it.
        func layers(within: Bool) -> [[TarBuilder.Member]] {
            let over = within ? 0 : 1
            return switch self {
            case .totalBytes: [[.entry(.file("a", String(repeating: "a", count: 500))), .entry(.file("b", String(repeating: "b", count: 500 + over)))]]
            case .fileSize: [[.entry(.file("big", String(repeating: "x", count: 600 + over)))]]
            case .entryCount: [(0..<(5 + over)).map { .entry(.file("f\($0)", "")) }]
            case .compressionRatio: [[.entry(.file("zeros", bytes: [UInt8](repeating: 0, count: within ? 60 << 10 : 4 << 20)))]]
            case .paxRecord: [[.pax([("path", String(repeating: "p", count: 490 + over * 20))]), .entry(.file("x", ""))]]
            case .layerCount: (0..<(2 + over)).map { [.entry(.file("layer\($0)", ""))] }
            }
        }

        var expected: String {
            switch self {
            case .totalBytes: "member b: would bring the files written past the 1000-byte limit for the whole image"
            case .fileSize: "member big: 601 bytes, more than the 600-byte limit for one file"
            case .entryCount: "the image has more than 5 entries, the limit"
            case .compressionRatio: "more than the 50-fold ratio allowed; a decompression bomb"
            case .paxRecord: "bytes, more than the 512 allowed for a name or pax header"
            case .layerCount: "lists 3 layers, more than the 2 allowed"
            }
        }
    }

    @Test(arguments: Bomb.allCases)
    func stopsAtTheLimit(bomb: Bomb) throws {
        let fixture = try ImageFixture("bomb")
        defer { fixture.remove() }
        let path = try fixture.write(TestImage(tars: bomb.layers(within: false).map { TarBuilder($0).bytes() }), as: .ociFolder)
        let workspace = try ImageWorkspace(in: fixture.work.path)
        let error = try #require(throws: ImageArchiveError.self) {
            try ImageArchive(path: path, limits: bomb.limits).extract(into: workspace)
        }
        #expect(error.code == .limitExceeded)
        #expect(error.message.hasPrefix(path), "\(error.message)")
        #expect(error.message.contains(bomb.expected), "\(error.message)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.path).isEmpty)
    }

    @Test(arguments: Bomb.allCases)
    func letsThroughWhatIsWithinTheLimit(bomb: Bomb) throws {
        let fixture = try ImageFixture("bomb-within")
        defer { fixture.remove() }
        let path = try fixture.write(TestImage(tars: bomb.layers(within: true).map { TarBuilder($0).bytes() }), as: .ociFolder)
        let contents = try fixture.extract(path, limits: bomb.limits)
        #expect(contents.layers.count == bomb.layers(within: true).count)
    }

    /// The outer tarball's member count is bounded too: an archive of millions of tiny members
    /// is refused before any is read.
    @Test func boundsTheMembersOfATarball() throws {
        let fixture = try ImageFixture("bomb-members")
        defer { fixture.remove() }
        let path = try fixture.write(TarBuilder(entries: (0..<20).map { .file("m\($0)", "") }).bytes(), named: "many.tar")
        let error = try #require(throws: ImageArchiveError.self) { try ImageArchive(path: path, limits: ExtractionLimits(mostEntries: 10)) }
        #expect(error.message == "\(path): holds more than 10 members; not an image archive")
    }
}
