import CharterCore
import Foundation

/// One worker thread's scanner, file buffer and results.
final class Worker {
    let scanner: SecretEngine.Scanner
    private(set) lazy var reader = FileReader()
    var findings: [Finding] = []
    var totals = SecretScanner.Totals()
    var skipped = DirectoryWalker.Skipped()

    init(scanner: SecretEngine.Scanner) {
        self.scanner = scanner
    }
}

/// The work queue and results shared by a scan's worker threads.
final class ScanState: @unchecked Sendable {
    private let lock = NSLock()
    private var cursor = 0
    private var findings: [Finding] = []
    private var totals = SecretScanner.Totals()
    private var skipped = DirectoryWalker.Skipped()
    private var error: (any Error)?
    private var progressFiles = 0
    private var progressBytes = 0

    func next(below count: Int) -> Int? {
        lock.withLock {
            guard cursor < count, error == nil else { return nil }
            defer { cursor += 1 }
            return cursor
        }
    }

    func progress(bytes: Int, report: (Int, Int) -> Void) {
        let (files, total) = lock.withLock {
            progressFiles += 1
            progressBytes += bytes
            return (progressFiles, progressBytes)
        }
        report(files, total)
    }

    func finish(_ worker: Worker) {
        lock.withLock {
            findings += worker.findings
            totals.files += worker.totals.files
            totals.bytes += worker.totals.bytes
            totals.binary += worker.totals.binary
            totals.unreadable += worker.totals.unreadable
            skipped.add(worker.skipped)
        }
    }

    func fail(_ failure: any Error) {
        lock.withLock { if error == nil { error = failure } }
    }

    func result() throws -> (findings: [Finding], totals: SecretScanner.Totals, skipped: DirectoryWalker.Skipped) {
        try lock.withLock {
            if let error { throw error }
            totals.unreadable.sort()
            skipped.unreadable.sort()
            return (findings.sorted(by: Finding.reportOrder), totals, skipped)
        }
    }
}
