import GRDB
import GRDBSQLite

/// Binds and runs a cached INSERT straight through SQLite's C API. On the append hot path,
/// boxing values into GRDB's `StatementArguments` cost as much as SQLite's own work.
struct SQLiteBinder {
    private let db: Database
    /// Held so GRDB does not finalize the statement while its raw handle is in use.
    private let owner: Statement
    private let statement: SQLiteStatement
    private var position: Int32 = 0
    /// The first failed bind, reported by `run()` so nothing is written with a missing value.
    private var failure: Int32 = SQLITE_OK

    /// SQLite copies bound values (SQLITE_TRANSIENT), so Swift buffers need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement, in db: Database) {
        self.db = db
        owner = statement
        self.statement = statement.sqliteStatement
        // Every parameter is bound again before each run, so clearing the old bindings is not needed.
        sqlite3_reset(self.statement)
    }

    mutating func bind(_ value: Int64) {
        position += 1
        record(sqlite3_bind_int64(statement, position, value))
    }

    mutating func bind(_ value: String?) {
        position += 1
        guard var text = value else {
            record(sqlite3_bind_null(statement, position))
            return
        }
        let code = text.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                return sqlite3_bind_text64(statement, position, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), UInt64(bytes.count), Self.transient, UInt8(SQLITE_UTF8))
            }
            return sqlite3_bind_text64(statement, position, "", 0, Self.transient, UInt8(SQLITE_UTF8))
        }
        record(code)
    }

    mutating func bind(_ bytes: [UInt8]) {
        position += 1
        let code = bytes.withUnsafeBytes { buffer in
            // An empty array has no base address, which SQLite would store as NULL.
            buffer.baseAddress.map { sqlite3_bind_blob64(statement, position, $0, UInt64(buffer.count), Self.transient) }
                ?? sqlite3_bind_zeroblob(statement, position, 0)
        }
        record(code)
    }

    private mutating func record(_ code: Int32) {
        if failure == SQLITE_OK && code != SQLITE_OK { failure = code }
    }

    /// Runs the statement once; a failure becomes a GRDB `DatabaseError`, which the store maps.
    func run() throws {
        guard failure == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: failure), message: "a value could not be bound (\(String(cString: sqlite3_errstr(failure))))")
        }
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }
}
