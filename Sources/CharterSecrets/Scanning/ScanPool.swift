import CharterCore
import Foundation

/// Worker threads scanning batches of fragments as a producer submits them. A history scan's
/// git readers submit here, so every core scans whichever git process is producing, and a
/// commit far larger than the rest cannot leave one core idle while another scans it alone.
package final class ScanPool: @unchecked Sendable {
    private let condition = NSCondition()
    private var queued: [[ScanFragment]] = []
    private var queuedBytes = 0
    private var closed = false
    private var running: Int
    private var findings: [Finding] = []
    private var error: (any Error)?
    /// Bytes that may wait unscanned before `submit` blocks: memory stays bounded however fast git is.
    private let limitBytes: Int

    init(workers: Int, limitBytes: Int = 32 << 20, makeScanner: @escaping @Sendable () throws -> SecretEngine.Scanner,
         scan: @escaping @Sendable (ScanFragment, SecretEngine.Scanner) throws -> [Finding]) {
        running = max(1, workers)
        self.limitBytes = limitBytes
        for _ in 0..<running {
            Thread.detachNewThread { [self] in work(makeScanner: makeScanner, scan: scan) }
        }
    }

    /// Queues a batch, waiting while the queue is full; throws the first worker error, if any.
    package func submit(_ batch: [ScanFragment]) throws {
        let bytes = batch.reduce(0) { $0 + $1.bytes.count }
        condition.lock()
        defer { condition.unlock() }
        while queuedBytes > 0 && queuedBytes + bytes > limitBytes && error == nil && running > 0 {
            condition.wait()
        }
        if let error { throw error }
        queued.append(batch)
        queuedBytes += bytes
        condition.broadcast()
    }

    /// Waits for every submitted batch to be scanned and returns the findings in report order.
    package func finish() throws -> [Finding] {
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        if let error { throw error }
        return findings.sorted(by: Finding.reportOrder)
    }

    private func work(makeScanner: () throws -> SecretEngine.Scanner, scan: (ScanFragment, SecretEngine.Scanner) throws -> [Finding]) {
        var found: [Finding] = []
        var failure: (any Error)?
        do {
            let scanner = try makeScanner()
            while let batch = next() {
                for fragment in batch { found += try scan(fragment, scanner) }
            }
        } catch {
            failure = error
        }
        condition.lock()
        findings += found
        if let failure, error == nil { error = failure }
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or nil once the pool is closed and drained or a worker has failed.
    private func next() -> [ScanFragment]? {
        condition.lock()
        defer { condition.unlock() }
        while queued.isEmpty && !closed && error == nil { condition.wait() }
        guard error == nil, !queued.isEmpty else { return nil }
        let batch = queued.removeFirst()
        queuedBytes -= batch.reduce(0) { $0 + $1.bytes.count }
        condition.broadcast()
        return batch
    }
}
