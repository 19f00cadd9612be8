import CharterCore
@testable import CharterSecrets
import CharterTestSupport
import Foundation
import Testing

/// How a history scan reads added files (whole, from the object store), merges (combined
/// diffs) and many git commands at once.
extension GitSourceTests {
    /// Added files are read whole from the object store; what they yield must be what their
    /// patches would: binary and empty files nothing, renamed files only their changed lines.
    @Test func addedFilesYieldWhatTheirPatchesWould() throws {
        let repo = try Repo()
        defer { repo.folder.remove() }
        let token = FakeSecrets.token(seed: 60)
        try repo.write("text.txt", "one\ntwo \(token)\n")
        try repo.write("empty.txt", "")
        try Data([0x41, 0x00, 0x42, 0x0A]).write(to: URL(fileURLWithPath: repo.folder.file("blob.bin")))
        try repo.write("no-newline.txt", "last line without newline")
        let first = try repo.commit("add", by: Self.alice, at: "2024-01-01T00:00:00+00:00")
        try repo.git(["mv", "text.txt", "moved.txt"])
        try repo.write("moved.txt", "one\ntwo \(token)\nthree\n")
        let second = try repo.commit("move and extend", by: Self.alice, at: "2024-01-02T00:00:00+00:00")

        let scan = try Self.history(repo.path)
        #expect(Self.added(scan.fragments) == [
            Added(commit: first, path: "text.txt", text: "one\ntwo \(token)\n", lines: [1, 2]),
            Added(commit: first, path: "no-newline.txt", text: "last line without newline", lines: [1]),
            Added(commit: second, path: "moved.txt", text: "three\n", lines: [3]),
        ])
        #expect(scan.coverage.commits == 2)
    }

    @Test func aSubmoduleIsNotReadAsAFile() throws {
        let inner = try Repo()
        let outer = try Repo()
        defer {
            inner.folder.remove()
            outer.folder.remove()
        }
        try inner.write("inside.txt", "inner\n")
        try inner.commit("inner", by: Self.alice, at: "2024-01-01T00:00:00+00:00")
        try outer.write("top.txt", "top\n")
        try outer.git(["-c", "protocol.file.allow=always", "submodule", "add", "-q", inner.path, "sub"])
        try outer.commit("with a submodule", by: Self.alice, at: "2024-01-02T00:00:00+00:00")
        let paths = Set(try Self.history(outer.path).fragments.map(\.path))
        #expect(paths == [".gitmodules", "top.txt"])
    }

    /// Many git commands at once, as the lanes of a history scan run them: each must get its own
    /// output (a reader left running on a closed descriptor once read another command's pipe).
    @Test func concurrentGitCommandsKeepTheirOwnOutput() throws {
        let history = try History()
        defer { history.repo.folder.remove() }
        let git = GitCommand(repository: history.repo.path)
        let expected = [history.a: "add a", history.b: "edit a, add b", history.c: "drop b, add c"]
        let commits = [history.a, history.b, history.c]
        let wrong = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for round in 0..<25 {
                let commit = commits[(thread + round) % commits.count]
                let subject = (try? git.output(["log", "-n1", "--format=%s", commit]))?.trimmingCharacters(in: .whitespacesAndNewlines)
                if subject != expected[commit] { wrong.withLock { $0.append("\(commit.prefix(7)): \(subject ?? "failed")") } }
            }
        }
        #expect(wrong.withLock { $0 }.isEmpty)
    }

    /// What a merge adds while resolving a conflict (or a file it adds) is in neither parent's
    /// commits; a clean merge adds nothing of its own.
    @Test func aMergeIsScannedForWhatNoParentHad() throws {
        let repo = try Repo()
        defer { repo.folder.remove() }
        let evil = FakeSecrets.token(seed: 70)
        try repo.write("app.env", "NAME=app\n")
        try repo.commit("base", by: Self.alice, at: "2024-01-01T00:00:00+00:00")
        try repo.git(["checkout", "-q", "-b", "feature"])
        try repo.write("app.env", "NAME=feature\n")
        try repo.commit("feature", by: Self.bob, at: "2024-01-02T00:00:00+00:00")
        try repo.git(["checkout", "-q", "main"])
        try repo.write("app.env", "NAME=main\n")
        try repo.commit("main", by: Self.alice, at: "2024-01-03T00:00:00+00:00")
        _ = try? repo.git(["merge", "-q", "feature"])
        try repo.write("app.env", "NAME=merged\nKEY=\(evil)\n")
        try repo.write("merge-only.txt", "added in the merge\n")
        let merge = try repo.commit("merge feature", by: Self.alice, at: "2024-01-04T00:00:00+00:00")
        try repo.git(["checkout", "-q", "-b", "clean", "feature"])
        try repo.write("clean.txt", "clean\n")
        try repo.commit("clean side", by: Self.bob, at: "2024-01-05T00:00:00+00:00")
        try repo.git(["checkout", "-q", "main"])
        try repo.git(["-c", "user.name=A", "-c", "user.email=a@example.com", "merge", "-q", "--no-edit", "clean"],
                     environment: ["GIT_AUTHOR_DATE": "2024-01-06T00:00:00+00:00", "GIT_COMMITTER_DATE": "2024-01-06T00:00:00+00:00"])

        let scan = try Self.history(repo.path)
        let fromMerge = Self.added(scan.fragments.filter { $0.commit?.id == merge })
        #expect(fromMerge == [
            Added(commit: merge, path: "app.env", text: "NAME=merged\nKEY=\(evil)\n", lines: [1, 2]),
            Added(commit: merge, path: "merge-only.txt", text: "added in the merge\n", lines: [1]),
        ])
        let cleanMerge = try repo.git(["rev-parse", "HEAD"]).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!scan.fragments.contains { $0.commit?.id == cleanMerge })
        #expect(scan.coverage.commits == 6)
    }
}
