@testable import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

@Suite struct DirectoryWalkerTests {
    /// A folder tree written from relative paths; removed at the end of each test.
    struct Tree {
        let folder: TemporaryDirectory
        var root: String { folder.path }

        init() throws {
            folder = try TemporaryDirectory("walker")
        }

        func write(_ relative: String, _ text: String = "plain text\n") throws {
            let path = folder.file(relative)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }

        func link(_ relative: String, to destination: String) throws {
            try FileManager.default.createSymbolicLink(atPath: folder.file(relative), withDestinationPath: destination)
        }

        func walk(maxFileSize: Int = 1 << 20, honourGitignore: Bool = true) throws -> (paths: [String], skipped: DirectoryWalker.Skipped) {
            try Self.walk(root, maxFileSize: maxFileSize, honourGitignore: honourGitignore)
        }

        static func walk(_ root: String, maxFileSize: Int = 1 << 20, honourGitignore: Bool = true) throws -> (paths: [String], skipped: DirectoryWalker.Skipped) {
            let result = try DirectoryWalker(root: root, maxFileSize: maxFileSize, honourGitignore: honourGitignore).walk()
            return (result.files.map(\.relativePath), result.skipped)
        }
    }

    @Test func gitignoreAndCharterignoreAreHonouredAtEveryLevel() throws {
        let tree = try Tree()
        defer { tree.folder.remove() }
        try tree.write(".gitignore", "*.log\nbuild/\n")
        try tree.write(".charterignore", "fixtures/\n")
        try tree.write("app.txt")
        try tree.write("debug.log")
        try tree.write("build/out.txt")
        try tree.write("fixtures/sample.txt")
        try tree.write("sub/.gitignore", "local.txt\n!keep.log\n")
        try tree.write("sub/.charterignore", "/generated/\n")
        try tree.write("sub/local.txt")
        try tree.write("sub/keep.log")
        try tree.write("sub/other.txt")
        try tree.write("sub/generated/code.txt")
        try tree.write("sub/deeper/local.txt")
        try tree.write("sub/deeper/generated/code.txt")

        let (paths, skipped) = try tree.walk()
        #expect(paths == [
            ".charterignore", ".gitignore", "app.txt",
            "sub/.charterignore", "sub/.gitignore", "sub/deeper/generated/code.txt", "sub/keep.log", "sub/other.txt",
        ])
        // debug.log, build/, fixtures/, sub/local.txt, sub/generated/, sub/deeper/local.txt
        #expect(skipped.ignored == 6)
    }

    @Test func withoutGitignoreOnlyCharterignoreApplies() throws {
        let tree = try Tree()
        defer { tree.folder.remove() }
        try tree.write(".gitignore", "*.log\n")
        try tree.write(".charterignore", "*.tmp\n")
        try tree.write("debug.log")
        try tree.write("scratch.tmp")

        let (paths, skipped) = try tree.walk(honourGitignore: false)
        #expect(paths == [".charterignore", ".gitignore", "debug.log"])
        #expect(skipped.ignored == 1)
    }

    @Test func gitFolderIsSkippedAndItsExcludeFileHonoured() throws {
        let tree = try Tree()
        defer { tree.folder.remove() }
        try tree.write(".git/config", "[core]\n")
        try tree.write(".git/info/exclude", "notes.private\n")
        try tree.write("nested/.git/HEAD", "ref: refs/heads/main\n")
        try tree.write("notes.private")
        try tree.write("nested/code.txt")

        let (paths, skipped) = try tree.walk()
        #expect(paths == ["nested/code.txt"])
        #expect(skipped.ignored == 1)
    }

    @Test(arguments: ["logo.png", "archive.tar", "lib.SO", "Report.PDF", "font.woff2"])
    func binaryByExtensionIsSkippedAndCounted(name: String) throws {
        let tree = try Tree()
        defer { tree.folder.remove() }
        try tree.write(name)
        try tree.write("readme.md")

        let (paths, skipped) = try tree.walk()
        #expect(paths == ["readme.md"])
        #expect(skipped.binary == 1)
    }

    @Test func filesOverTheSizeLimitAreSkippedAndCounted() throws {
        let tree = try Tree()
        defer { tree.folder.remove() }
        try tree.write("small.txt", String(repeating: "a", count: 100))
        try tree.write("exact.txt", String(repeating: "b", count: 128))
        try tree.write("large.txt", String(repeating: "c", count: 129))
        try tree.write("deep/huge.txt", String(repeating: "d", count: 4096))

        let result = try DirectoryWalker(root: tree.root, maxFileSize: 128).walk()
        #expect(result.files.map(\.relativePath) == ["exact.txt", "small.txt"])
        #expect(result.files.map(\.size) == [128, 100])
        #expect(result.skipped.tooLarge == 2)
    }

    @Test func filesCarryTheirFullPath() throws {
        let tree = try Tree()
        defer { tree.folder.remove() }
        try tree.write("a/b/c.txt", "hello")

        let file = try #require(try DirectoryWalker(root: tree.root, maxFileSize: 1024).walk().files.first)
        #expect(file.relativePath == "a/b/c.txt")
        #expect(file.path == tree.root + "/a/b/c.txt")
        #expect(FileManager.default.contents(atPath: file.path) == Data("hello".utf8))
    }

    @Test func symlinkToAFileInsideTheRootIsScanned() throws {
        let tree = try Tree()
        defer { tree.folder.remove() }
        try tree.write("config/real.env", "TOKEN=value\n")
        try tree.link("relative-link.env", to: "config/real.env")
        try tree.link("absolute-link.env", to: tree.root + "/config/real.env")

        let result = try DirectoryWalker(root: tree.root, maxFileSize: 1024).walk()
        #expect(result.files.map(\.relativePath) == ["absolute-link.env", "config/real.env", "relative-link.env"])
        #expect(result.files.allSatisfy { $0.size == 12 }, "a link's size is its target's")
        #expect(result.skipped.symlinks == 0)
    }

    @Test func symlinkToAFileOutsideTheRootIsSkipped() throws {
        let tree = try Tree()
        let outside = try TemporaryDirectory("walker-outside")
        defer {
            tree.folder.remove()
            outside.remove()
        }
        try "TOKEN=elsewhere\n".write(toFile: outside.file("secret.env"), atomically: false, encoding: .utf8)
        try tree.write("inside.txt")
        try tree.link("escape.env", to: outside.file("secret.env"))
        try tree.link("dotdot.env", to: "../" + (outside.path as NSString).lastPathComponent + "/secret.env")
        try tree.link("dangling.env", to: "does-not-exist.env")

        let (paths, skipped) = try tree.walk()
        #expect(paths == ["inside.txt"])
        #expect(skipped.symlinks == 3)
    }

    @Test func symlinkedFolderIsNotFollowed() throws {
        let tree = try Tree()
        defer { tree.folder.remove() }
        try tree.write("real/file.txt")
        try tree.link("alias", to: "real")
        try tree.link("loop", to: ".")

        let (paths, skipped) = try tree.walk()
        #expect(paths == ["real/file.txt"])
        #expect(skipped.symlinks == 2)
    }

    @Test func aRootReachedThroughASymlinkStillScansLinksInsideIt() throws {
        let tree = try Tree()
        let aliasFolder = try TemporaryDirectory("walker-alias")
        defer {
            tree.folder.remove()
            aliasFolder.remove()
        }
        try tree.write("real.txt")
        try tree.link("link.txt", to: "real.txt")
        let alias = aliasFolder.file("root")
        try FileManager.default.createSymbolicLink(atPath: alias, withDestinationPath: tree.root)

        let (paths, skipped) = try Tree.walk(alias)
        #expect(paths == ["link.txt", "real.txt"])
        #expect(skipped.symlinks == 0)
    }

    @Test func ignoredSymlinkIsCountedAsIgnored() throws {
        let tree = try Tree()
        defer { tree.folder.remove() }
        try tree.write(".gitignore", "*.lnk\n")
        try tree.write("real.txt")
        try tree.link("a.lnk", to: "real.txt")

        let (paths, skipped) = try tree.walk()
        #expect(paths == [".gitignore", "real.txt"])
        #expect(skipped.ignored == 1)
        #expect(skipped.symlinks == 0)
    }

    @Test func missingRootThrowsInputUnreadable() throws {
        let tree = try Tree()
        defer { tree.folder.remove() }
        let missing = tree.root + "/no-such-folder"
        #expect {
            try DirectoryWalker(root: missing, maxFileSize: 1024).walk()
        } throws: { error in
            guard let error = error as? SecretsError else { return false }
            return error.code == .inputUnreadable && error.message.contains(missing)
        }
    }

    @Test func aFileAsRootThrowsInputUnreadable() throws {
        let tree = try Tree()
        defer { tree.folder.remove() }
        try tree.write("file.txt")
        #expect {
            try DirectoryWalker(root: tree.file("file.txt"), maxFileSize: 1024).walk()
        } throws: { error in
            (error as? SecretsError)?.code == .inputUnreadable
        }
    }

    @Test(.enabled(if: getuid() != 0, "root reads every folder whatever its mode"))
    func unreadableSubfolderIsListedNotFatal() throws {
        let tree = try Tree()
        defer {
            chmod(tree.folder.file("locked"), 0o755)
            tree.folder.remove()
        }
        try tree.write("locked/inside.txt")
        try tree.write("open.txt")
        chmod(tree.folder.file("locked"), 0o000)

        let (paths, skipped) = try tree.walk()
        #expect(paths == ["open.txt"])
        #expect(skipped.unreadable == ["locked"])
    }
}

extension DirectoryWalkerTests.Tree {
    func file(_ relative: String) -> String { folder.file(relative) }
}
