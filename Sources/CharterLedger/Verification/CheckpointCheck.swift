import CharterStore
import Foundation

/// Checks checkpoints against a rebuilt tree: signature, agreement with the size and root stored
/// beside the note, order (no rollback), and the signed root.
struct CheckpointCheck {
    let verifiers: [NoteVerifier]

    func check(_ candidates: [CheckpointCandidate], tree: inout MerkleTree, size: UInt64, report: inout LedgerVerificationReport) {
        var largestStored: (label: String, size: UInt64)?
        var lastGoodSize: UInt64 = 0
        for candidate in candidates {
            report.checkpointsChecked += 1
            guard let body = authenticated(candidate, &report) else { continue }
            let label = candidate.label
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
            guard body.size > 0 else {
                if body.root != MerkleHash.emptyRoot {
                    report.add(.checkpointMismatch, index: nil, "\(label) is for an empty log but its root is not the empty tree's")
                }
                continue
            }
            guard let root = try? tree.root(size: body.size) else { continue }
            if root == body.root {
                lastGoodSize = max(lastGoodSize, body.size)
            } else {
                reportMismatch(label, size: body.size, lastGoodSize: lastGoodSize, &report)
            }
        }
    }

    /// The checkpoint body when the note parses and a trusted key's signature verifies.
    private func authenticated(_ candidate: CheckpointCandidate, _ report: inout LedgerVerificationReport) -> Checkpoint? {
        let label = candidate.label
        let note: SignedNote
        let body: Checkpoint
        do {
            note = try SignedNote(parsing: candidate.note, source: label)
            body = try Checkpoint(text: note.text, source: label)
        } catch {
            report.add(.checkpointMalformed, index: nil, "\(label) cannot be read: \(error)")
            return nil
        }
        switch note.verify(with: verifiers) {
        case .verified:
            return body
        case .badSignature(let key):
            report.add(.checkpointForged, index: nil, "\(label) (size \(body.size)) has a signature by \(key.name) that does not verify: it was forged or altered")
        case .noKnownSigner:
            report.add(.checkpointUntrusted, index: nil, "\(label) (size \(body.size)) is not signed by a trusted key (\(verifiers.map(\.vkey).joined(separator: ", ")))")
        }
        return nil
    }

    private func reportMismatch(_ label: String, size: UInt64, lastGoodSize: UInt64, _ report: inout LedgerVerificationReport) {
        // A problem already found inside the signed range explains the mismatch and is the more precise index.
        if let known = report.problems.compactMap(\.index).filter({ $0 < size }).min() {
            report.add(.checkpointMismatch, index: known, "\(label) (size \(size)) no longer matches the entries, as the changes above explain")
            return
        }
        let from = size > lastGoodSize ? lastGoodSize : 0
        report.add(.checkpointMismatch, index: from,
                   "\(label) (size \(size)) does not match the entries: something in entries \(from)…\(size - 1) was altered after it was signed")
    }
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
