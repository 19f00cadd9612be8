import CharterTestSupport
@testable import CharterImages
import Foundation
import Testing

/// Layers built to write outside the extraction folder, or to make it follow a link there. Each
/// must leave the folder it aims at untouched, write nothing outside the workspace, and say
/// what it skipped or moved.
@Suite struct HostileImageTests {
    enum Hostility: String, CaseIterable, Sendable {
        case parentTraversal, absoluteName, absoluteHostName, writeThroughRelativeLink, writeThroughAbsoluteLink
        case writeThroughLowerLayersLink, fileOverPlantedLink, hardLinkClimbing, hardLinkToHostPath, hardLinkThroughLink
        case hardLinkToFolder, linkLoop, whiteoutOfDotNames, whiteoutClimbing, opaqueMarkerClimbing, devicesAndFIFOs
        case deepNesting, longName, emptyLinkTarget, linkReplacingRoot

        /// The layers, given the absolute path of the folder under attack (which the image root
        /// reaches as `../../outside`).
        func layers(outside: String) -> [[TarBuilder.Entry]] {
            switch self {
            case .parentTraversal: [[.file("../../outside/pwned", "x")]]
            case .absoluteName: [[.file("/outside/pwned", "x")]]
            case .absoluteHostName: [[.file(outside + "/pwned", "x")]]
            case .writeThroughRelativeLink: [[.symlink("escape", to: "../../outside"), .file("escape/pwned", "x")]]
            case .writeThroughAbsoluteLink: [[.symlink("escape", to: outside), .file("escape/pwned", "x")]]
            case .writeThroughLowerLayersLink: [[.symlink("lib", to: outside)], [.file("lib/pwned", "x")]]
            case .fileOverPlantedLink: [[.symlink("target", to: outside + "/sentinel"), .file("target", "overwritten")]]
            case .hardLinkClimbing: [[.hardLink("stolen", to: "../../outside/sentinel")]]
            case .hardLinkToHostPath: [[.hardLink("stolen", to: outside + "/sentinel")]]
            case .hardLinkThroughLink: [[.symlink("s", to: outside), .hardLink("stolen", to: "s/sentinel")]]
            case .hardLinkToFolder: [[.directory("d/"), .hardLink("h", to: "d")]]
            case .linkLoop: [[.symlink("a", to: "b"), .symlink("b", to: "a"), .file("a/x", "x")]]
            case .whiteoutOfDotNames:
                [[.file("keep", "k"), .file("sub/keep", "k")], [.file(".wh..", ""), .file(".wh...", ""), .file("sub/.wh...", "")]]
            case .whiteoutClimbing: [[.file("outside/sentinel", "inner")], [.file("../../outside/.wh.sentinel", "")]]
            case .opaqueMarkerClimbing: [[.file("keep", "k")], [.file("../../../.wh..wh..opq", "")]]
            case .devicesAndFIFOs: [[.special("dev/null", type: "3"), .special("dev/sda", type: "4"), .special("run/fifo", type: "6")]]
            case .deepNesting: [[.file(String(repeating: "d/", count: 300) + "f", "x")]]
            case .longName: [[.file("dir/" + String(repeating: "n", count: 256), "x")]]
            case .emptyLinkTarget: [[.symlink("empty", to: "")]]
            case .linkReplacingRoot: [[.symlink(".", to: outside)]]
            }
        }

        /// What the root holds afterwards.
        func tree(outside: String) -> [String] {
            switch self {
            case .parentTraversal, .absoluteName: ["outside", "outside/pwned"]
            case .absoluteHostName:
                EntryPath(outside + "/pwned").components.indices.map { EntryPath(outside + "/pwned").components[...$0].joined(separator: "/") }
            case .writeThroughRelativeLink, .writeThroughAbsoluteLink: ["escape"]
            case .writeThroughLowerLayersLink: ["lib"]
            case .fileOverPlantedLink: ["target"]
            case .hardLinkThroughLink: ["s"]
            case .hardLinkToFolder: ["d"]
            case .linkLoop: ["a", "b"]
            case .whiteoutOfDotNames: ["keep", "sub", "sub/keep"]
            case .whiteoutClimbing: ["outside"]
            case .hardLinkClimbing, .hardLinkToHostPath, .opaqueMarkerClimbing, .devicesAndFIFOs, .deepNesting, .longName,
                 .emptyLinkTarget, .linkReplacingRoot: []
            }
        }

        /// The odd entries reported: layer, reason, skipped.
        func odd(outside: String) -> [OddEntry] {
            func entry(_ path: String, _ reason: OddEntry.Reason, skipped: Bool = true, layer: Int = 1) -> OddEntry {
                OddEntry(layer: layer, path: path, reason: reason, skipped: skipped)
            }
            return switch self {
            case .parentTraversal: [entry("../../outside/pwned", .climbsAboveRoot, skipped: false)]
            case .absoluteName: [entry("/outside/pwned", .absoluteName, skipped: false)]
            case .absoluteHostName: [entry(outside + "/pwned", .absoluteName, skipped: false)]
            case .writeThroughRelativeLink, .writeThroughAbsoluteLink: [entry("escape/pwned", .parentNotADirectory("escape"))]
            case .writeThroughLowerLayersLink: [entry("lib/pwned", .parentNotADirectory("lib"), layer: 2)]
            case .fileOverPlantedLink: []
            case .hardLinkClimbing:
                [entry("stolen", .hardLinkTargetClimbsAboveRoot("../../outside/sentinel"), skipped: false),
                 entry("stolen", .hardLinkTargetMissing("../../outside/sentinel"))]
            case .hardLinkToHostPath: [entry("stolen", .hardLinkTargetMissing(outside + "/sentinel"))]
            case .hardLinkThroughLink: [entry("stolen", .hardLinkTargetMissing("s/sentinel"))]
            case .hardLinkToFolder: [entry("h", .hardLinkTargetIsADirectory("d"))]
            case .linkLoop: [entry("a/x", .parentNotADirectory("a"))]
            case .whiteoutOfDotNames:
                [entry(".wh..", .unknownWhiteout, layer: 2), entry(".wh...", .unknownWhiteout, layer: 2), entry("sub/.wh...", .unknownWhiteout, layer: 2)]
            case .whiteoutClimbing: [entry("../../outside/.wh.sentinel", .climbsAboveRoot, skipped: false, layer: 2)]
            case .opaqueMarkerClimbing: [entry("../../../.wh..wh..opq", .climbsAboveRoot, skipped: false, layer: 2)]
            case .devicesAndFIFOs: [entry("dev/null", .characterDevice), entry("dev/sda", .blockDevice), entry("run/fifo", .fifo)]
            case .deepNesting: [entry(String(repeating: "d/", count: 300) + "f", .nestedTooDeep)]
            case .longName: [entry("dir/" + String(repeating: "n", count: 256), .nameTooLong)]
            case .emptyLinkTarget: [entry("empty", .emptyLinkTarget)]
            case .linkReplacingRoot: [entry(".", .replacesRoot)]
            }
        }
    }

    @Test(arguments: Hostility.allCases)
    func writesNothingOutsideTheRoot(hostility: Hostility) throws {
        let fixture = try ImageFixture("hostile")
        defer { fixture.remove() }
        let outside = fixture.work.file("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: false)
        try Data("host secret".utf8).write(to: URL(fileURLWithPath: outside + "/sentinel"))
        let tars = hostility.layers(outside: outside).map { TarBuilder(entries: $0).bytes() }
        let path = try fixture.write(TestImage(tars: tars), as: .ociTarball)
        let before = ImageFixture.tree(fixture.work.path)

        let workspace = try ImageWorkspace(in: fixture.work.path)
        let contents = try ImageArchive(path: path).extract(into: workspace)
        #expect(ImageFixture.tree(contents.root) == hostility.tree(outside: outside))
        #expect(contents.oddEntries == hostility.odd(outside: outside))
        #expect(contents.counts.skipped == hostility.odd(outside: outside).filter(\.skipped).count)

        let workspaceName = (workspace.path as NSString).lastPathComponent
        #expect(ImageFixture.tree(fixture.work.path).filter { !$0.hasPrefix(workspaceName) } == before)
        #expect(try String(contentsOfFile: outside + "/sentinel", encoding: .utf8) == "host secret")
        let links = try FileManager.default.attributesOfItem(atPath: outside + "/sentinel")[.referenceCount] as? Int
        #expect(links == 1)
        workspace.remove()
        #expect(ImageFixture.tree(fixture.work.path) == before)
    }

    /// A hostile image may hold millions of odd entries; the first thousand are listed, the rest counted.
    @Test func listsTheFirstThousandOddEntries() throws {
        let fixture = try ImageFixture("hostile-many")
        defer { fixture.remove() }
        var notUTF8 = TarBuilder.Entry.file("x", "bad name")
        notUTF8.rawName = Array("caf".utf8) + [0xE9]
        let fifos = (0..<1004).map { TarBuilder.Entry.special("fifo\($0)", type: "6") }
        let contents = try fixture.extract(try fixture.write(TestImage(tars: [TarBuilder(entries: [notUTF8] + fifos).bytes()]), as: .ociFolder))
        #expect(contents.oddEntries.first == OddEntry(layer: 1, path: "caf\u{FFFD}", reason: .undecodableName, skipped: false))
        #expect(ImageFixture.text(contents, "caf\u{FFFD}") == "bad name")
        #expect(contents.oddEntries.count == 1000)
        #expect(contents.unlistedOddEntries == 5)
        #expect(contents.counts.skipped == 1004)
        #expect(contents.oddEntries.last?.description == "layer 1: fifo998: a FIFO; skipped")
    }

    @Test func overwritingALinkWritesTheImagesOwnFile() throws {
        let fixture = try ImageFixture("hostile-overwrite")
        defer { fixture.remove() }
        let outside = fixture.work.file("outside")
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: false)
        try Data("host secret".utf8).write(to: URL(fileURLWithPath: outside + "/sentinel"))
        let tars = Hostility.fileOverPlantedLink.layers(outside: outside).map { TarBuilder(entries: $0).bytes() }
        let contents = try fixture.extract(try fixture.write(TestImage(tars: tars), as: .ociFolder))
        #expect(ImageFixture.text(contents, "target") == "overwritten")
    }
}
