import CharterCore
import CharterLedger
import CharterStore
import CharterStoreSQLite
import Foundation

/// Where this invocation's store and keys live, and who is acting. Configuration precedence:
/// flags, then `CHARTER_*` environment, then defaults.
struct Workspace {
    let home: String
    let actor: String
    let lockTimeout: TimeInterval

    init(_ options: GlobalOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        home = options.home ?? environment["CHARTER_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ".charter"
        if let value = options.actor ?? environment["CHARTER_ACTOR"], !value.trimmingCharacters(in: .whitespaces).isEmpty {
            actor = value.trimmingCharacters(in: .whitespaces)
        } else {
            actor = environment["USER"] ?? environment["LOGNAME"] ?? Self.loginName() ?? "unknown"
        }
        if let text = environment["CHARTER_LOCK_TIMEOUT"] {
            guard let seconds = TimeInterval(text), seconds >= 0 else {
                throw CLIError.usage("CHARTER_LOCK_TIMEOUT must be a number of seconds, got \"\(text)\"")
            }
            lockTimeout = seconds
        } else {
            lockTimeout = 10
        }
    }

    var storePath: String { home + "/charter.db" }

    /// The offline advisory database: `CHARTER_ADVISORY_DB`, else `advisories.db` in the home.
    func advisoryDatabasePath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["CHARTER_ADVISORY_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/advisories.db"
    }
    var keys: LedgerKeyFiles { LedgerKeyFiles(directory: home + "/keys") }

    /// Commands that only read pass `readOnly`, so they never wait for another process's write lock.
    func openStore(readOnly: Bool = false) throws -> SQLiteStore {
        try SQLiteStore.open(path: storePath, lockTimeout: lockTimeout, readOnly: readOnly)
    }

    func ledger(readOnly: Bool = false) throws -> Ledger {
        Ledger(store: try openStore(readOnly: readOnly))
    }

    private static func loginName() -> String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
