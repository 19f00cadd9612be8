import CharterCore
@testable import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

/// Whether the GitSource tests run: when git is installed, and always under `CI=true` (so a
/// missing git fails there instead of skipping).
enum InstalledGit {
    static let isAvailable: Bool = (try? GitSourceTests.Repo.run(["--version"], in: nil)) != nil
    static let testsShouldRun = isAvailable || ProcessInfo.processInfo.environment["CI"] == "true"
}

/// Runs against real repositories built with the installed `git`.
@Suite(.enabled(if: InstalledGit.testsShouldRun, "git is not installed: GitSource tests need it (under CI=true they run and fail)"))
struct GitSourceTests {

    struct GitFailure: Error, CustomStringConvertible {
        let description: String
    }

    struct Person {
        let name: String
        let email: String
        var signature: String { "\(name) <\(email)>" }
    }

    static let alice = Person(name: "Alice Example", email: "alice@example.com")
    static let bob = Person(name: "Bob Example", email: "bob@example.com")

    /// A repository in a temporary folder, driven by the git command line.
    struct Repo {
        let folder: TemporaryDirectory
        var path: String { folder.path }

        init(_ label: String = "git-source") throws {
            folder = try TemporaryDirectory(label)
            try git(["init", "-q", "-b", "main"])
        }

        static func run(_ arguments: [String], in directory: String?, environment: [String: String] = [:]) throws -> String {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git"] + (directory.map { ["-C", $0] } ?? []) + ["-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"] + arguments
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
            let output = Pipe()
            let errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let out = output.fileHandleForReading.readDataToEndOfFile()
            let err = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw GitFailure(description: "git \(arguments.joined(separator: " ")): \(String(decoding: err, as: UTF8.self))")
            }
            return String(decoding: out, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        @discardableResult
        func git(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
            try Self.run(arguments, in: path, environment: environment)
        }

        func write(_ relative: String, _ text: String) throws {
            let file = folder.file(relative)
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: file, atomically: false, encoding: .utf8)
        }

        /// Commits everything in the work tree as `author` at `date`; returns the commit id.
        @discardableResult
        func commit(_ message: String, by author: Person, at date: String) throws -> String {
            try git(["add", "-A"])
            try git(["-c", "user.name=\(author.name)", "-c", "user.email=\(author.email)", "commit", "-q", "-m", message],
                    environment: ["GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date])
            return try git(["rev-parse", "HEAD"])
        }
    }

    /// Three commits on main: A adds a.txt, B edits it and adds dir/b.txt, C deletes dir/b.txt and adds c.txt.
    struct History {
        let repo: Repo
        let a: String
        let b: String
        let c: String
        let tokens = (1...4).map { FakeSecrets.token(seed: UInt64($0)) }

        init() throws {
            repo = try Repo()
            try repo.write("a.txt", "hello\nkey = \(tokens[0])\n")
            a = try repo.commit("add a", by: GitSourceTests.alice, at: "2024-01-02T03:04:05+02:00")
            try repo.write("a.txt", "hello world\nkey = \(tokens[0])\n\(tokens[1])\n")
            try repo.write("dir/b.txt", "\(tokens[2])\n")
            b = try repo.commit("edit a, add b", by: GitSourceTests.bob, at: "2024-02-03T04:05:06-05:00")
            try FileManager.default.removeItem(atPath: repo.folder.file("dir/b.txt"))
            try repo.write("c.txt", "after \(tokens[3])\n")
            c = try repo.commit("drop b, add c", by: GitSourceTests.alice, at: "2024-03-04T05:06:07+00:30")
        }
    }

    struct Added: Hashable, CustomStringConvertible {
        let commit: String?
        let path: String
        let text: String
        let lines: [Int]?
        var description: String { "\(commit?.prefix(7) ?? "index") \(path) \(lines ?? []) \(text.debugDescription)" }
    }

    /// What the fragments hold, with the line numbers of a whole added file (nil in a fragment)
    /// written out, so patches and whole files compare alike.
    static func added(_ fragments: [ScanFragment]) -> Set<Added> {
        Set(fragments.map { fragment in
            let lines = fragment.lineNumbers ?? Array(1...max(1, fragment.bytes.split(separator: 0x0A, omittingEmptySubsequences: false).count - (fragment.bytes.last == 0x0A ? 1 : 0)))
            return Added(commit: fragment.commit?.id, path: fragment.path, text: String(decoding: fragment.bytes, as: UTF8.self), lines: lines)
        })
    }

    static func history(_ path: String, since: String? = nil, lanes: Int = 2, batchBytes: Int = 8 << 20) throws -> (fragments: [ScanFragment], coverage: GitSource.Coverage, batches: Int) {
        let received = Locked<(fragments: [ScanFragment], batches: Int)>(([], 0))
        let coverage = try GitSource(repository: path).history(since: since, lanes: lanes, batchBytes: batchBytes) { batch in
            received.withLock {
                $0.batches += 1
                $0.fragments += batch
            }
        }
        return received.withLock { ($0.fragments, coverage, $0.batches) }
    }

    static func isInputUnreadable(_ error: any Error, mentioning text: String) -> Bool {
        guard let error = error as? SecretsError else { return false }
        return error.code == .inputUnreadable && error.message.contains(text)
    }

    @Test func historyFindsTheLinesEachCommitAdded() throws {
        let history = try History()
        defer { history.repo.folder.remove() }
        let scan = try Self.history(history.repo.path)
        #expect(scan.coverage.commits == 3)
        #expect(scan.coverage.bytes > 0)
        let expected: Set<Added> = [
            Added(commit: history.a, path: "a.txt", text: "hello\nkey = \(history.tokens[0])\n", lines: [1, 2]),
            Added(commit: history.b, path: "a.txt", text: "hello world\n\(history.tokens[1])\n", lines: [1, 3]),
            Added(commit: history.b, path: "dir/b.txt", text: "\(history.tokens[2])\n", lines: [1]),
            Added(commit: history.c, path: "c.txt", text: "after \(history.tokens[3])\n", lines: [1]),
        ]
        #expect(Self.added(scan.fragments) == expected)
    }

    @Test func historyCarriesEachCommitsIdAuthorAndDate() throws {
        let history = try History()
        defer { history.repo.folder.remove() }
        let commits = Dictionary(try Self.history(history.repo.path).fragments.compactMap(\.commit).map { ($0.id, $0) }) { first, _ in first }
        #expect(commits[history.a] == CommitInfo(id: history.a, author: Self.alice.signature, date: "2024-01-02T03:04:05+02:00"))
        #expect(commits[history.b] == CommitInfo(id: history.b, author: Self.bob.signature, date: "2024-02-03T04:05:06-05:00"))
        #expect(commits[history.c] == CommitInfo(id: history.c, author: Self.alice.signature, date: "2024-03-04T05:06:07+00:30"))
    }

    @Test func fullHistoryCoversEveryBranch() throws {
        let history = try History()
        defer { history.repo.folder.remove() }
        try history.repo.git(["checkout", "-q", "-b", "feature", history.a])
        try history.repo.write("feature.txt", "only on a branch\n")
        let feature = try history.repo.commit("feature work", by: Self.bob, at: "2024-04-01T00:00:00+00:00")
        try history.repo.git(["checkout", "-q", "main"])

        let all = try Self.history(history.repo.path)
        #expect(all.coverage.commits == 4)
        #expect(all.fragments.contains { $0.commit?.id == feature && $0.path == "feature.txt" })
        let recent = try Self.history(history.repo.path, since: history.a)
        #expect(!recent.fragments.contains { $0.path == "feature.txt" }, "REF..HEAD follows only HEAD's history")
    }

    @Test(arguments: ["first", "tag", "HEAD~1"])
    func sinceLimitsTheScanToRefDotDotHead(reference: String) throws {
        let history = try History()
        defer { history.repo.folder.remove() }
        try history.repo.git(["tag", "v1", history.b])
        let revision = switch reference {
        case "first": history.a
        case "tag": "v1"
        default: "HEAD~1"
        }
        let scan = try Self.history(history.repo.path, since: revision)
        let expectedCommits = reference == "first" ? [history.b, history.c] : [history.c]
        #expect(scan.coverage.commits == expectedCommits.count)
        #expect(Set(scan.fragments.compactMap(\.commit?.id)) == Set(expectedCommits))
        #expect(!scan.fragments.contains { $0.commit?.id == history.a })
    }

    @Test func smallBatchesDeliverTheSameFragments() throws {
        let history = try History()
        defer { history.repo.folder.remove() }
        let whole = try Self.history(history.repo.path)
        let batched = try Self.history(history.repo.path, batchBytes: 1)
        #expect(batched.batches > 2)
        #expect(Self.added(batched.fragments) == Self.added(whole.fragments))
        #expect(batched.coverage == whole.coverage)
    }

    /// However the commits are shared among git processes, the same lines are found.
    @Test(arguments: [1, 2, 3, 8])
    func everyLaneCountFindsTheSameLines(lanes: Int) throws {
        let history = try History()
        defer { history.repo.folder.remove() }
        let single = try Self.history(history.repo.path, lanes: 1)
        let shared = try Self.history(history.repo.path, lanes: lanes, batchBytes: 1)
        #expect(Self.added(shared.fragments) == Self.added(single.fragments))
        #expect(shared.coverage == single.coverage)
        #expect(single.coverage.commits == 3)
    }

    @Test func aRepositoryWithoutCommitsScansNothing() throws {
        let folder = try TemporaryDirectory("git-empty")
        defer { folder.remove() }
        _ = try Repo.run(["init", "-q", folder.path], in: nil)
        let scan = try Self.history(folder.path)
        #expect(scan.coverage == GitSource.Coverage())
        #expect(scan.fragments.isEmpty)
    }

    @Test func anErrorFromTheBatchHandlerStopsTheScan() throws {
        struct Stop: Error {}
        let history = try History()
        defer { history.repo.folder.remove() }
        #expect(throws: Stop.self) {
            try GitSource(repository: history.repo.path).history(since: nil, batchBytes: 1) { _ in throw Stop() }
        }
    }

    @Test(arguments: ["no-such-branch", "0123456789abcdef0123456789abcdef01234567", "HEAD~99"])
    func badRevisionIsInputUnreadableNamingIt(revision: String) throws {
        let history = try History()
        defer { history.repo.folder.remove() }
        #expect {
            try Self.history(history.repo.path, since: revision)
        } throws: { error in
            Self.isInputUnreadable(error, mentioning: "\"\(revision)\"")
        }
    }

    @Test func aFolderThatIsNotARepositoryIsInputUnreadable() throws {
        let folder = try TemporaryDirectory("not-a-repo")
        defer { folder.remove() }
        try "plain\n".write(toFile: folder.file("file.txt"), atomically: false, encoding: .utf8)
        #expect {
            try Self.history(folder.path)
        } throws: { error in
            Self.isInputUnreadable(error, mentioning: "not a git repository")
        }
        #expect {
            try GitSource(repository: folder.path).staged()
        } throws: { error in
            Self.isInputUnreadable(error, mentioning: "not a git repository")
        }
    }

    @Test func shallowCloneRefusesAFullHistoryScan() throws {
        let history = try History()
        let clones = try TemporaryDirectory("git-shallow")
        defer {
            history.repo.folder.remove()
            clones.remove()
        }
        let clone = clones.file("clone")
        _ = try Repo.run(["clone", "-q", "--depth", "1", "file://" + history.repo.path, clone], in: nil)
        #expect(try Repo.run(["rev-parse", "--is-shallow-repository"], in: clone) == "true")

        #expect {
            try Self.history(clone)
        } throws: { error in
            Self.isInputUnreadable(error, mentioning: "shallow")
        }
        #expect {
            try Self.history(clone, since: history.a)
        } throws: { error in
            Self.isInputUnreadable(error, mentioning: "shallow") && Self.isInputUnreadable(error, mentioning: history.a)
        }
    }

    @Test func shallowCloneScansRecentCommitsItHolds() throws {
        let history = try History()
        let clones = try TemporaryDirectory("git-shallow")
        defer {
            history.repo.folder.remove()
            clones.remove()
        }
        let clone = clones.file("clone")
        _ = try Repo.run(["clone", "-q", "--depth", "2", "file://" + history.repo.path, clone], in: nil)
        let scan = try Self.history(clone, since: "HEAD~1")
        #expect(scan.coverage.commits == 1)
        #expect(scan.fragments.map(\.path) == ["c.txt"])
        #expect(scan.fragments.first?.commit?.id == history.c)
    }

    @Test func stagedReturnsOnlyStagedAddedLines() throws {
        let history = try History()
        defer { history.repo.folder.remove() }
        let staged = FakeSecrets.token(seed: 99)
        try history.repo.write("a.txt", "hello world\nkey = \(history.tokens[0])\n\(history.tokens[1])\nstaged \(staged)\n")
        try history.repo.write("new/file.txt", "brand new\n")
        try history.repo.git(["add", "a.txt", "new/file.txt"])
        try history.repo.write("c.txt", "after \(history.tokens[3])\nnot staged\n")
        try history.repo.write("untracked.txt", "never added\n")

        let fragments = try GitSource(repository: history.repo.path).staged()
        let expected: Set<Added> = [
            Added(commit: nil, path: "a.txt", text: "staged \(staged)\n", lines: [4]),
            Added(commit: nil, path: "new/file.txt", text: "brand new\n", lines: [1]),
        ]
        #expect(Self.added(fragments) == expected)
    }

    @Test func stagedWorksBeforeTheFirstCommit() throws {
        let repo = try Repo()
        defer { repo.folder.remove() }
        try repo.write("first.txt", "one\ntwo\n")
        try repo.git(["add", "first.txt"])
        let fragments = try GitSource(repository: repo.path).staged()
        #expect(Self.added(fragments) == [Added(commit: nil, path: "first.txt", text: "one\ntwo\n", lines: [1, 2])])
    }

    @Test func stagedIsEmptyWhenNothingIsStaged() throws {
        let history = try History()
        defer { history.repo.folder.remove() }
        try history.repo.write("c.txt", "changed but not staged\n")
        #expect(try GitSource(repository: history.repo.path).staged().isEmpty)
    }

    @Test func unusualFileNamesKeepTheirNames() throws {
        let repo = try Repo()
        defer { repo.folder.remove() }
        let names = [#"say "hi".txt"#, "café notes.txt", #"back\slash.txt"#]
        for name in names { try repo.write(name, "content\n") }
        try repo.commit("odd names", by: Self.alice, at: "2024-01-01T00:00:00+00:00")
        #expect(Set(try Self.history(repo.path).fragments.map(\.path)) == Set(names))
    }

    @Test func aTabInAFileNameKeepsItsName() throws {
        let repo = try Repo()
        defer { repo.folder.remove() }
        try repo.write("tab\there.txt", "content\n")
        try repo.commit("tab", by: Self.alice, at: "2024-01-01T00:00:00+00:00")
        let paths = try Self.history(repo.path).fragments.map(\.path)
        #expect(paths == ["tab\there.txt"])
    }
}
