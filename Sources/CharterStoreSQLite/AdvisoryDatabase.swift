import CharterStore
import Foundation
import GRDB

/// The offline vulnerability database: OSV advisories in their own SQLite file (public data,
/// rebuilt by importing again, so kept apart from the ledger's store), indexed by package.
/// An import is one transaction: a failure leaves the database as it was. Beside the records it
/// keeps each package's matching table (`AdvisoryTableCompiler`), compiled in the same transaction.
package final class AdvisoryDatabase: Sendable {
    package let path: String
    let queue: DatabaseQueue
    let compiler: any AdvisoryTableCompiler

    /// Opens the database at `path`, creating it (and its folder) when `create` is set.
    package init(path: String, create: Bool, compiler: any AdvisoryTableCompiler) throws {
        self.path = path
        self.compiler = compiler
        if !FileManager.default.fileExists(atPath: path) {
            guard create else {
                throw StoreError(.notFound, "no advisory database at \(path); import advisories first with `charter db import PATH` (OSV JSON files or folders of them)")
            }
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
        } else {
            try SQLiteFileCheck.requireDatabaseHeader(at: path)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.label = "charter.advisories"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(queue)
        } catch let error as DatabaseError {
            throw SQLiteErrorMapping.storeError(error, path: path, lockTimeout: 10)
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-advisories") { db in
            try db.execute(sql: """
                CREATE TABLE advisory (
                    id TEXT PRIMARY KEY,
                    modified TEXT NOT NULL,
                    source TEXT NOT NULL,
                    json BLOB NOT NULL
                ) WITHOUT ROWID;
                CREATE TABLE advisory_package (
                    ecosystem TEXT NOT NULL,
                    name TEXT NOT NULL,
                    id TEXT NOT NULL REFERENCES advisory(id) ON DELETE CASCADE,
                    PRIMARY KEY (ecosystem, name, id)
                ) WITHOUT ROWID;
                CREATE INDEX advisory_package_by_id ON advisory_package(id);
                CREATE TABLE advisory_source (
                    source TEXT PRIMARY KEY,
                    imported_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-downloads") { db in
            try db.execute(sql: """
                CREATE TABLE advisory_download (
                    url TEXT PRIMARY KEY,
                    source TEXT NOT NULL,
                    etag TEXT,
                    last_modified TEXT,
                    fetched_at TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v3-compiled-tables") { db in
            try db.execute(sql: """
                CREATE TABLE advisory_table (
                    ecosystem TEXT NOT NULL,
                    name TEXT NOT NULL,
                    tables BLOB NOT NULL,
                    PRIMARY KEY (ecosystem, name)
                ) WITHOUT ROWID;
                CREATE TABLE advisory_meta (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        return migrator
    }

    /// The validators of the copy last imported from `url`, for a conditional download.
    package func download(from url: String) throws -> AdvisoryDownload? {
        try mapped {
            try queue.read { db in
                try Row.fetchOne(db, sql: "SELECT source, etag, last_modified, fetched_at FROM advisory_download WHERE url = ?", arguments: [url]).map { row in
                    AdvisoryDownload(url: url, source: row["source"], etag: row["etag"], lastModified: row["last_modified"], fetchedAt: row["fetched_at"])
                }
            }
        }
    }

    /// Notes that the copy held from `download.url` was found current at `time`: its source is
    /// as fresh as if it had just been imported, which is what the gate's age check asks.
    package func confirmCurrent(_ download: AdvisoryDownload, at time: String) throws {
        try mapped {
            try queue.write { db in
                try db.execute(sql: "UPDATE advisory_download SET fetched_at = ? WHERE url = ?", arguments: [time, download.url])
                try db.execute(sql: "UPDATE advisory_source SET imported_at = ? WHERE source = ?", arguments: [time, download.source])
            }
        }
    }

    /// Adds or replaces `records` under `source`, in one transaction. A record already held with
    /// the same or a newer `modified` time is left alone (counted unchanged).
    /// `download`, when the records came from a URL, is kept with them so the next update can ask
    /// for the archive only if it changed.
    package func importRecords(_ records: [AdvisoryRecord], source: String, at time: String, download: AdvisoryDownload? = nil) throws -> AdvisoryImportCounts {
        try mapped {
            try queue.write { db in
                var counts = AdvisoryImportCounts()
                let existing = try db.cachedStatement(sql: "SELECT modified FROM advisory WHERE id = ?")
                let forget = try db.cachedStatement(sql: "DELETE FROM advisory_package WHERE id = ?")
                let store = try db.cachedStatement(sql: "INSERT OR REPLACE INTO advisory (id, modified, source, json) VALUES (?, ?, ?, ?)")
                let index = try db.cachedStatement(sql: "INSERT OR IGNORE INTO advisory_package (ecosystem, name, id) VALUES (?, ?, ?)")
                let named = try db.cachedStatement(sql: "SELECT ecosystem, name FROM advisory_package WHERE id = ?")
                var touched = Set<AdvisoryPackage>()
                for record in records {
                    let held = try String.fetchOne(existing, arguments: [record.id])
                    // Same time, or an older copy (a stale snapshot, another source's): keep what is held.
                    if let held, !Self.isNewer(record.modified, than: held) {
                        counts.unchanged += 1
                        continue
                    }
                    if held == nil { counts.added += 1 } else { counts.updated += 1 }
                    // The packages it named before and names now both need their tables compiled again.
                    for row in try Row.fetchAll(named, arguments: [record.id]) { touched.insert(AdvisoryPackage(ecosystem: row[0], name: row[1])) }
                    touched.formUnion(record.packages)
                    try forget.execute(arguments: [record.id])
                    try store.execute(arguments: [record.id, record.modified, source, Data(record.json)])
                    for package in Set(record.packages) {
                        try index.execute(arguments: [package.ecosystem, package.name, record.id])
                    }
                }
                try db.execute(sql: "INSERT OR REPLACE INTO advisory_source (source, imported_at) VALUES (?, ?)", arguments: [source, time])
                try compileTables(touched, in: db)
                if let download {
                    try db.execute(sql: "INSERT OR REPLACE INTO advisory_download (url, source, etag, last_modified, fetched_at) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [download.url, source, download.etag, download.lastModified, time])
                }
                return counts
            }
        }
    }

    /// Compares OSV `modified` times (UTC, `…Z`) as instants: their fractional seconds vary in
    /// length, so `…:00Z` and `…:00.5Z` do not order as text.
    static func isNewer(_ candidate: String, than held: String) -> Bool {
        func key(_ time: String) -> String {
            let seconds = time.prefix(19)
            var fraction = ""
            if time.dropFirst(19).first == "." { fraction = String(time.dropFirst(20).prefix { $0.isNumber }) }
            return seconds + "." + fraction.padding(toLength: 9, withPad: "0", startingAt: 0)
        }
        return key(candidate) > key(held)
    }

    package func status() throws -> [AdvisorySourceStatus] {
        try mapped {
            try queue.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT s.source, s.imported_at, COUNT(a.id) AS records, MAX(a.modified) AS newest
                    FROM advisory_source s LEFT JOIN advisory a ON a.source = s.source
                    GROUP BY s.source ORDER BY s.source
                    """).map { row in
                    AdvisorySourceStatus(source: row["source"], records: row["records"], importedAt: row["imported_at"], newestModified: row["newest"] as String?)
                }
            }
        }
    }

    func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw SQLiteErrorMapping.storeError(error, path: path, lockTimeout: 10)
        }
    }
}
