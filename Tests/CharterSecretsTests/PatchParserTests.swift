import CharterCore
@testable import CharterSecrets
import Testing

@Suite struct PatchParserTests {
    struct Parsed {
        let fragments: [ScanFragment]
        let commits: Int
        let patchBytes: Int

        var paths: [String] { fragments.map(\.path) }
        func text(_ index: Int) -> String { String(decoding: fragments[index].bytes, as: UTF8.self) }
    }

    static func parse(_ text: String) -> Parsed {
        var parser = PatchParser()
        var lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
        if text.hasSuffix("\n") { lines.removeLast() }
        for line in lines { parser.feed(line: line) }
        parser.finish()
        return Parsed(fragments: parser.takeFragments(), commits: parser.commits, patchBytes: parser.patchBytes)
    }

    static func filePatch(_ path: String, hunks: String) -> String {
        "diff --git a/\(path) b/\(path)\nindex 1111111..2222222 100644\n--- a/\(path)\n+++ b/\(path)\n" + hunks
    }

    @Test func keepsOnlyAddedLinesWithTheirNewFileLineNumbers() throws {
        let parsed = Self.parse(Self.filePatch("app.env", hunks: """
            @@ -2 +2 @@
            -OLD=1
            +NEW=2
            @@ -10,0 +11,2 @@
            +A=1
            +B=2
            @@ -20,3 +22,0 @@
            -gone 1
            -gone 2
            -gone 3

            """))
        try #require(parsed.fragments.count == 1)
        #expect(parsed.paths == ["app.env"])
        #expect(parsed.text(0) == "NEW=2\nA=1\nB=2\n")
        #expect(parsed.fragments[0].lineNumbers == [2, 11, 12])
        #expect(parsed.fragments[0].commit == nil)
    }

    struct Hunk: Sendable, CustomTestStringConvertible {
        let header: String
        let removed: Int
        let added: Int
        let firstLine: Int
        var testDescription: String { header }
    }

    @Test(arguments: [
        Hunk(header: "@@ -3 +3 @@", removed: 1, added: 1, firstLine: 3),
        Hunk(header: "@@ -0,0 +1,3 @@", removed: 0, added: 3, firstLine: 1),
        Hunk(header: "@@ -5,2 +4 @@", removed: 2, added: 1, firstLine: 4),
        Hunk(header: "@@ -7 +6,4 @@", removed: 1, added: 4, firstLine: 6),
        Hunk(header: "@@ -1,2 +100,2 @@ func context() {", removed: 2, added: 2, firstLine: 100),
        Hunk(header: "@@ -9,4 +8,0 @@", removed: 4, added: 0, firstLine: 8),
    ])
    func hunkHeaderFormsGiveLineNumbers(hunk: Hunk) {
        let removed = (0..<hunk.removed).map { "-old \($0)\n" }.joined()
        let added = (0..<hunk.added).map { "+new \($0)\n" }.joined()
        let parsed = Self.parse(Self.filePatch("f.txt", hunks: hunk.header + "\n" + removed + added))
        if hunk.added == 0 {
            #expect(parsed.fragments.isEmpty)
        } else {
            #expect(parsed.fragments.first?.lineNumbers == Array(hunk.firstLine..<(hunk.firstLine + hunk.added)))
            #expect(parsed.fragments.first.map { String(decoding: $0.bytes, as: UTF8.self) } == added.replacingOccurrences(of: "+", with: ""))
        }
    }

    @Test func addedLinesThatLookLikeHeadersAreContent() throws {
        let parsed = Self.parse(Self.filePatch("notes.md", hunks: """
            @@ -1,2 +1,5 @@
            --- removed line that began with two dashes
            -+++ removed line that began with +++
            +first
            +++ b/not-a-header.txt
            +--- a/nor-this.txt
            +@@ -1 +1 @@
            +diff --git a/x b/x

            """))
        try #require(parsed.fragments.count == 1)
        #expect(parsed.paths == ["notes.md"])
        #expect(parsed.text(0) == "first\n++ b/not-a-header.txt\n--- a/nor-this.txt\n@@ -1 +1 @@\ndiff --git a/x b/x\n")
        #expect(parsed.fragments[0].lineNumbers == [1, 2, 3, 4, 5])
    }

    @Test func newFileIsKeptAndDeletedFileProducesNothing() {
        let parsed = Self.parse("""
            diff --git a/gone.txt b/gone.txt
            deleted file mode 100644
            index e69de29..0000000
            --- a/gone.txt
            +++ /dev/null
            @@ -1,2 +0,0 @@
            -line one
            -line two
            diff --git a/new.txt b/new.txt
            new file mode 100644
            index 0000000..e69de29
            --- /dev/null
            +++ b/new.txt
            @@ -0,0 +1 @@
            +hello

            """)
        #expect(parsed.paths == ["new.txt"])
        #expect(parsed.fragments.first?.lineNumbers == [1])
    }

    @Test func onlyADeletedFileGivesNoFragments() {
        let parsed = Self.parse("""
            diff --git a/gone.txt b/gone.txt
            deleted file mode 100644
            --- a/gone.txt
            +++ /dev/null
            @@ -1 +0,0 @@
            -tok_secret_that_was_removed

            """)
        #expect(parsed.fragments.isEmpty)
    }

    @Test func noNewlineMarkersAreSkipped() {
        let parsed = Self.parse(Self.filePatch("end.txt", hunks: """
            @@ -1 +1,2 @@
            -old
            \\ No newline at end of file
            +new
            +last
            \\ No newline at end of file

            """))
        #expect(parsed.fragments.first.map { String(decoding: $0.bytes, as: UTF8.self) } == "new\nlast\n")
        #expect(parsed.fragments.first?.lineNumbers == [1, 2])
    }

    @Test func filesWithoutAddedTextDoNotInheritThePreviousPath() {
        let parsed = Self.parse(
            Self.filePatch("a.txt", hunks: "@@ -0,0 +1 @@\n+one\n")
                + "diff --git a/old.txt b/renamed.txt\nsimilarity index 100%\nrename from old.txt\nrename to renamed.txt\n"
                + "diff --git a/img.png b/img.png\nnew file mode 100644\nBinary files /dev/null and b/img.png differ\n"
                + Self.filePatch("b.txt", hunks: "@@ -0,0 +1 @@\n+two\n"))
        #expect(parsed.paths == ["a.txt", "b.txt"])
        #expect(parsed.fragments.map { String(decoding: $0.bytes, as: UTF8.self) } == ["one\n", "two\n"])
    }

    @Test func commitMarkersSetEachFragmentsCommit() throws {
        let first = "\u{1E}1111111111111111111111111111111111111111\u{1F}Alice Example <alice@example.com>\u{1F}2024-01-02T03:04:05+02:00"
        let empty = "\u{1E}2222222222222222222222222222222222222222\u{1F}Merge Bot <bot@example.com>\u{1F}2024-01-03T00:00:00+00:00"
        let third = "\u{1E}3333333333333333333333333333333333333333\u{1F}Bob Example <bob@example.com>\u{1F}2024-01-04T10:20:30-05:00"
        let parsed = Self.parse(
            first + "\n\n" + Self.filePatch("a.txt", hunks: "@@ -0,0 +1 @@\n+from alice\n")
                + Self.filePatch("b.txt", hunks: "@@ -0,0 +1 @@\n+also alice\n")
                + empty + "\n\n"
                + third + "\n\n" + Self.filePatch("a.txt", hunks: "@@ -1 +1,2 @@\n-from alice\n+from bob\n+more\n"))
        #expect(parsed.commits == 3)
        try #require(parsed.fragments.count == 3)
        let alice = CommitInfo(id: String(repeating: "1", count: 40), author: "Alice Example <alice@example.com>", date: "2024-01-02T03:04:05+02:00")
        let bob = CommitInfo(id: String(repeating: "3", count: 40), author: "Bob Example <bob@example.com>", date: "2024-01-04T10:20:30-05:00")
        #expect(parsed.fragments.map(\.commit) == [alice, alice, bob])
        #expect(parsed.paths == ["a.txt", "b.txt", "a.txt"])
        #expect(parsed.text(2) == "from bob\nmore\n")
    }

    @Test func markerWithMissingFieldsStillCountsTheCommit() {
        let parsed = Self.parse("\u{1E}abc\n" + Self.filePatch("x.txt", hunks: "@@ -0,0 +1 @@\n+x\n"))
        #expect(parsed.commits == 1)
        #expect(parsed.fragments.first?.commit == CommitInfo(id: "abc", author: "", date: ""))
    }

    struct QuotedPath: Sendable, CustomTestStringConvertible {
        let header: String
        let path: String
        var testDescription: String { header }
    }

    @Test(arguments: [
        QuotedPath(header: #"+++ "b/with \"quotes\".txt""#, path: #"with "quotes".txt"#),
        QuotedPath(header: #"+++ "b/back\\slash.txt""#, path: #"back\slash.txt"#),
        QuotedPath(header: #"+++ "b/dir/both \\\".txt""#, path: #"dir/both \".txt"#),
        QuotedPath(header: "+++ b/has space.txt\t", path: "has space.txt"),
        QuotedPath(header: "+++ b/café/naïve.txt", path: "café/naïve.txt"),
    ])
    func quotedPathsAreUnquoted(example: QuotedPath) {
        let parsed = Self.parse("diff --git a/x b/x\n--- a/x\n" + example.header + "\n@@ -0,0 +1 @@\n+content\n")
        #expect(parsed.paths == [example.path])
    }

    /// git writes control characters in a quoted path as C escapes (`\t`, `\n`, octal), even with
    /// core.quotePath=false.
    @Test func controlCharacterEscapesInQuotedPathsAreDecoded() {
        let parsed = Self.parse("diff --git a/x b/x\n--- a/x\n" + #"+++ "b/tab\there.txt""# + "\n@@ -0,0 +1 @@\n+content\n")
        #expect(parsed.paths == ["tab\there.txt"])
    }

    @Test func fragmentsAreHandedOverOnceWithTheirByteCounts() {
        var parser = PatchParser()
        let text = Self.filePatch("a.txt", hunks: "@@ -0,0 +1,2 @@\n+12345\n+678\n")
        let lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        for line in lines { parser.feed(line: line) }
        #expect(parser.fragments.isEmpty, "a file's fragment is kept until the next file, commit or the end")
        parser.finish()
        #expect(parser.fragmentBytes == 10)
        #expect(parser.patchBytes == text.utf8.count)
        #expect(parser.takeFragments().count == 1)
        #expect(parser.takeFragments().isEmpty)
        #expect(parser.fragmentBytes == 0)
    }

    /// A merge's combined diff (`--cc`): only lines in none of the parents (`++`) were added by the
    /// merge itself; lines from one parent were added by that parent's own commits.
    @Test func combinedDiffKeepsOnlyWhatTheMergeAdded() throws {
        let parsed = Self.parse("""
            diff --cc config.env
            index 1111111,2222222..3333333
            --- a/config.env
            +++ b/config.env
            @@@ -1,2 -1,2 +1,4 @@@
             +FROM_BRANCH_TWO=1
            + FROM_BRANCH_ONE=1
            ++MERGE_ONLY=secret
            - -dropped
            ++++ looks like a header
            diff --cc other.txt
            index 1111111,2222222..3333333
            --- a/other.txt
            +++ b/other.txt
            @@@@ -5,0 -5,0 -5,0 +5,1 @@@@
            +++three parents

            """)
        try #require(parsed.fragments.count == 2)
        #expect(parsed.paths == ["config.env", "other.txt"])
        #expect(parsed.text(0) == "MERGE_ONLY=secret\n++ looks like a header\n")
        #expect(parsed.fragments[0].lineNumbers == [3, 4])
        #expect(parsed.text(1) == "three parents\n")
        #expect(parsed.fragments[1].lineNumbers == [5])
    }
}
