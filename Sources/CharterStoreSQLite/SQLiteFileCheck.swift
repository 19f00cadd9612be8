import CharterStore
import Foundation

/// Checks a file looks like SQLite before GRDB opens it, so a wrong or truncated file gets a
/// message that names it instead of SQLite's "file is not a database".
enum SQLiteFileCheck {
    private static let header = Array("SQLite format 3\0".utf8)

    static func requireDatabaseHeader(at path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.io, "cannot read the store \(path): check its permissions")
        }
        defer { try? handle.close() }
        let bytes = (try? handle.read(upToCount: 100)) ?? Data()
        if bytes.isEmpty {
            throw StoreError(.corrupt, "the store \(path) is an empty file; restore it from a backup, or move it away and run `charter init`")
        }
        guard bytes.count == 100, Array(bytes.prefix(header.count)) == header else {
            throw StoreError(.corrupt, "\(path) is not a Charter database (it is not an SQLite file, or its header is truncated); restore it from a backup")
        }
    }
}
