import CharterCore
import Foundation

/// Turns content into findings: runs the engine over files or fragments on every core, applies
/// allowlists and inline `charter:allow` marks, and gives each finding its location, keyed
/// fingerprint and redacted preview. The secret itself never leaves this type.
package final class SecretScanner: Sendable {
    package let engine: SecretEngine
    let key: FingerprintKey
    package let options: SecretScanOptions
    private let rulesByID: [String: SecretRule]

    package init(engine: SecretEngine, key: FingerprintKey, options: SecretScanOptions = SecretScanOptions()) {
        self.engine = engine
        self.key = key
        self.options = options
        rulesByID = Dictionary(engine.rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// What a scan of files read.
    package struct Totals: Sendable, Codable, Equatable {
        package var files = 0
        package var bytes = 0
        package var binary = 0
        package var unreadable: [String] = []
    }

    /// Walks `walker`'s root and scans its files on every core at once: each worker lists a
    /// folder when no file is waiting, so reading starts with the first folder, not after the walk.
    /// `progress` is called from worker threads with the running totals of files and bytes.
    package func scan(folder walker: DirectoryWalker, progress: (@Sendable (Int, Int) -> Void)? = nil) throws
        -> (findings: [Finding], totals: Totals, skipped: DirectoryWalker.Skipped) {
        let queue = FolderQueue(root: try walker.start())
        let state = ScanState()
        DispatchQueue.concurrentPerform(iterations: max(1, options.workers)) { _ in
            do {
                let worker = Worker(scanner: try engine.makeScanner())
                while let item = queue.next() {
                    switch item {
                    case .folder(let folder):
                        var listing = try walker.list(folder)
                        listing.files.removeAll { options.allowlist.allows(path: $0.relativePath) }
                        worker.skipped.add(listing.skipped)
                        queue.listed(listing)
                    case .file(let file):
                        try scan(file, worker: worker, state: state, progress: progress)
                    }
                }
                state.finish(worker)
            } catch {
                queue.stop()
                state.fail(error)
            }
        }
        return try state.result()
    }

    /// Reads and scans `files` on every core.
    package func scan(files: [DirectoryWalker.File], progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> (findings: [Finding], totals: Totals) {
        let wanted = files.filter { !options.allowlist.allows(path: $0.relativePath) }
        let result = try onEveryCore(wanted.count) { worker, index, state in
            try scan(wanted[index], worker: worker, state: state, progress: progress)
        }
        return (result.findings, result.totals)
    }

    private func scan(_ file: DirectoryWalker.File, worker: Worker, state: ScanState, progress: (@Sendable (Int, Int) -> Void)?) throws {
        do {
            try worker.reader.read(file.path) { bytes in
                if BinaryFiles.looksBinary(bytes) {
                    worker.totals.binary += 1
                    return
                }
                worker.findings += try findings(in: bytes, path: file.relativePath, commit: nil, lineNumbers: nil, scanner: worker.scanner)
                worker.totals.files += 1
                worker.totals.bytes += bytes.count
                if let progress { state.progress(bytes: bytes.count, report: progress) }
            }
        } catch let error as SecretsError where error.code == .inputUnreadable {
            worker.totals.unreadable.append(file.relativePath)
        }
    }

    /// Scans in-memory fragments (standard input, the index) on every core.
    package func scan(fragments all: [ScanFragment]) throws -> [Finding] {
        let fragments = all.filter { !options.allowlist.allows(path: $0.path) }
        return try onEveryCore(fragments.count) { worker, index, _ in
            worker.findings += try scan(fragments[index], with: worker.scanner)
        }.findings
    }

    /// Starts `options.workers` threads that scan batches of fragments as they are submitted,
    /// for sources that produce them over time (a history read from several git processes).
    package func pool() -> ScanPool {
        ScanPool(workers: options.workers, makeScanner: engine.makeScanner) { [self] fragment, scanner in
            options.allowlist.allows(path: fragment.path) ? [] : try scan(fragment, with: scanner)
        }
    }

    private func scan(_ fragment: ScanFragment, with scanner: SecretEngine.Scanner) throws -> [Finding] {
        try fragment.bytes.withUnsafeBytes {
            try findings(in: $0, path: fragment.path, commit: fragment.commit, lineNumbers: fragment.lineNumbers, scanner: scanner)
        }
    }

    /// Runs `work` for items `0..<count` on up to `options.workers` threads, each with its own
    /// scanner, and merges what the workers found.
    private func onEveryCore(_ count: Int, _ work: @Sendable (Worker, Int, ScanState) throws -> Void) throws -> (findings: [Finding], totals: Totals, skipped: DirectoryWalker.Skipped) {
        let state = ScanState()
        DispatchQueue.concurrentPerform(iterations: max(1, min(options.workers, count))) { _ in
            do {
                let worker = Worker(scanner: try engine.makeScanner())
                while let index = state.next(below: count) {
                    try work(worker, index, state)
                }
                state.finish(worker)
            } catch {
                state.fail(error)
            }
        }
        return try state.result()
    }

    func findings(in bytes: UnsafeRawBufferPointer, path: String, commit: CommitInfo?, lineNumbers: [Int]?, scanner: SecretEngine.Scanner) throws -> [Finding] {
        var found: [Finding] = []
        var lines = LineIndex(bytes)
        for match in try scanner.scan(bytes, decodeDepth: options.decodeDepth) {
            let rule = rulesByID[match.ruleID]
            let ruleAllowlist = options.ruleAllowlists[match.ruleID]
            if ruleAllowlist?.allows(path: path) == true { continue }
            if options.allowlist.allows(secret: match.secret) || ruleAllowlist?.allows(secret: match.secret) == true { continue }
            let position = lines.position(of: match.range.lowerBound)
            if lines.isMarked(position) { continue }
            let line = lineNumbers.flatMap { numbers in numbers.indices.contains(position.line - 1) ? numbers[position.line - 1] : nil } ?? position.line
            var notes: [String] = []
            if match.validated { notes.append("checksum verified") }
            if !match.encoding.isEmpty { notes.append("decoded from " + match.encoding.map(\.rawValue).joined(separator: " then ")) }
            found.append(Finding(
                gate: "secrets", ruleID: match.ruleID, title: rule?.description ?? match.ruleID,
                level: FindingLevel(rawValue: match.confidence.rawValue) ?? .low,
                location: SourceLocation(path: path, line: line, column: position.column, commit: commit),
                fingerprint: key.fingerprint(rule: match.ruleID, path: path, secret: match.secret),
                valueFingerprint: key.fingerprint(rule: "", path: path, secret: match.secret),
                preview: RedactedPreview.of(match.secret), notes: notes))
        }
        return found
    }
}

extension Finding {
    /// Commit date and id (for history), path, then line, column and rule: the order every report
    /// lists findings in, whatever order the workers found them in.
    package static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
        let left = (lhs.location.commit?.date ?? "", lhs.location.commit?.id ?? "", lhs.location.path, lhs.location.line, lhs.location.column, lhs.ruleID)
        let right = (rhs.location.commit?.date ?? "", rhs.location.commit?.id ?? "", rhs.location.path, rhs.location.line, rhs.location.column, rhs.ruleID)
        return left < right
    }
}
