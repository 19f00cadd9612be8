import CharterCore
import Foundation

/// Content added to a git repository: by every commit (or those after a revision), or staged for
/// the next commit. A revision that does not resolve, a folder that is not a repository, or a
/// shallow clone that hides the requested history is an error, never a silent empty scan.
package struct GitSource: Sendable {
    package let repository: String

    package init(repository: String) {
        self.repository = repository
    }

    /// What a history scan covered.
    package struct Coverage: Sendable, Codable, Equatable {
        package var commits = 0
        /// Patch text of changed files plus the contents of added ones.
        package var bytes = 0
    }

    /// Streams what each commit added (every commit, or those in `since..HEAD`) to `onBatch` in
    /// batches of about `batchBytes`: the added lines of changed files, and added files whole. The
    /// commits are shared among `lanes` lanes of git processes, each read on its own thread, so
    /// `onBatch` is called from several threads at once.
    package func history(since revision: String?, lanes: Int = 2, batchBytes: Int = 1 << 20,
                         onBatch: @Sendable ([ScanFragment]) throws -> Void) throws -> Coverage {
        try requireRepository()
        // Each line: a commit, then its parents; a merge has two or more.
        let listed = try git.output(["rev-list", "--parents", try range(since: revision)]).split(separator: "\n").map { $0.split(separator: " ") }
        let commits = listed.compactMap { $0.first.map(String.init) }
        let merges = listed.filter { $0.count > 2 }.map { String($0[0]) }
        guard !commits.isEmpty else { return Coverage() }
        let laneCount = max(1, min(lanes, commits.count))
        let results = LaneResults()
        // Added files are read whole by `AddedFiles`; the patches cover every other change, and
        // merges' combined diffs what a merge added that none of its parents had.
        let log = ["-c", "core.quotePath=false", "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--no-walk=unsorted", "--stdin", PatchParser.headerFormat]
        let patches = log + ["--diff-filter=a"]
        let combined = log + ["--cc"]
        DispatchQueue.concurrentPerform(iterations: laneCount) { lane in
            // Every lane-th commit: neighbours in time often differ most in size.
            let share = Array(stride(from: lane, to: commits.count, by: laneCount).map { commits[$0] + "\n" }.joined().utf8)
            let mergeShare = Array(stride(from: lane, to: merges.count, by: laneCount).map { merges[$0] + "\n" }.joined().utf8)
            do {
                func hand(_ fragments: [ScanFragment]) throws {
                    try results.throwIfStopped()
                    try onBatch(fragments)
                }
                var batch = Batch(limit: batchBytes)
                let added = AddedFiles(git: git)
                let addedBytes = try added.read(try added.list(commits: share)) { try batch.add($0, hand) }
                var patchBytes = 0
                for (arguments, commits) in [(patches, share), (combined, mergeShare)] where !commits.isEmpty {
                    var parser = PatchParser()
                    try git.stream(arguments, input: commits) { line in
                        parser.feed(line: line)
                        if !parser.fragments.isEmpty {
                            for fragment in parser.takeFragments() { try batch.add(fragment, hand) }
                        }
                    }
                    parser.finish()
                    for fragment in parser.takeFragments() { try batch.add(fragment, hand) }
                    patchBytes += parser.patchBytes
                }
                try batch.flush(hand)
                results.add(bytes: addedBytes + patchBytes)
            } catch {
                results.fail(error)
            }
        }
        return Coverage(commits: commits.count, bytes: try results.total())
    }

    /// The revisions to list: all of them, or `since..HEAD` once `since` is known to be there.
    private func range(since revision: String?) throws -> String {
        let shallow = try git.output(["rev-parse", "--is-shallow-repository"]).trimmingCharacters(in: .whitespacesAndNewlines) == "true"
        guard let revision else {
            if shallow {
                throw SecretsError(.inputUnreadable, "\(repository): this is a shallow clone, so its full history is not here; fetch it (git fetch --unshallow, or fetch-depth: 0 in CI) or scan only recent commits with --since REF")
            }
            return "--all"
        }
        guard (try? git.output(["rev-parse", "--verify", "--quiet", revision + "^{commit}"])) != nil else {
            throw SecretsError(.inputUnreadable, shallow
                ? "\(repository): revision \"\(revision)\" is not in this shallow clone; fetch more history (git fetch --unshallow, or fetch-depth: 0 in CI) and scan again"
                : "\(repository): revision \"\(revision)\" does not name a commit; pass a branch, tag or commit id")
        }
        if shallow, (try? git.output(["merge-base", "--is-ancestor", revision, "HEAD"])) == nil {
            throw SecretsError(.inputUnreadable, "\(repository): this shallow clone does not hold the history between \"\(revision)\" and HEAD; fetch more history (git fetch --unshallow) and scan again")
        }
        return revision + "..HEAD"
    }

    /// The lines added in the index (what `git commit` would record), for a pre-commit hook.
    package func staged() throws -> [ScanFragment] {
        try requireRepository()
        var parser = PatchParser()
        try git.stream(["-c", "core.quotePath=false", "diff", "--cached", "-U0", "--no-color", "--no-ext-diff"]) { parser.feed(line: $0) }
        parser.finish()
        return parser.takeFragments()
    }

    private var git: GitCommand { GitCommand(repository: repository) }

    private func requireRepository() throws {
        guard (try? git.output(["rev-parse", "--git-dir"])) != nil else {
            throw SecretsError(.inputUnreadable, "\(repository): not a git repository (or git is not installed); scan it as a folder without --git/--staged")
        }
    }
}

/// Fragments gathered into batches of about `limit` bytes (or 4,096 fragments) for `hand`.
private struct Batch {
    let limit: Int
    private var fragments: [ScanFragment] = []
    private var bytes = 0

    init(limit: Int) {
        self.limit = limit
    }

    mutating func add(_ fragment: ScanFragment, _ hand: ([ScanFragment]) throws -> Void) throws {
        fragments.append(fragment)
        bytes += fragment.bytes.count
        if bytes >= limit || fragments.count >= 4096 { try flush(hand) }
    }

    mutating func flush(_ hand: ([ScanFragment]) throws -> Void) throws {
        guard !fragments.isEmpty else { return }
        let full = fragments
        fragments = []
        bytes = 0
        try hand(full)
    }
}

/// The bytes the lanes of a history scan read, and the first error any of them met.
private final class LaneResults: @unchecked Sendable {
    private struct Stopped: Error {}

    private let lock = NSLock()
    private var bytes = 0
    private var error: (any Error)?

    func add(bytes lane: Int) {
        lock.withLock { bytes += lane }
    }

    func fail(_ failure: any Error) {
        lock.withLock { if error == nil { error = failure } }
    }

    /// Throws once another lane has failed, so the others stop rather than scan on.
    func throwIfStopped() throws {
        if lock.withLock({ error != nil }) { throw Stopped() }
    }

    func total() throws -> Int {
        try lock.withLock {
            if let error { throw error }
            return bytes
        }
    }
}
