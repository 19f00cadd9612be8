import CharterCore
import CharterStore
import Foundation
import GRDB

/// The store seen from inside one read or write transaction.
struct SQLiteSession: StoreWriter {
    let db: Database

    // MARK: Ledger reads

    func ledgerSize() throws -> UInt64 {
        guard let last = try Int64.fetchOne(db, sql: "SELECT max(idx) FROM ledger_entry") else { return 0 }
        return try Self.index(last, what: "the newest ledger entry") + 1
    }

    func ledgerTip() throws -> (size: UInt64, lastTime: String?) {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT idx, time FROM ledger_entry ORDER BY idx DESC LIMIT 1")) else {
            return (0, nil)
        }
        return (try Self.index(try row.decode(atIndex: 0), what: "the newest ledger entry") + 1, try row.decode(atIndex: 1))
    }

    func entry(at index: UInt64) throws -> LedgerEntry? {
        guard let index = Int64(exactly: index) else { return nil }
        let statement = try db.cachedStatement(sql: "\(Self.entryColumns) WHERE idx = ?")
        return try Row.fetchOne(statement, arguments: [index]).map(Self.entry(from:))
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
            conditions.append("idx >= ?")
            arguments += [Int64(try firstIndex(atOrAfter: since))]
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

    /// Entry times never decrease along the log (the appender keeps them so), so the first entry
    /// at or after a time is found by binary search over indices instead of a time index.
    private func firstIndex(atOrAfter time: String) throws -> UInt64 {
        var low: UInt64 = 0
        var high = try ledgerSize()
        let statement = try db.cachedStatement(sql: "SELECT time FROM ledger_entry WHERE idx >= ? ORDER BY idx LIMIT 1")
        while low < high {
            let middle = low + (high - low) / 2
            let found = try String.fetchOne(statement, arguments: [Int64(middle)]) ?? ""
            if found < time { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// From 0, every row is visited, so a row with a negative index surfaces as damage. Columns
    /// are read straight from SQLite: this streams the whole ledger for `ledger verify`.
    func scanEntries(from start: UInt64, _ body: (LedgerEntry, [UInt8]) throws -> Bool) throws {
        let statement = try db.makeStatement(sql: "\(Self.entryColumns) WHERE idx >= ? ORDER BY idx")
        try statement.setArguments([start == 0 ? Int64.min : Int64(exactly: start) ?? .max])
        let row = SQLiteRowReader(statement)
        while try row.step(in: db) {
            let index = try Self.index(row.int64(0), what: "a ledger entry")
            if let column = ([1, 2, 3, 4, 6, 7] as [Int32]).first(where: row.isNull) {
                throw StoreError(.corrupt, "ledger entry \(index) is damaged (column \(column) is empty); the store was modified outside Charter (run `charter ledger verify`)")
            }
            let kindText = row.text(2)
            guard let kind = EntryKind(rawValue: kindText) else {
                throw StoreError(.corrupt, "ledger entry \(index) has an invalid kind \"\(kindText)\"; the ledger was modified outside Charter (run `charter ledger verify`)")
            }
            let entry = LedgerEntry(
                index: index, time: row.text(1), kind: kind, actor: row.text(3), subject: row.text(4),
                reason: row.isNull(5) ? nil : row.text(5), payload: row.text(6))
            guard try body(entry, row.blob(7)) else { return }
        }
    }

    func merkleNode(level: Int, index: UInt64) throws -> [UInt8]? {
        guard let index = Int64(exactly: index) else { return nil }
        let statement = level == 0
            ? try db.cachedStatement(sql: "SELECT leaf_hash FROM ledger_entry WHERE idx = ?")
            : try db.cachedStatement(sql: "SELECT hash FROM merkle_node WHERE level = ? AND idx = ?")
        let arguments: StatementArguments = level == 0 ? [index] : [level, index]
        return try Data.fetchOne(statement, arguments: arguments).map { Array($0) }
    }

    func leafHashes(from start: UInt64, count: Int) throws -> [[UInt8]] {
        let statement = try db.cachedStatement(sql: "SELECT leaf_hash FROM ledger_entry WHERE idx >= ? AND idx < ? ORDER BY idx")
        guard let low = Int64(exactly: start) else { return [] }
        let (high, overflow) = low.addingReportingOverflow(Int64(count))
        return try Data.fetchAll(statement, arguments: [low, overflow ? Int64.max : high]).map { Array($0) }
    }

    func scanMerkleNodes(level: Int, _ body: (UInt64, [UInt8]) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT idx, hash FROM merkle_node WHERE level = ? ORDER BY idx", arguments: [level])
        while let row = try rows.next() {
            let raw: Int64 = try row.decode(atIndex: 0)
            guard let index = UInt64(exactly: raw) else {
                throw StoreError(.corrupt, "a Merkle node at level \(level) has the negative index \(raw); the store was modified outside Charter")
            }
            let hash: Data = try row.decode(atIndex: 1)
            try body(index, Array(hash))
        }
    }

    func checkpoints() throws -> [StoredCheckpoint] {
        try Row.fetchAll(db, sql: "SELECT seq, size, root, note, created_at FROM checkpoint ORDER BY seq").map { try Self.checkpoint(from: $0) }
    }

    func latestCheckpoint() throws -> StoredCheckpoint? {
        try Row.fetchOne(db, sql: "SELECT seq, size, root, note, created_at FROM checkpoint ORDER BY seq DESC LIMIT 1").map { try Self.checkpoint(from: $0) }
    }

    // MARK: Ledger writes

    func insertEntry(_ entry: LedgerEntry, leafHash: [UInt8]) throws {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO ledger_entry (idx, time, kind, actor, subject, reason, payload, leaf_hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        guard let index = Int64(exactly: entry.index) else {
            throw StoreError(.io, "entry index \(entry.index) is beyond what the store can hold")
        }
        var binder = SQLiteBinder(statement, in: db)
        binder.bind(index)
        binder.bind(entry.time)
        binder.bind(entry.kind.rawValue)
        binder.bind(entry.actor)
        binder.bind(entry.subject)
        binder.bind(entry.reason)
        binder.bind(entry.payload)
        binder.bind(leafHash)
        try binder.run()
    }

    func insertMerkleNode(level: Int, index: UInt64, hash: [UInt8]) throws {
        guard let index = Int64(exactly: index) else {
            throw StoreError(.io, "Merkle node index \(index) is beyond what the store can hold")
        }
        var binder = SQLiteBinder(try db.cachedStatement(sql: "INSERT INTO merkle_node (level, idx, hash) VALUES (?, ?, ?)"), in: db)
        binder.bind(Int64(level))
        binder.bind(index)
        binder.bind(hash)
        try binder.run()
    }

    func insertCheckpoint(_ checkpoint: StoredCheckpoint) throws -> StoredCheckpoint {
        try db.execute(
            sql: "INSERT INTO checkpoint (size, root, note, created_at) VALUES (?, ?, ?, ?)",
            arguments: [Int64(exactly: checkpoint.size) ?? Int64.max, Data(checkpoint.root), checkpoint.note, checkpoint.createdAt])
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
        let rawIndex: Int64 = try row.decode(atIndex: 0)
        let index = try self.index(rawIndex, what: "a ledger entry")
        let kindText: String = try column(row, 2, of: index)
        guard let kind = EntryKind(rawValue: kindText) else {
            throw StoreError(.corrupt, "ledger entry \(index) has an invalid kind \"\(kindText)\"; the ledger was modified outside Charter (run `charter ledger verify`)")
        }
        return LedgerEntry(
            index: index, time: try column(row, 1, of: index), kind: kind, actor: try column(row, 3, of: index),
            subject: try column(row, 4, of: index), reason: try column(row, 5, of: index), payload: try column(row, 6, of: index))
    }

    /// A column of an entry row, or a `corrupt` error naming the entry when it has the wrong type or is NULL.
    private static func column<Value: DatabaseValueConvertible>(_ row: Row, _ position: Int, of index: UInt64) throws -> Value {
        do {
            return try row.decode(atIndex: position)
        } catch {
            throw StoreError(.corrupt, "ledger entry \(index) is damaged (column \(position) cannot be read); the store was modified outside Charter (run `charter ledger verify`)", underlying: error)
        }
    }

    /// A stored index as an entry index; negative ones, and `Int64.max` (whose successor no
    /// store index can hold), are damage.
    private static func index(_ value: Int64, what: String) throws -> UInt64 {
        guard value < Int64.max, let index = UInt64(exactly: value) else {
            throw StoreError(.corrupt, "\(what) has the impossible index \(value); the store was modified outside Charter (run `charter ledger verify`)")
        }
        return index
    }

    private static func checkpoint(from row: Row) throws -> StoredCheckpoint {
        let size = try index(try row.decode(atIndex: 1), what: "a checkpoint's size")
        let root: Data = try row.decode(atIndex: 2)
        return StoredCheckpoint(sequence: try row.decode(atIndex: 0), size: size, root: Array(root), note: try row.decode(atIndex: 3), createdAt: try row.decode(atIndex: 4))
    }

    private static func decodeDecision(_ json: String) throws -> DecisionRecord {
        do {
            return try JSONDecoder().decode(DecisionRecord.self, from: Data(json.utf8))
        } catch {
            throw StoreError(.corrupt, "a decision record in the store cannot be read (\(error)); rebuild projections with `charter ledger replay`", underlying: error)
        }
    }
}
