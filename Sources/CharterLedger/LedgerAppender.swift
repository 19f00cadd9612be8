import CharterCore
import CharterStore

/// Appends entries inside one store transaction, writing each leaf hash and every complete
/// subtree it finishes. It remembers the right edge of the tree, so a batch reads each stored
/// node at most once.
package struct LedgerAppender {
    private let store: any StoreWriter
    private var size: UInt64
    private var lastTime: String?
    /// The newest complete subtree at each level still waiting for its right sibling.
    private var rightEdge = [[UInt8]?](repeating: nil, count: 64)

    package init(in store: any StoreWriter) throws {
        self.store = store
        (size, lastTime) = try store.ledgerTip()
    }

    /// The size the ledger will have when the transaction commits.
    package var ledgerSize: UInt64 { size }

    /// Appends the drafts stamped `time`, or the previous entry's time if the clock went
    /// backwards, so entry times never decrease along the log.
    @discardableResult
    package mutating func append(_ drafts: [EntryDraft], time: String) throws -> [LedgerEntry] {
        let stamped = lastTime.map { max($0, time) } ?? time
        let first = size
        let entries = drafts.enumerated().map { offset, draft in
            LedgerEntry(
                index: first + UInt64(offset), time: stamped, kind: draft.kind, actor: draft.actor, subject: draft.subject,
                reason: draft.reason, payload: draft.payload)
        }
        for entry in entries {
            try add(entry, leaf: MerkleHash.leaf(entry.canonicalBytes))
        }
        if !entries.isEmpty { lastTime = stamped }
        return entries
    }

    /// Inserts the entry and every complete subtree it finishes.
    private mutating func add(_ entry: LedgerEntry, leaf: [UInt8]) throws {
        try store.insertEntry(entry, leafHash: leaf)
        var hash = leaf
        var level = 0
        var index = size
        while index & 1 == 1 {
            hash = MerkleHash.node(try leftSibling(level: level, index: index), hash)
            rightEdge[level] = nil
            index >>= 1
            level += 1
            if MerkleLayout.isStored(level: level) {
                try store.insertMerkleNode(level: level, index: index, hash: hash)
            }
        }
        rightEdge[level] = hash
        size += 1
    }

    private func leftSibling(level: Int, index: UInt64) throws -> [UInt8] {
        if let known = rightEdge[level] { return known }
        return try Ledger.subtreeHash(level: level, index: index - 1, in: store)
    }
}
