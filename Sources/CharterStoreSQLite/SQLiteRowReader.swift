import CharterStore
import GRDB
import GRDBSQLite

/// Reads the columns of the current row of a statement being stepped by hand. `ledger verify`
/// streams every entry, and GRDB's general-purpose `Row` decoding was half of that work.
struct SQLiteRowReader {
    /// Held so GRDB does not finalize the statement while its raw handle is in use.
    private let owner: Statement
    private let statement: SQLiteStatement

    init(_ statement: Statement) {
        owner = statement
        self.statement = statement.sqliteStatement
    }

    /// The statement's next row, or false when it is done.
    func step(in db: Database) throws -> Bool {
        switch sqlite3_step(statement) {
        case SQLITE_ROW:
            return true
        case SQLITE_DONE:
            return false
        case let code:
            let message = db.sqliteConnection.map { String(cString: sqlite3_errmsg($0)) }
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }

    func isNull(_ column: Int32) -> Bool {
        sqlite3_column_type(statement, column) == SQLITE_NULL
    }

    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(statement, column)
    }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, column) else { return "" }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))), as: UTF8.self)
    }

    func blob(_ column: Int32) -> [UInt8] {
        guard let bytes = sqlite3_column_blob(statement, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(statement, column))))
    }
}
