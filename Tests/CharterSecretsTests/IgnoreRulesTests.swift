@testable import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

@Suite struct IgnoreRulesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let path: String
        let isDirectory: Bool
        let ignored: Bool

        init(_ path: String, directory: Bool = false, _ ignored: Bool) {
            self.path = path
            self.isDirectory = directory
            self.ignored = ignored
        }

        var testDescription: String { "\(isDirectory ? "folder" : "file") \(path) \(ignored ? "ignored" : "kept")" }
    }

    static func rules(_ files: [(base: String, text: String)]) -> IgnoreRules {
        var rules = IgnoreRules()
        for file in files { rules.add(file.text, base: file.base) }
        return rules
    }

    /// A root `.gitignore` and one in `sub/`, whose rules apply relative to `sub/` and come later.
    static let nested = rules([
        (base: "", text: "*.tmp\n/root-only.txt\nbuild/\n"),
        (base: "sub", text: "/local.txt\n!keep.tmp\ndeep/*.cfg\n"),
    ])

    static let nestedCases: [Case] = [
        Case("a.tmp", true),
        Case("x/y/a.tmp", true),
        Case("sub/keep.tmp", false),
        Case("other/keep.tmp", true),
        Case("root-only.txt", true),
        Case("sub/root-only.txt", false),
        Case("sub/local.txt", true),
        Case("local.txt", false),
        Case("sub/deeper/local.txt", false),
        Case("subway/local.txt", false),
        Case("sub/deep/app.cfg", true),
        Case("deep/app.cfg", false),
        Case("build", directory: true, true),
        Case("sub/build", directory: true, true),
        Case("build", directory: false, false),
        Case("sub/plain.txt", false),
    ]

    @Test(arguments: nestedCases)
    func nestedIgnoreFilesApplyFromTheirOwnFolder(_ example: Case) {
        #expect(Self.nested.isIgnored(example.path, isDirectory: example.isDirectory) == example.ignored)
    }

    @Test func negationReincludesAndTheLastMatchingRuleWins() {
        let reinclude = Self.rules([(base: "", text: "*.log\n!keep.log\n")])
        #expect(reinclude.isIgnored("debug.log", isDirectory: false))
        #expect(!reinclude.isIgnored("keep.log", isDirectory: false))
        #expect(!reinclude.isIgnored("nested/keep.log", isDirectory: false))

        let reversed = Self.rules([(base: "", text: "!keep.log\n*.log\n")])
        #expect(reversed.isIgnored("keep.log", isDirectory: false), "a later ignore overrides an earlier re-include")

        let again = Self.rules([(base: "", text: "*.log\n!keep.log\nkeep.log\n")])
        #expect(again.isIgnored("keep.log", isDirectory: false))
    }

    @Test func aChildFolderCanUndoItsParentsRule() {
        let rules = Self.rules([(base: "", text: "!*.env\n"), (base: "app", text: "*.env\n")])
        #expect(rules.isIgnored("app/prod.env", isDirectory: false))
        #expect(!rules.isIgnored("prod.env", isDirectory: false))
        let undo = Self.rules([(base: "", text: "*.env\n"), (base: "app", text: "!sample.env\n")])
        #expect(!undo.isIgnored("app/sample.env", isDirectory: false))
        #expect(undo.isIgnored("sample.env", isDirectory: false))
    }

    @Test func commentsAndBlankLinesAreNotRules() {
        let rules = Self.rules([(base: "", text: "# a comment\n\n   \n#*.txt\n*.log\n")])
        #expect(rules.rules.count == 1, "only *.log is a rule")
        #expect(!rules.isIgnored("notes.txt", isDirectory: false))
        #expect(!rules.isIgnored("# a comment", isDirectory: false))
        #expect(rules.isIgnored("x.log", isDirectory: false))
    }

    @Test func commentOnlyFileHasNoRules() {
        let rules = Self.rules([(base: "", text: "# nothing to see\n\n# at all\n")])
        #expect(rules.rules.isEmpty)
        #expect(!rules.isIgnored("anything", isDirectory: false))
    }

    @Test func escapedHashAndBangAreLiteral() {
        let rules = Self.rules([(base: "", text: "\\#notes\n\\!important\n")])
        #expect(rules.isIgnored("#notes", isDirectory: false))
        #expect(rules.isIgnored("!important", isDirectory: false))
        #expect(!rules.isIgnored("important", isDirectory: false))
    }

    @Test func trailingSpacesAreTrimmedUnlessEscaped() {
        let rules = Self.rules([(base: "", text: "plain.txt   \nspaced\\ \n")])
        #expect(rules.isIgnored("plain.txt", isDirectory: false))
        #expect(rules.isIgnored("spaced ", isDirectory: false))
        #expect(!rules.isIgnored("spaced", isDirectory: false))
    }

    @Test func windowsLineEndingsAreAccepted() {
        let rules = Self.rules([(base: "", text: "*.log\r\n/out/\r\n")])
        #expect(rules.rules.count == 2)
        #expect(rules.isIgnored("a.log", isDirectory: false))
        #expect(rules.isIgnored("out", isDirectory: true))
    }

    @Test func aMalformedLineIsSkippedAndTheRestStillApply() {
        let rules = Self.rules([(base: "", text: "[z-a]\n*.log\n")])
        #expect(rules.rules.count == 1)
        #expect(rules.isIgnored("x.log", isDirectory: false))
    }

    @Test func loadReadsTheNamedFilesOfAFolderAndSkipsMissingOnes() throws {
        let folder = try TemporaryDirectory("ignore-rules")
        defer { folder.remove() }
        try "*.log\n".write(toFile: folder.file(".gitignore"), atomically: true, encoding: .utf8)
        try "fixtures/\n".write(toFile: folder.file(".charterignore"), atomically: true, encoding: .utf8)
        var rules = IgnoreRules()
        rules.load(folder: folder.path, base: "pkg", files: [".gitignore", ".charterignore", ".missingignore"])
        #expect(rules.rules.count == 2)
        #expect(rules.isIgnored("pkg/a.log", isDirectory: false))
        #expect(rules.isIgnored("pkg/fixtures", isDirectory: true))
        #expect(!rules.isIgnored("a.log", isDirectory: false), "rules loaded for pkg/ do not reach its parent")
    }
}
