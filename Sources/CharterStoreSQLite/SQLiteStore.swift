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
    package static func open(path: String, lockTimeout: TimeInterval = 10) throws -> SQLiteStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError(.notFound, "no Charter store at \(path); run `charter init` in the project, or set CHARTER_HOME to the folder that holds charter.db")
        }
        try SQLiteFileCheck.requireDatabaseHeader(at: path)
        return try SQLiteStore(path: path, lockTimeout: lockTimeout)
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
        return try SQLiteStore(path: path, lockTimeout: lockTimeout)
    }

    private init(path: String, lockTimeout: TimeInterval) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(lockTimeout)
        configuration.label = "charter.store"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try SQLiteMigrations.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw SQLiteErrorMapping.storeError(error, path: path, lockTimeout: lockTimeout)
        } catch {
            throw StoreError(.io, "cannot open the store \(path): \(error)", underlying: error)
        }
        self.lockTimeout = lockTimeout
    }

    private let lockTimeout: TimeInterval

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
