import CharterCore
import CharterStore
import Foundation

/// The tamper-evident ledger: appends, roots, proofs and signed checkpoints over a store.
package struct Ledger: Sendable {
    package let store: any Store
    package let clock: any WallClock

    package init(store: any Store, clock: any WallClock = SystemClock()) {
        self.store = store
        self.clock = clock
    }

    /// Kinds whose namespace belongs to a Charter service that keeps a projection of them;
    /// `ledger append` refuses these so projections cannot drift from the ledger.
    package static let reservedNamespaces: Set<Substring> = ["decision", "ledger", "gate", "access", "control", "waiver"]

    package static func requireUnreserved(_ kind: EntryKind) throws {
        if reservedNamespaces.contains(kind.namespace) {
            throw LedgerError(.reservedKind, "kind \(kind) is in the \"\(kind.namespace)\" namespace, which Charter's own commands write; pick your own namespace, such as custom.\(kind.rawValue)")
        }
    }

    /// Appends the drafts in one transaction; all land or none do.
    @discardableResult
    package func append(_ drafts: [EntryDraft]) throws -> [LedgerEntry] {
        try store.write { try append(drafts, in: $0) }
    }

    /// Appends inside a caller's transaction, so a service can update its projection atomically with the entry.
    package func append(_ drafts: [EntryDraft], in transaction: any StoreWriter) throws -> [LedgerEntry] {
        var appender = try LedgerAppender(in: transaction)
        return try appender.append(drafts, time: RFC3339.format(clock.now()))
    }

    package func size() throws -> UInt64 {
        try store.read { try $0.ledgerSize() }
    }

    package func root(size: UInt64? = nil) throws -> (size: UInt64, root: [UInt8]) {
        try store.read { reader in
            let current = try reader.ledgerSize()
            let size = size ?? current
            guard size <= current else { throw LedgerError(.proofOutOfRange, "the ledger holds \(current) entries, not \(size)") }
            var tree = Self.tree(reading: reader)
            return (size, try tree.root(size: size))
        }
    }

    package func inclusionProof(index: UInt64, size: UInt64) throws -> InclusionProof {
        try store.read { reader in
            let current = try reader.ledgerSize()
            guard size <= current else {
                throw LedgerError(.proofOutOfRange, "the ledger holds \(current) entries; a proof for tree size \(size) cannot exist yet")
            }
            guard index < size else {
                throw LedgerError(.proofOutOfRange, "entry \(index) is not in the first \(size) entries; ask for a larger --size")
            }
            var tree = Self.tree(reading: reader)
            let hashes = try tree.inclusionProof(index: index, size: size)
            guard let leaf = try reader.merkleNode(level: 0, index: index) else {
                throw LedgerError(.internalInconsistency, "entry \(index) has no leaf hash; run `charter ledger verify`")
            }
            return InclusionProof(index: index, treeSize: size, leafHash: leaf, hashes: hashes, root: try tree.root(size: size))
        }
    }

    package func consistencyProof(from first: UInt64, to second: UInt64) throws -> ConsistencyProof {
        try store.read { reader in
            let current = try reader.ledgerSize()
            guard second <= current else { throw LedgerError(.proofOutOfRange, "the ledger holds \(current) entries, not \(second)") }
            var tree = Self.tree(reading: reader)
            let hashes = try tree.consistencyProof(from: first, to: second)
            return ConsistencyProof(
                firstSize: first, secondSize: second, firstRoot: try tree.root(size: first),
                secondRoot: try tree.root(size: second), hashes: hashes)
        }
    }

    /// Signs and stores a checkpoint of the current size; when the newest checkpoint already
    /// covers every entry it is returned instead of signing the same tree head twice.
    package func checkpoint(signer: NoteSigner) throws -> (checkpoint: StoredCheckpoint, isNew: Bool) {
        try store.write { writer in
            let size = try writer.ledgerSize()
            var tree = Self.tree(reading: writer)
            if let latest = try writer.latestCheckpoint() {
                // A log must never sign a tree inconsistent with one it signed before (C2SP tlog-checkpoint).
                let signed = try Checkpoint(text: SignedNote(parsing: latest.note, source: "checkpoint #\(latest.sequence)").text)
                guard signed.size == latest.size, latest.size <= size, try tree.root(size: latest.size) == signed.root else {
                    throw LedgerError(.verificationFailed, "the ledger no longer matches checkpoint #\(latest.sequence) (size \(latest.size)); refusing to sign over it: run `charter ledger verify`")
                }
                if latest.size == size { return (latest, false) }
            }
            let root = try tree.root(size: size)
            let note = try SignedNote.sign(Checkpoint(origin: signer.name, size: size, root: root).text, with: signer)
            let stored = try writer.insertCheckpoint(
                StoredCheckpoint(size: size, root: root, note: note.serialized, createdAt: RFC3339.format(clock.now())))
            return (stored, true)
        }
    }

    static func tree(reading reader: any StoreReader) -> MerkleTree {
        MerkleTree { level, index in try subtreeHash(level: level, index: index, in: reader) }
    }

    /// The hash of a complete subtree: read when the layout stores its level, otherwise
    /// recomputed from its (at most eight) leaf hashes.
    static func subtreeHash(level: Int, index: UInt64, in reader: any StoreReader) throws -> [UInt8] {
        if MerkleLayout.isStored(level: level) {
            guard let hash = try reader.merkleNode(level: level, index: index) else {
                throw LedgerError(.internalInconsistency, "the Merkle node at level \(level), index \(index) is missing; run `charter ledger verify`")
            }
            return hash
        }
        var hashes = try reader.leafHashes(from: index << level, count: 1 << level)
        guard hashes.count == 1 << level else {
            throw LedgerError(.internalInconsistency, "entries \(index << level)… are missing; run `charter ledger verify`")
        }
        while hashes.count > 1 {
            hashes = stride(from: 0, to: hashes.count, by: 2).map { MerkleHash.node(hashes[$0], hashes[$0 + 1]) }
        }
        return hashes[0]
    }
}
