import CharterCore
import CharterStore
import Foundation

/// Recomputes the whole tree from the stored entries and checks it against every stored
/// subtree hash and every stored (and any externally trusted) checkpoint.
///
/// Levels are held as flat buffers of 32-byte hashes (about 64 bytes per entry in all), and
/// stored nodes are streamed level by level, so memory stays linear and reads stay sequential.
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
            var level = try leafLevel(reader, &report)
            let size = UInt64(level.hashes.count / 32)
            report.size = size
            var hashes = [level.hashes]
            var height = 1
            while try level.hashes.count >= 64 || reader.merkleNode(level: height, index: 0) != nil {
                level = try check(level: height, below: level, reader, &report)
                hashes.append(level.hashes)
                height += 1
                if level.hashes.isEmpty { break }
            }
            var tree = MerkleTree { level, index in
                let start = Int(index) * 32
                return Array(hashes[level][start..<start + 32])
            }
            report.rootHash = Data(try tree.root(size: size)).base64EncodedString()
            let candidates = try reader.checkpoints().map(CheckpointCandidate.init(stored:))
                + trusted.enumerated().map { CheckpointCandidate(trusted: $0.element, number: $0.offset + 1) }
            check(candidates, tree: &tree, size: size, report: &report)
            return report
        }
    }

    // MARK: Leaves

    private func leafLevel(_ reader: any StoreReader, _ report: inout LedgerVerificationReport) throws -> TreeLevel {
        var level = TreeLevel()
        let expectedSize = Int(min(try reader.ledgerSize(), 1 << 26))
        level.hashes.reserveCapacity(expectedSize * 32)
        level.suspect.reserveCapacity(expectedSize)
        var expected: UInt64 = 0
        var shifted = false
        do {
            try reader.scanEntries(from: 0) { entry, storedLeaf in
                if entry.index != expected {
                    report.add(.entryMissing, index: expected, "entries \(expected)…\(entry.index - 1) are missing: they were deleted from the store")
                    expected = entry.index
                    shifted = true
                }
                let leaf = MerkleHash.leaf(entry.canonicalBytes)
                let modified = leaf != storedLeaf
                if modified {
                    report.add(.entryModified, index: entry.index, "entry \(entry.index) was modified: its content no longer matches the hash recorded when it was appended")
                }
                level.hashes.append(contentsOf: leaf)
                level.suspect.append(modified || shifted)
                expected += 1
                return true
            }
        } catch let error as StoreError where error.code == .corrupt {
            report.add(.entryUnreadable, index: expected, error.message)
        }
        return level
    }

    // MARK: Inner levels

    /// Computes one level from the one below, compares it with the stored nodes, and marks
    /// which nodes cover an already reported problem so it is reported once, not at every level.
    private func check(level: Int, below: TreeLevel, _ reader: any StoreReader, _ report: inout LedgerVerificationReport) throws -> TreeLevel {
        let count = below.hashes.count / 64
        var computed = TreeLevel()
        computed.hashes.reserveCapacity(count * 32)
        computed.suspect.reserveCapacity(count)
        for pair in 0..<count {
            let offset = pair * 64
            computed.hashes.append(contentsOf: MerkleHash.node(Array(below.hashes[offset..<offset + 32]), Array(below.hashes[offset + 32..<offset + 64])))
            computed.suspect.append(below.suspect[2 * pair] || below.suspect[2 * pair + 1])
        }
        func range(_ index: UInt64) -> Range<UInt64> { (index << level)..<((index + 1) << level) }
        func missing(_ index: UInt64) {
            report.add(.nodeMissing, index: range(index).lowerBound, "the stored Merkle node at level \(level), index \(index) (entries \(describe(range(index)))) is missing")
        }
        var next: UInt64 = 0
        try reader.scanMerkleNodes(level: level) { index, hash in
            while next < index, next < UInt64(count) {
                missing(next)
                next += 1
            }
            if index >= UInt64(count) {
                report.add(.nodeUnexpected, index: min(range(index).lowerBound, UInt64(count) << level),
                           "a stored Merkle node at level \(level), index \(index) covers entries that do not exist: entries were deleted")
            } else {
                let slot = Int(index)
                if !computed.hashes[slot * 32..<slot * 32 + 32].elementsEqual(hash), !computed.suspect[slot] {
                    report.add(.nodeMismatch, index: range(index).lowerBound,
                               "entries \(describe(range(index))) do not match the tree recorded when they were appended: an entry and its recorded hash were rewritten")
                    computed.suspect[slot] = true
                }
            }
            next = index + 1
        }
        while next < UInt64(count) {
            missing(next)
            next += 1
        }
        return computed
    }

    // MARK: Checkpoints

    private func check(_ candidates: [CheckpointCandidate], tree: inout MerkleTree, size: UInt64, report: inout LedgerVerificationReport) {
        var largestStored: (label: String, size: UInt64)?
        var lastGoodSize: UInt64 = 0
        for candidate in candidates {
            report.checkpointsChecked += 1
            let label = candidate.label
            let note: SignedNote
            let body: Checkpoint
            do {
                note = try SignedNote(parsing: candidate.note, source: label)
                body = try Checkpoint(text: note.text, source: label)
            } catch {
                report.add(.checkpointMalformed, index: nil, "\(label) cannot be read: \(error)")
                continue
            }
            switch note.verify(with: verifiers) {
            case .badSignature(let key):
                report.add(.checkpointForged, index: nil, "\(label) (size \(body.size)) has a signature by \(key.name) that does not verify: it was forged or altered")
                continue
            case .noKnownSigner:
                report.add(.checkpointUntrusted, index: nil, "\(label) (size \(body.size)) is not signed by a trusted key (\(verifiers.map(\.vkey).joined(separator: ", ")))")
                continue
            case .verified:
                break
            }
            if let stored = candidate.stored, stored.size != body.size || stored.root != body.root {
                report.add(.checkpointMismatch, index: nil, "\(label): the size or root stored beside the signed note was altered")
            }
            if body.size > size {
                report.add(.checkpointBeyondLedger, index: size,
                           "\(label) was signed over \(body.size) entries but the ledger holds \(size): entries \(size)…\(body.size - 1) were removed or the store was rolled back")
                continue
            }
            if candidate.stored != nil {
                if let largest = largestStored, body.size < largest.size {
                    report.add(.checkpointRolledBack, index: body.size,
                               "\(label) (size \(body.size)) is smaller than the earlier \(largest.label) (size \(largest.size)): the checkpoint history was rolled back")
                } else {
                    largestStored = (label, body.size)
                }
            }
            guard let root = try? tree.root(size: body.size) else { continue }
            if root != body.root {
                let from = body.size > lastGoodSize ? lastGoodSize : 0
                // A problem already found inside the signed range explains the mismatch and is the more precise index.
                if let known = report.problems.compactMap(\.index).filter({ $0 < body.size }).min() {
                    report.add(.checkpointMismatch, index: known,
                               "\(label) (size \(body.size)) no longer matches the entries, as the changes above explain")
                } else {
                    report.add(.checkpointMismatch, index: from,
                               "\(label) (size \(body.size)) does not match the entries: something in entries \(from)…\(body.size - 1) was altered after it was signed")
                }
            } else {
                lastGoodSize = max(lastGoodSize, body.size)
            }
        }
    }

    private func describe(_ range: Range<UInt64>) -> String {
        range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)…\(range.upperBound - 1)"
    }
}

/// One level of the recomputed tree: 32-byte hashes back to back, and for each node whether it
/// covers a problem already reported.
struct TreeLevel {
    var hashes: [UInt8] = []
    var suspect: [Bool] = []
}

/// A checkpoint to check: one from the store (with the size and root kept beside it) or one
/// the auditor trusts from elsewhere.
struct CheckpointCandidate {
    let label: String
    let note: String
    let stored: (size: UInt64, root: [UInt8])?

    init(stored checkpoint: StoredCheckpoint) {
        label = "checkpoint #\(checkpoint.sequence)"
        note = checkpoint.note
        stored = (checkpoint.size, checkpoint.root)
    }

    init(trusted: SignedNote, number: Int) {
        label = "trusted checkpoint \(number)"
        note = trusted.serialized
        stored = nil
    }
}
