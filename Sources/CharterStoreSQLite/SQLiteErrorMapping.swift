import CharterStore
import Foundation
import GRDB

enum SQLiteErrorMapping {
    static func storeError(_ error: DatabaseError, path: String, lockTimeout: TimeInterval) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(
                .locked,
                "the store \(path) is locked by another process (waited \(String(format: "%g", lockTimeout)) s); retry when it finishes, or raise CHARTER_LOCK_TIMEOUT (seconds)",
                underlying: error)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError(.corrupt, "the store \(path) is damaged (\(error.message ?? "corrupt")); restore it from a backup", underlying: error)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN:
            return StoreError(.io, "cannot open \(path) for writing (\(error.message ?? "permission denied")); check the file and folder permissions", underlying: error)
        case .SQLITE_FULL:
            return StoreError(.io, "the disk holding \(path) is full; nothing was written", underlying: error)
        default:
            if error.message?.contains("unknown migration") == true || error.message?.contains("superseded") == true {
                return StoreError(.tooNew, "the store \(path) was written by a newer Charter; upgrade charter to use it", underlying: error)
            }
            return StoreError(.io, "store \(path): \(error.message ?? "\(error)")", underlying: error)
        }
    }
}
