@testable import CharterSecrets
import Testing

@Suite struct GlobPatternTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let glob: String
        let path: String
        let isDirectory: Bool
        let matches: Bool

        init(_ glob: String, _ path: String, directory: Bool = false, _ matches: Bool) {
            self.glob = glob
            self.path = path
            self.isDirectory = directory
            self.matches = matches
        }

        var testDescription: String {
            "\"\(glob)\" \(matches ? "matches" : "does not match") \(isDirectory ? "folder" : "file") \"\(path)\""
        }
    }

    /// A name without a slash matches at any depth, as a whole path segment.
    static let unanchored: [Case] = [
        Case("*.log", "debug.log", true),
        Case("*.log", "logs/deep/debug.log", true),
        Case("*.log", "debug.log.txt", false),
        Case("secret.txt", "secret.txt", true),
        Case("secret.txt", "a/b/secret.txt", true),
        Case("secret.txt", "a/b/not-secret.txt", false),
        Case("a.b", "axb", false),
        Case("a+b(c)", "a+b(c)", true),
        Case("a+b(c)", "aab(c)", false),
    ]

    /// A leading or inner slash anchors the pattern to its base folder.
    static let anchored: [Case] = [
        Case("/secret.txt", "secret.txt", true),
        Case("/secret.txt", "sub/secret.txt", false),
        Case("docs/*.md", "docs/a.md", true),
        Case("docs/*.md", "x/docs/a.md", false),
        Case("docs/*.md", "docs/sub/a.md", false),
        Case("/docs/api/", "docs/api", directory: true, true),
        Case("/docs/api/", "x/docs/api", directory: true, false),
    ]

    /// A trailing slash matches folders only.
    static let foldersOnly: [Case] = [
        Case("build/", "build", directory: true, true),
        Case("build/", "build", directory: false, false),
        Case("build/", "src/build", directory: true, true),
        Case("/build/", "src/build", directory: true, false),
        Case("build", "build", directory: false, true),
        Case("build", "build", directory: true, true),
    ]

    /// `**/` spans any number of folders (none included), `/**` everything inside.
    static let doubleStars: [Case] = [
        Case("**/cache", "cache", directory: true, true),
        Case("**/cache", "x/y/cache", directory: true, true),
        Case("**/cache", "x/cache2", directory: true, false),
        Case("logs/**", "logs/a", true),
        Case("logs/**", "logs/a/b.txt", true),
        Case("logs/**", "logs", directory: true, false),
        Case("logs/**", "x/logs/a", false),
        Case("a/**/b", "a/b", true),
        Case("a/**/b", "a/x/y/b", true),
        Case("a/**/b", "a/x/c", false),
        Case("**/*.pem", "keys/deep/server.pem", true),
    ]

    /// `*` and `?` stay inside one segment; classes and escapes as in gitignore.
    static let wildcards: [Case] = [
        Case("*", "anything", true),
        Case("*", "dir/anything", true),
        Case("src/*", "src/a/b", false),
        Case("?.txt", "a.txt", true),
        Case("?.txt", "ab.txt", false),
        Case("a?c", "abc", true),
        Case("a?c", "a/c", false),
        Case("a*c", "a/c", false),
        Case("[abc].txt", "b.txt", true),
        Case("[abc].txt", "d.txt", false),
        Case("[a-c]x", "bx", true),
        Case("[a-c]x", "dx", false),
        Case("[!a-c]x", "dx", true),
        Case("[!a-c]x", "ax", false),
        Case(#"\*.txt"#, "*.txt", true),
        Case(#"\*.txt"#, "a.txt", false),
        Case(#"\?"#, "?", true),
        Case(#"\?"#, "a", false),
    ]

    /// POSIX classes as git's wildmatch reads them, and non-ASCII names.
    static let classes: [Case] = [
        Case("build[[:digit:]].txt", "build7.txt", true),
        Case("build[[:digit:]].txt", "buildx.txt", false),
        Case("[![:upper:]]*.md", "readme.md", true),
        Case("[![:upper:]]*.md", "README.md", false),
        Case("[[:alpha:]_]x", "_x", true),
        Case("r?sumé/*.pdf", "résumé/cv.pdf", true),
        Case("[é-ë]t[eé]", "été", true),
        Case("notes/ü*", "notes/über.txt", true),
    ]

    /// Patterns without a slash or `**` are matched against the last path segment alone; these
    /// pin that shortcut to what matching from every `/` gives.
    static let lastSegment: [Case] = [
        Case("*.log", "a.log/inner.txt", false),
        Case("*b", "a/b", true),
        Case("a*", "a/b", false),
        Case("?", "a/b", true),
        Case("??", "a/b", false),
        Case("[!x]b", "a/cb", true),
        Case("[!x]b", "x/b", false),
        Case("**", "a/b/c", true),
        Case("b**", "a/bc/d", true),
        Case("b**", "a/cb/d", false),
    ]

    /// Many wildcards against a long path that almost matches: the memo keeps this quick.
    @Test func manyWildcardsStayLinear() throws {
        let pattern = try GlobPattern("**/a*a*a*a*a*a*a*a*b")
        let path = String(repeating: "a", count: 2000)
        #expect(!pattern.matches(path))
        #expect(pattern.matches(path + "b"))
        #expect(try GlobPattern("**/x/**/y/**/z").matches(String(repeating: "x/y/", count: 200) + "z"))
    }

    @Test(arguments: unanchored + anchored + foldersOnly + doubleStars + wildcards + classes + lastSegment)
    func matchesLikeGitignore(_ example: Case) throws {
        let pattern = try GlobPattern(example.glob)
        #expect(pattern.matches(example.path, isDirectory: example.isDirectory) == example.matches)
    }

    @Test func keepsItsSourceAndNotesFolderOnlyPatterns() throws {
        let folder = try GlobPattern("out/")
        #expect(folder.source == "out/")
        #expect(folder.directoryOnly)
        #expect(try !GlobPattern("out").directoryOnly)
        #expect(try !GlobPattern("/").directoryOnly, "a lone slash is not a folder-only pattern")
    }

    @Test func matchingDefaultsToAFile() throws {
        let folder = try GlobPattern("vendor/")
        #expect(!folder.matches("vendor"))
        #expect(folder.matches("vendor", isDirectory: true))
    }

    @Test(arguments: ["[z-a].txt", "[[:nope:]]"])
    func invalidClassIsAConfigurationError(glob: String) {
        #expect {
            try GlobPattern(glob)
        } throws: { error in
            guard let error = error as? SecretsError else { return false }
            return error.code == .configuration && error.message.contains(glob)
        }
    }

    @Test func unclosedBracketIsLiteral() throws {
        let pattern = try GlobPattern("a[b")
        #expect(pattern.matches("a[b"))
        #expect(!pattern.matches("ab"))
    }
}
