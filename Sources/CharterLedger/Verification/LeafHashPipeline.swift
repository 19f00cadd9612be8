import CharterCore
import Dispatch

/// Checks entries against their recorded leaf hashes on a second core while the caller keeps
/// reading rows from the store: decoding rows and hashing them cost about the same, so the two
/// overlap. Batches are processed in order on one serial queue; at most four wait at a time, so
/// memory stays bounded.
final class LeafHashPipeline: @unchecked Sendable {
    typealias Batch = [(entry: LedgerEntry, recorded: [UInt8])]

    private let queue = DispatchQueue(label: "charter.ledger.verify")
    private let slots = DispatchSemaphore(value: 4)
    // Touched only on `queue`.
    private var hashes: [UInt8] = []
    private var report = LedgerVerificationReport()
    /// Leaf hashes recomputed from content where they differ from the recorded ones (bounded).
    private var recomputed: [UInt64: [UInt8]] = [:]

    init(expectedEntries: Int) {
        hashes.reserveCapacity(expectedEntries * 32)
    }

    func submit(_ batch: Batch) {
        guard !batch.isEmpty else { return }
        slots.wait()
        queue.async {
            defer { self.slots.signal() }
            for (entry, recorded) in batch { self.check(entry, recorded) }
        }
    }

    /// Waits for every batch; returns the recorded leaf hashes (a recomputed one where the
    /// recorded one is damaged) and the problems found.
    func finish() -> (hashes: [UInt8], report: LedgerVerificationReport, recomputed: [UInt64: [UInt8]]) {
        queue.sync { (hashes, report, recomputed) }
    }

    private func check(_ entry: LedgerEntry, _ recorded: [UInt8]) {
        let leaf = MerkleHash.leaf(entry.canonicalBytes)
        if recorded.count != 32 {
            report.add(.entryModified, index: entry.index, "entry \(entry.index)'s recorded hash is damaged (\(recorded.count) bytes)")
            hashes.append(contentsOf: leaf)
            return
        }
        if leaf != recorded {
            report.add(.entryModified, index: entry.index, "entry \(entry.index) was modified: its content no longer matches the hash recorded when it was appended")
            if recomputed.count < 100_000 { recomputed[entry.index] = leaf }
        }
        hashes.append(contentsOf: recorded)
    }
}
