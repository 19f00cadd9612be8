import CharterCore
import CharterStore
import Foundation

/// Checks the whole ledger: every entry against its recorded leaf hash, every stored subtree
/// against the tree rebuilt from those leaf hashes, and every stored (and any externally
/// trusted) checkpoint against that tree.
///
/// Levels are held as flat buffers of 32-byte hashes (about 64 bytes per entry in all), and
/// stored nodes are streamed level by level, so memory stays linear and reads sequential.
package struct LedgerVerifier {
    package let store: any Store
    package let verifiers: [NoteVerifier]

    package init(store: any Store, verifiers: [NoteVerifier]) {
        self.store = store
        self.verifiers = verifiers
    }

    package func verify(trusted: [SignedNote] = []) throws -> LedgerVerificationReport {
        try store.read { reader in
            var report = LedgerVerificationReport()
            let leaves = try checkEntries(reader, &report)
            let size = UInt64(leaves.hashes.count / 32)
            report.size = size
            var levels = [leaves.hashes]
            var explained = Set<UInt64>()
            var height = 1
            while try levels[height - 1].count >= 64 || reader.merkleNode(level: height, index: 0) != nil {
                let parents = Self.parents(of: levels[height - 1])
                explained = Set(explained.map { $0 >> 1 })
                if MerkleLayout.isStored(level: height) {
                    let lowest = height == MerkleLayout.lowestStoredInnerLevel
                    try checkStoredNodes(level: height, against: parents, before: leaves.firstGap, explained: &explained, reader, &report) { index, stored in
                        lowest && Self.contentMatches(block: index, level: height, stored: stored, leaves: levels[0], recomputed: leaves.recomputed)
                    }
                }
                levels.append(parents)
                height += 1
                if parents.isEmpty { break }
            }
            var tree = MerkleTree { level, index in
                let start = Int(index) * 32
                return Array(levels[level][start..<start + 32])
            }
            report.rootHash = Data(try tree.root(size: size)).base64EncodedString()
            let candidates = try reader.checkpoints().map(CheckpointCandidate.init(stored:))
                + trusted.enumerated().map { CheckpointCandidate(trusted: $0.element, number: $0.offset + 1) }
            CheckpointCheck(verifiers: verifiers).check(candidates, tree: &tree, size: size, report: &report)
            return report
        }
    }

    // MARK: Entries

    /// The recorded leaf hashes in index order (a recomputed one where the recorded one is
    /// damaged), and where the first run of missing entries starts. Rows are read here and
    /// hashed on another core (`LeafHashPipeline`).
    private func checkEntries(_ reader: any StoreReader, _ report: inout LedgerVerificationReport) throws -> (hashes: [UInt8], firstGap: UInt64?, recomputed: [UInt64: [UInt8]]) {
        let pipeline = LeafHashPipeline(expectedEntries: Int(min(try reader.ledgerSize(), 1 << 22)))
        var batch: LeafHashPipeline.Batch = []
        batch.reserveCapacity(Self.batchSize)
        var expected: UInt64 = 0
        var firstGap: UInt64?
        do {
            try reader.scanEntries(from: 0) { entry, recorded in
                if entry.index != expected {
                    report.add(.entryMissing, index: expected, "entries \(expected)…\(entry.index - 1) are missing: they were deleted from the store")
                    firstGap = firstGap ?? expected
                    expected = entry.index
                }
                batch.append((entry, recorded))
                if batch.count == Self.batchSize {
                    pipeline.submit(batch)
                    batch.removeAll(keepingCapacity: true)
                }
                expected += 1
                return true
            }
        } catch let error as StoreError where error.code == .corrupt {
            report.add(.entryUnreadable, index: expected, error.message)
        }
        pipeline.submit(batch)
        let hashed = pipeline.finish()
        report.merge(hashed.report)
        return (hashed.hashes, firstGap, hashed.recomputed)
    }

    private static let batchSize = 2048

    // MARK: Stored subtrees

    private static func parents(of level: [UInt8]) -> [UInt8] {
        let count = level.count / 64
        var parents: [UInt8] = []
        parents.reserveCapacity(count * 32)
        level.withUnsafeBytes { bytes in
            for pair in 0..<count {
                MerkleHash.appendNode(ofPair: UnsafeRawBufferPointer(rebasing: bytes[pair * 64..<pair * 64 + 64]), to: &parents)
            }
        }
        return parents
    }

    /// Compares one level's stored nodes with the tree rebuilt from the recorded leaf hashes: a
    /// mismatch means leaf hashes were rewritten to hide a change. Nodes past a run of deleted
    /// entries, and ancestors of a mismatch already reported (`explained`), are not reported again.
    ///
    /// `contentMatches(index, stored)` says a mismatch is only a damaged recorded leaf hash: the
    /// block rebuilt from the entries' content matches the stored node, and the entry report
    /// already names it exactly.
    private func checkStoredNodes(
        level: Int, against computed: [UInt8], before gap: UInt64?, explained: inout Set<UInt64>, _ reader: any StoreReader,
        _ report: inout LedgerVerificationReport, contentMatches: (UInt64, [UInt8]) -> Bool
    ) throws {
        let count = UInt64(computed.count / 32)
        let span = NodeSpan(level: level)
        func covered(_ index: UInt64) -> Bool { gap.map { span.end(of: index) > $0 } ?? false }
        var next: UInt64 = 0
        func reportMissing(upTo end: UInt64) {
            while next < min(end, count) {
                if !covered(next) {
                    report.add(.nodeMissing, index: span.start(of: next), "the stored Merkle node over entries \(span.describe(next)) is missing")
                }
                next += 1
            }
        }
        do {
            try reader.scanMerkleNodes(level: level) { index, hash in
                reportMissing(upTo: index)
                if index >= count {
                    report.add(.nodeUnexpected, index: count << level, "a stored Merkle node over entries \(span.describe(index)) covers entries that do not exist: entries were deleted")
                } else if !computed[Int(index) * 32..<Int(index) * 32 + 32].elementsEqual(hash) {
                    if !covered(index), !explained.contains(index), !contentMatches(index, hash) {
                        report.add(.nodeMismatch, index: span.start(of: index),
                                   "entries \(span.describe(index)) do not match the tree recorded when they were appended: an entry and its recorded hash were rewritten")
                    }
                    explained.insert(index)
                }
                next = max(next, index + 1)
            }
        } catch let error as StoreError where error.code == .corrupt {
            report.add(.nodeUnexpected, index: nil, error.message)
        }
        reportMissing(upTo: count)
    }
}

extension LedgerVerifier {
    /// Whether the block under a stored node, rebuilt with leaf hashes recomputed from content
    /// where they differ from the recorded ones, matches that node.
    static func contentMatches(block index: UInt64, level: Int, stored: [UInt8], leaves: [UInt8], recomputed: [UInt64: [UInt8]]) -> Bool {
        let start = Int(index) << level
        let count = 1 << level
        guard !recomputed.isEmpty, (start + count) * 32 <= leaves.count else { return false }
        var hashes = (start..<start + count).map { position in
            recomputed[UInt64(position)] ?? Array(leaves[position * 32..<position * 32 + 32])
        }
        while hashes.count > 1 {
            hashes = stride(from: 0, to: hashes.count, by: 2).map { MerkleHash.node(hashes[$0], hashes[$0 + 1]) }
        }
        return hashes[0] == stored
    }
}

/// The entries a node at one level covers, without overflowing on hostile indices.
struct NodeSpan {
    let level: Int

    func start(of index: UInt64) -> UInt64 {
        let (value, overflow) = index.multipliedReportingOverflow(by: 1 << UInt64(level))
        return overflow ? .max : value
    }

    func end(of index: UInt64) -> UInt64 {
        let (value, overflow) = start(of: index).addingReportingOverflow(1 << UInt64(level))
        return overflow ? .max : value
    }

    func describe(_ index: UInt64) -> String {
        "\(start(of: index))…\(end(of: index) == .max ? "" : String(end(of: index) - 1))"
    }
}
