import CharterCore
import CharterLedger
import CharterStore
import CharterStoreSQLite
import CharterTestSupport
import Foundation
import GRDB

/// A ledger in a temporary SQLite store, with raw SQL access for tampering.
struct LedgerFixture {
    let directory: TemporaryDirectory
    let store: SQLiteStore
    let ledger: Ledger
    let signer: NoteSigner

    init(entries: Int = 0) throws {
        directory = try TemporaryDirectory("charter-ledger")
        store = try SQLiteStore.create(path: directory.file("charter.db"))
        ledger = Ledger(store: store, clock: FixedClock(Date(timeIntervalSince1970: 1_790_000_000)))
        signer = try NoteSigner.generate(name: "charter.test/ledger")
        if entries > 0 { try append(entries) }
    }

    func append(_ count: Int, from start: Int = 0) throws {
        let drafts = try (start..<start + count).map { number in
            try EntryDraft(kind: EntryKind(validating: "test.event"), actor: "alice", subject: "item-\(number)",
                           reason: number % 3 == 0 ? "because \(number)" : nil, payload: .object(["n": .number(Double(number))]))
        }
        try ledger.append(drafts)
    }

    @discardableResult
    func checkpoint() throws -> StoredCheckpoint {
        try ledger.checkpoint(signer: signer).checkpoint
    }

    func verify(trusted: [SignedNote] = []) throws -> LedgerVerificationReport {
        try LedgerVerifier(store: store, verifiers: [signer.verifier]).verify(trusted: trusted)
    }

    /// Runs raw SQL on the store's file, as an attacker with file access would.
    func tamper(_ sql: String, _ arguments: StatementArguments = []) throws {
        let queue = try DatabaseQueue(path: directory.file("charter.db"))
        try queue.write { try $0.execute(sql: sql, arguments: arguments) }
    }

    /// Recomputes the leaf hash of entry `index` after its content was changed, so only the
    /// tree above it (or a checkpoint) can tell.
    func rehashLeaf(_ index: UInt64) throws {
        guard let entry = try store.read({ try $0.entry(at: index) }) else { throw StoreError(.notFound, "no entry \(index)") }
        try tamper("UPDATE ledger_entry SET leaf_hash = ? WHERE idx = ?", [Data(MerkleHash.leaf(entry.canonicalBytes)), Int64(index)])
    }

    /// Rebuilds every stored subtree from the stored leaf hashes, as an attacker hiding a change would.
    func rebuildStoredNodes() throws {
        try tamper("DELETE FROM merkle_node")
        let size = try store.read { try $0.ledgerSize() }
        var level = try store.read { try $0.leafHashes(from: 0, count: Int(size)) }
        var height = 1
        while level.count > 1 {
            level = stride(from: 0, to: level.count - 1, by: 2).map { MerkleHash.node(level[$0], level[$0 + 1]) }
            if MerkleLayout.isStored(level: height) {
                for (index, hash) in level.enumerated() {
                    try tamper("INSERT INTO merkle_node (level, idx, hash) VALUES (?, ?, ?)", [height, index, Data(hash)])
                }
            }
            height += 1
        }
    }

    func remove() { directory.remove() }
}
