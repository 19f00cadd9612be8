import CharterTestSupport
@testable import CharterImages
import Foundation
import Testing

/// Layers applied in order as a container runtime stacks them: later entries replace earlier
/// ones, whiteouts delete, opaque folders hide what lower layers had, hard links share inodes.
@Suite struct LayerApplicationTests {
    static func extract(_ layers: [[TarBuilder.Entry]], _ fixture: ImageFixture) throws -> ImageContents {
        let tars = layers.map { TarBuilder(entries: $0).bytes() }
        return try fixture.extract(try fixture.write(TestImage(tars: tars), as: .ociFolder))
    }

    static let lower: [TarBuilder.Entry] = [
        .directory("a/"), .file("a/x", "x"), .file("a/y", "y"), .directory("b/"), .file("b/z", "z"),
        .directory("c/"), .file("c/k", "k"), .directory("c/sub/"), .file("c/sub/old", "old"),
    ]

    @Test(arguments: [false, true])
    func appliesWhiteoutsAndOpaqueFolders(markerLast: Bool) throws {
        let fixture = try ImageFixture("apply-whiteouts")
        defer { fixture.remove() }
        let opaque = TarBuilder.Entry.file("c/.wh..wh..opq", "")
        let upperContent: [TarBuilder.Entry] = [.file("c/new", "new"), .directory("c/sub/"), .file("c/sub/fresh", "fresh")]
        let upper: [TarBuilder.Entry] = [.file("a/.wh.x", ""), .file(".wh.b", "")]
            + (markerLast ? upperContent + [opaque] : [opaque] + upperContent)
        let contents = try Self.extract([Self.lower, upper], fixture)
        #expect(ImageFixture.tree(contents.root) == ["a", "a/y", "c", "c/new", "c/sub", "c/sub/fresh"])
        #expect(contents.counts.whiteouts == 2)
        #expect(contents.counts.opaqueDirectories == 1)
    }

    /// A whiteout hides only lower layers: its own layer's file of that name stays.
    @Test func keepsWhatTheWhiteoutsOwnLayerWrote() throws {
        let fixture = try ImageFixture("apply-same-layer")
        defer { fixture.remove() }
        let contents = try Self.extract([Self.lower, [.file("a/x", "again"), .file("a/.wh.x", ""), .file("a/.wh.y", "")]], fixture)
        #expect(ImageFixture.tree(contents.root + "/a") == ["x"])
        #expect(ImageFixture.text(contents, "a/x") == "again")
    }

    @Test func laterLayersReplaceFilesFoldersAndLinks() throws {
        let fixture = try ImageFixture("apply-replace")
        defer { fixture.remove() }
        let contents = try Self.extract([
            [.file("p", "file"), .directory("q/"), .file("q/inner", "i"), .symlink("r", to: "/etc/passwd"), .file("s", "old")],
            [.directory("p/"), .file("p/f", "f"), .file("q", "now a file"), .file("r", "not a link"), .symlink("s", to: "p/f")],
        ], fixture)
        #expect(ImageFixture.tree(contents.root) == ["p", "p/f", "q", "r", "s"])
        #expect(ImageFixture.text(contents, "q") == "now a file")
        #expect(ImageFixture.text(contents, "r") == "not a link")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: contents.root + "/s") == "p/f")
        #expect(contents.files().map(\.path) == ["p/f", "q", "r"])
    }

    @Test func hardLinksShareTheEarlierMembersFile() throws {
        let fixture = try ImageFixture("apply-hardlinks")
        defer { fixture.remove() }
        let contents = try Self.extract([
            [.file("orig", "first")],
            [.hardLink("link", to: "orig"), .file("new", "second"), .hardLink("dir/link2", to: "./new")],
            [.file("orig", "replaced")],
        ], fixture)
        func inode(_ path: String) throws -> Int {
            try #require(try FileManager.default.attributesOfItem(atPath: contents.root + "/" + path)[.systemFileNumber] as? Int)
        }
        #expect(try inode("new") == inode("dir/link2"))
        // Replacing a linked name writes a new file; the other name keeps the old content.
        #expect(ImageFixture.text(contents, "orig") == "replaced")
        #expect(ImageFixture.text(contents, "link") == "first")
        #expect(contents.counts.hardLinks == 2)
    }

    /// Read-only folders stay writable for later layers and the cleanup; set-id bits are dropped.
    @Test func keepsFoldersWritableAndDropsSetIDBits() throws {
        let fixture = try ImageFixture("apply-modes")
        defer { fixture.remove() }
        let contents = try Self.extract([
            [.directory("locked/", mode: 0o555), .file("locked/a", "a", mode: 0o4755)], [.file("locked/b", "b")],
        ], fixture)
        #expect(ImageFixture.tree(contents.root + "/locked") == ["a", "b"])
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: contents.root + "/locked/a")[.posixPermissions] as? Int)
        #expect(mode == 0o755)
    }

    @Test func resolvesPathsInsideTheImageOnly() throws {
        let fixture = try ImageFixture("apply-resolve")
        defer { fixture.remove() }
        let contents = try Self.extract([[
            .directory("usr/lib/"), .file("usr/lib/os-release", "ID=alpine\n"), .symlink("etc/os-release", to: "../usr/lib/os-release"),
            .symlink("abs", to: "/usr/lib"), .symlink("up", to: "../../../../usr/lib/os-release"), .symlink("loop1", to: "loop2"),
            .symlink("loop2", to: "loop1"), .symlink("host", to: "/etc/hostname"),
        ]], fixture)
        #expect(contents.resolve("etc/os-release") == "usr/lib/os-release")
        #expect(contents.resolve("/abs/os-release") == "usr/lib/os-release")
        #expect(contents.resolve("up") == "usr/lib/os-release")
        #expect(contents.resolve("loop1/x") == nil)
        #expect(contents.resolve("host") == nil)
        #expect(contents.resolve("usr/lib/../lib/os-release") == "usr/lib/os-release")
        #expect(contents.files().map(\.path) == ["usr/lib/os-release"])
    }
}
