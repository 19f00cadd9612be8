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
        package var patchBytes = 0
    }

    /// Streams the lines each commit added, in batches of about `batchBytes`, to `onBatch`.
    package func history(since revision: String?, batchBytes: Int = 8 << 20, onBatch: ([ScanFragment]) throws -> Void) throws -> Coverage {
        try requireRepository()
        let shallow = try git(["rev-parse", "--is-shallow-repository"]).trimmingCharacters(in: .whitespacesAndNewlines) == "true"
        var range = ["--all"]
        if let revision {
            guard (try? git(["rev-parse", "--verify", "--quiet", revision + "^{commit}"])) != nil else {
                throw SecretsError(.inputUnreadable, shallow
                    ? "\(repository): revision \"\(revision)\" is not in this shallow clone; fetch more history (git fetch --unshallow, or fetch-depth: 0 in CI) and scan again"
                    : "\(repository): revision \"\(revision)\" does not name a commit; pass a branch, tag or commit id")
            }
            if shallow, (try? git(["merge-base", "--is-ancestor", revision, "HEAD"])) == nil {
                throw SecretsError(.inputUnreadable, "\(repository): this shallow clone does not hold the history between \"\(revision)\" and HEAD; fetch more history (git fetch --unshallow) and scan again")
            }
            range = [revision + "..HEAD"]
        } else if shallow {
            throw SecretsError(.inputUnreadable, "\(repository): this is a shallow clone, so its full history is not here; fetch it (git fetch --unshallow, or fetch-depth: 0 in CI) or scan only recent commits with --since REF")
        }
        let format = "--format=\u{1E}%H\u{1F}%an <%ae>\u{1F}%aI"
        var parser = PatchParser()
        try stream(["-c", "core.quotePath=false", "log", "-p", "-U0", "--no-color", "--no-ext-diff", "--full-history", format] + range) { line in
            parser.feed(line: line)
            if parser.fragmentBytes >= batchBytes || parser.fragments.count >= 4096 {
                try onBatch(parser.takeFragments())
            }
        }
        parser.finish()
        try onBatch(parser.takeFragments())
        return Coverage(commits: parser.commits, patchBytes: parser.patchBytes)
    }

    /// The lines added in the index (what `git commit` would record), for a pre-commit hook.
    package func staged() throws -> [ScanFragment] {
        try requireRepository()
        var parser = PatchParser()
        try stream(["-c", "core.quotePath=false", "diff", "--cached", "-U0", "--no-color", "--no-ext-diff"]) { parser.feed(line: $0) }
        parser.finish()
        return parser.takeFragments()
    }

    private func requireRepository() throws {
        guard (try? git(["rev-parse", "--git-dir"])) != nil else {
            throw SecretsError(.inputUnreadable, "\(repository): not a git repository (or git is not installed); scan it as a folder without --git/--staged")
        }
    }

    @discardableResult
    private func git(_ arguments: [String]) throws -> String {
        var output: [UInt8] = []
        try stream(arguments) { line in
            output += line
            output.append(0x0A)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Runs git in the repository and hands each line of its output to `onLine`.
    private func stream(_ arguments: [String], onLine: (ArraySlice<UInt8>) throws -> Void) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", repository] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SecretsError(.inputUnreadable, "cannot run git: \(error.localizedDescription); install git to scan history")
        }
        let errorText = ErrorCollector(errors.fileHandleForReading)
        var pending: [UInt8] = []
        let handle = output.fileHandleForReading
        var failure: (any Error)?
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            pending += chunk
            var start = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                if failure == nil {
                    do { try onLine(pending[start..<newline]) } catch { failure = error }
                }
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty, failure == nil {
            do { try onLine(pending[...]) } catch { failure = error }
        }
        process.waitUntilExit()
        if let failure { throw failure }
        guard process.terminationStatus == 0 else {
            let message = errorText.text.trimmingCharacters(in: .whitespacesAndNewlines)
            throw SecretsError(.inputUnreadable, "\(repository): git \(arguments.filter { !$0.hasPrefix("-") }.prefix(2).joined(separator: " ")) failed: \(message.isEmpty ? "exit \(process.terminationStatus)" : message)")
        }
    }
}

/// Drains a pipe on another thread so a chatty stderr cannot block the child.
private final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            let all = handle.readDataToEndOfFile()
            lock.withLock { data = all }
            done.signal()
        }
    }

    var text: String {
        done.wait()
        return lock.withLock { String(decoding: data, as: UTF8.self) }
    }
}
