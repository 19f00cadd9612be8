import CharterCore
import CharterStore
import Foundation
import GRDB

/// The store seen from inside one read or write transaction.
struct SQLiteSession: StoreWriter {
    let db: Database

    // MARK: Ledger reads

    func ledgerSize() throws -> UInt64 {
        let last = try Int64.fetchOne(db, sql: "SELECT max(idx) FROM ledger_entry")
        return last.map { UInt64($0) + 1 } ?? 0
    }

    func entry(at index: UInt64) throws -> LedgerEntry? {
        let statement = try db.cachedStatement(sql: "\(Self.entryColumns) WHERE idx = ?")
        return try Row.fetchOne(statement, arguments: [Int64(index)]).map(Self.entry(from:))
    }

    func entries(matching query: EntryQuery) throws -> [LedgerEntry] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let kind = query.kind {
            conditions.append("kind = ?")
            arguments += [kind]
        }
        if let prefix = query.kindPrefix {
            conditions.append("(kind = ? OR substr(kind, 1, ?) = ?)")
            arguments += [prefix, prefix.utf8.count + 1, prefix + "."]
        }
        if let subject = query.subject {
            conditions.append("subject = ?")
            arguments += [subject]
        }
        if let since = query.since {
            conditions.append("time >= ?")
            arguments += [since]
        }
        var sql = Self.entryColumns
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += query.descending ? " ORDER BY idx DESC" : " ORDER BY idx"
        if let limit = query.limit {
            sql += " LIMIT ?"
            arguments += [limit]
        }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.entry(from:))
    }

    func scanEntries(from start: UInt64, _ body: (LedgerEntry, [UInt8]) throws -> Bool) throws {
        let rows = try Row.fetchCursor(db, sql: "\(Self.entryColumns) WHERE idx >= ? ORDER BY idx", arguments: [Int64(start)])
        while let row = try rows.next() {
            let hash: Data = row[7]
            guard try body(try Self.entry(from: row), Array(hash)) else { return }
        }
    }

    func merkleNode(level: Int, index: UInt64) throws -> [UInt8]? {
        let statement = level == 0
            ? try db.cachedStatement(sql: "SELECT leaf_hash FROM ledger_entry WHERE idx = ?")
            : try db.cachedStatement(sql: "SELECT hash FROM merkle_node WHERE level = ? AND idx = ?")
        let arguments: StatementArguments = level == 0 ? [Int64(index)] : [level, Int64(index)]
        return try Data.fetchOne(statement, arguments: arguments).map { Array($0) }
    }

    func scanMerkleNodes(level: Int, _ body: (UInt64, [UInt8]) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT idx, hash FROM merkle_node WHERE level = ? ORDER BY idx", arguments: [level])
        while let row = try rows.next() {
            let index: Int64 = row[0]
            let hash: Data = row[1]
            try body(UInt64(index), Array(hash))
        }
    }

    func checkpoints() throws -> [StoredCheckpoint] {
        try Row.fetchAll(db, sql: "SELECT seq, size, root, note, created_at FROM checkpoint ORDER BY seq").map(Self.checkpoint(from:))
    }

    func latestCheckpoint() throws -> StoredCheckpoint? {
        try Row.fetchOne(db, sql: "SELECT seq, size, root, note, created_at FROM checkpoint ORDER BY seq DESC LIMIT 1").map(Self.checkpoint(from:))
    }

    // MARK: Ledger writes

    func insertEntry(_ entry: LedgerEntry, leafHash: [UInt8]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO ledger_entry (idx, time, kind, actor, subject, reason, payload, leaf_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        try statement.execute(arguments: [
            Int64(entry.index), entry.time, entry.kind.rawValue, entry.actor, entry.subject, entry.reason, entry.payload, Data(leafHash),
        ])
    }

    func insertMerkleNode(level: Int, index: UInt64, hash: [UInt8]) throws {
        let statement = try db.cachedStatement(sql: "INSERT INTO merkle_node (level, idx, hash) VALUES (?, ?, ?)")
        try statement.execute(arguments: [level, Int64(index), Data(hash)])
    }

    func insertCheckpoint(_ checkpoint: StoredCheckpoint) throws -> StoredCheckpoint {
        try db.execute(
            sql: "INSERT INTO checkpoint (size, root, note, created_at) VALUES (?, ?, ?, ?)",
            arguments: [Int64(checkpoint.size), Data(checkpoint.root), checkpoint.note, checkpoint.createdAt])
        var stored = checkpoint
        stored.sequence = db.lastInsertedRowID
        return stored
    }

    // MARK: Decisions

    func decision(id: String) throws -> DecisionRecord? {
        try String.fetchOne(db, sql: "SELECT record FROM decision WHERE id = ?", arguments: [id]).map(Self.decodeDecision)
    }

    func decisions(status: DecisionStatus?) throws -> [DecisionRecord] {
        let records: [String]
        if let status {
            records = try String.fetchAll(db, sql: "SELECT record FROM decision WHERE status = ? ORDER BY id", arguments: [status.rawValue])
        } else {
            records = try String.fetchAll(db, sql: "SELECT record FROM decision ORDER BY id")
        }
        return try records.map(Self.decodeDecision)
    }

    func saveDecision(_ record: DecisionRecord, ledgerIndex: UInt64) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(record), as: UTF8.self)
        try db.execute(
            sql: """
                INSERT INTO decision (id, status, record, ledger_index) VALUES (?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET status = excluded.status, record = excluded.record, ledger_index = excluded.ledger_index
                """,
            arguments: [record.id, record.status.rawValue, json, Int64(ledgerIndex)])
    }

    func clearProjections() throws {
        try db.execute(sql: "DELETE FROM decision")
    }

    // MARK: Settings

    func setting(_ key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    }

    func setSetting(_ key: String, _ value: String) throws {
        try db.execute(
            sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, value])
    }

    // MARK: Row mapping

    private static let entryColumns = "SELECT idx, time, kind, actor, subject, reason, payload, leaf_hash FROM ledger_entry"

    private static func entry(from row: Row) throws -> LedgerEntry {
        let index: Int64 = row[0]
        let kindText: String = row[2]
        guard let kind = EntryKind(rawValue: kindText) else {
            throw StoreError(.corrupt, "ledger entry \(index) has an invalid kind \"\(kindText)\"; the ledger was modified outside Charter (run `charter ledger verify`)")
        }
        return LedgerEntry(index: UInt64(index), time: row[1], kind: kind, actor: row[3], subject: row[4], reason: row[5], payload: row[6])
    }

    private static func checkpoint(from row: Row) -> StoredCheckpoint {
        let size: Int64 = row[1]
        let root: Data = row[2]
        return StoredCheckpoint(sequence: row[0], size: UInt64(size), root: Array(root), note: row[3], createdAt: row[4])
    }

    private static func decodeDecision(_ json: String) throws -> DecisionRecord {
        do {
            return try JSONDecoder().decode(DecisionRecord.self, from: Data(json.utf8))
        } catch {
            throw StoreError(.corrupt, "a decision record in the store cannot be read (\(error)); rebuild projections with `charter ledger replay`", underlying: error)
        }
    }
}
