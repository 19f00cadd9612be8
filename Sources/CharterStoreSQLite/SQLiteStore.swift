import CharterCore
import CharterStore
import Foundation
import GRDB

/// The embedded store: one SQLite file in WAL mode behind a GRDB `DatabasePool`.
///
/// Writes are `BEGIN IMMEDIATE` transactions, so concurrent processes queue on the write lock
/// (waiting up to `lockTimeout`) instead of failing half-way; readers never block writers.
package final class SQLiteStore: Store {
    package let path: String
    private let pool: DatabasePool

    package var location: String { path }

    /// Opens an existing store; throws `StoreError.notFound` when there is none at `path`.
    ///
    /// A `readOnly` store never takes the write lock, so a reader is never held up by a writer
    /// in another process (opening read-write may briefly need the lock to set up the WAL file).
    package static func open(path: String, lockTimeout: TimeInterval = 10, readOnly: Bool = false) throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notFound, "no Charter store at \(path); run `charter init` in the project, or set CHARTER_HOME to the folder that holds charter.db")
        }
        try SQLiteFileCheck.requireDatabaseHeader(at: path)
        if readOnly {
            let store = try SQLiteStore(path: path, lockTimeout: lockTimeout, readOnly: true)
            if try store.migrationsComplete() { return store }
        }
        let store = try SQLiteStore(path: path, lockTimeout: lockTimeout, readOnly: false)
        try store.migrate()
        return store
    }

    /// Creates a new store; throws `StoreError.alreadyExists` when one is there already.
    package static func create(path: String, lockTimeout: TimeInterval = 10) throws -> SQLiteStore {
        if FileManager.default.fileExists(atPath: path) {
            throw StoreError(.alreadyExists, "a Charter store already exists at \(path); nothing was changed")
        }
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError(.io, "cannot create the folder \(directory) for the store: \(error.localizedDescription)", underlying: error)
        }
        let store = try SQLiteStore(path: path, lockTimeout: lockTimeout, readOnly: false)
        try store.migrate()
        return store
    }

    private init(path: String, lockTimeout: TimeInterval, readOnly: Bool) throws {
        self.path = path
        self.lockTimeout = lockTimeout
        var configuration = Configuration()
        configuration.busyMode = .timeout(lockTimeout)
        configuration.label = "charter.store"
        configuration.readonly = readOnly
        if !readOnly {
            configuration.prepareDatabase { db in
                // Takes effect only when the file is created: 8 KiB pages make shallower trees for an append-only log.
                try db.execute(sql: "PRAGMA page_size = 8192")
                // Checkpoint the WAL every 32 MiB instead of 4 MiB: batched appends rewrite the same
                // index pages, and fewer checkpoints copy each of them fewer times.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch let error as DatabaseError {
            throw SQLiteErrorMapping.storeError(error, path: path, lockTimeout: lockTimeout)
        } catch {
            throw StoreError(.io, "cannot open the store \(path): \(error)", underlying: error)
        }
    }

    private let lockTimeout: TimeInterval

    /// Whether the schema is current; a store written by a newer Charter is refused.
    private func migrationsComplete() throws -> Bool {
        let migrator = SQLiteMigrations.migrator
        let (complete, superseded) = try mapped {
            try pool.read { db in (try migrator.hasCompletedMigrations(db), try migrator.hasBeenSuperseded(db)) }
        }
        if superseded {
            throw StoreError(.tooNew, "the store \(path) was written by a newer Charter; upgrade charter to use it")
        }
        return complete
    }

    /// Migrates only when a migration is pending, so opening never writes without need.
    private func migrate() throws {
        if try migrationsComplete() { return }
        try mapped { try SQLiteMigrations.migrator.migrate(pool) }
    }

    package func read<T>(_ body: (any StoreReader) throws -> T) throws -> T {
        try mapped {
            try pool.read { db in try body(SQLiteSession(db: db)) }
        }
    }

    package func write<T>(_ body: (any StoreWriter) throws -> T) throws -> T {
        try mapped {
            try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(SQLiteSession(db: db))
                    return .commit
                }
                return result!
            }
        }
    }

    /// Runs a full integrity check (`PRAGMA quick_check`); used by `ledger verify`.
    package func quickCheck() throws -> [String] {
        try mapped {
            try pool.read { db in try String.fetchAll(db, sql: "PRAGMA quick_check") }.filter { $0 != "ok" }
        }
    }

    private func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw SQLiteErrorMapping.storeError(error, path: path, lockTimeout: lockTimeout)
        }
    }
}
