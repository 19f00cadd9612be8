import GRDB
import GRDBSQLite

/// Binds and runs a cached INSERT straight through SQLite's C API. On the append hot path,
/// boxing values into GRDB's `StatementArguments` cost as much as SQLite's own work.
struct SQLiteBinder {
    private let db: Database
    private let statement: SQLiteStatement
    private var position: Int32 = 0

    /// SQLite copies bound values (SQLITE_TRANSIENT), so Swift buffers need not outlive the call.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ statement: Statement, in db: Database) {
        self.db = db
        self.statement = statement.sqliteStatement
        // Every parameter is bound again before each run, so clearing the old bindings is not needed.
        sqlite3_reset(self.statement)
    }

    mutating func bind(_ value: Int64) {
        position += 1
        sqlite3_bind_int64(statement, position, value)
    }

    mutating func bind(_ value: String?) {
        position += 1
        guard var text = value else {
            sqlite3_bind_null(statement, position)
            return
        }
        text.withUTF8 { bytes in
            if let base = bytes.baseAddress {
                _ = sqlite3_bind_text(statement, position, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_text(statement, position, "", 0, Self.transient)
            }
        }
    }

    mutating func bind(_ bytes: [UInt8]) {
        position += 1
        bytes.withUnsafeBytes { buffer in
            _ = sqlite3_bind_blob(statement, position, buffer.baseAddress, Int32(buffer.count), Self.transient)
        }
    }

    /// Runs the statement once; a failure becomes a GRDB `DatabaseError`, which the store maps.
    func run() throws {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE else {
            let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }
}
