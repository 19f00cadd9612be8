import CharterCore

/// A Charter store: one transactional home for the ledger and the projections built from it.
///
/// Every `write` is one transaction: all of it lands or none of it does. Readers see a
/// consistent snapshot. Implementations: `SQLiteStore` (embedded default); PostgreSQL later.
package protocol Store: Sendable {
    /// Where the store lives, for messages (`.charter/charter.db`, a URL without credentials).
    var location: String { get }
    func read<T>(_ body: (any StoreReader) throws -> T) throws -> T
    func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T
}

package protocol StoreReader {
    // MARK: Ledger
    /// One past the highest entry index: the index the next entry gets (the number of entries
    /// when none was deleted behind Charter's back).
    func ledgerSize() throws -> UInt64
    /// The number of entries and the time of the newest, in one read (what an append needs).
    func ledgerTip() throws -> (size: UInt64, lastTime: String?)
    func entry(at index: UInt64) throws -> LedgerEntry?
    func entries(matching query: EntryQuery) throws -> [LedgerEntry]
    /// Streams entries from `start` in index order with their stored leaf hashes; stops early when `body` returns false.
    func scanEntries(from start: UInt64, _ body: (LedgerEntry, [UInt8]) throws -> Bool) throws
    /// The stored hash of a complete subtree: `level` 0 is a leaf; the node covers leaves
    /// `[index << level, (index + 1) << level)`.
    func merkleNode(level: Int, index: UInt64) throws -> [UInt8]?
    /// The stored leaf hashes of entries `[start, start + count)`, in order; fewer at the end of the log.
    func leafHashes(from start: UInt64, count: Int) throws -> [[UInt8]]
    /// Streams stored nodes of one level (≥ 1) in index order.
    func scanMerkleNodes(level: Int, _ body: (UInt64, [UInt8]) throws -> Void) throws
    func checkpoints() throws -> [StoredCheckpoint]
    func latestCheckpoint() throws -> StoredCheckpoint?

    // MARK: Decisions projection
    func decision(id: String) throws -> DecisionRecord?
    func decisions(status: DecisionStatus?) throws -> [DecisionRecord]

    // MARK: Settings
    func setting(_ key: String) throws -> String?
}

package protocol StoreWriter: StoreReader {
    func insertEntry(_ entry: LedgerEntry, leafHash: [UInt8]) throws
    func insertMerkleNode(level: Int, index: UInt64, hash: [UInt8]) throws
    func insertCheckpoint(_ checkpoint: StoredCheckpoint) throws -> StoredCheckpoint
    func saveDecision(_ record: DecisionRecord, ledgerIndex: UInt64) throws
    /// Empties every projection table (before `ledger replay` folds the ledger again).
    func clearProjections() throws
    func setSetting(_ key: String, _ value: String) throws
}
