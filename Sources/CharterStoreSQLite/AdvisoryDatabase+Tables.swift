import CharterStore
import Foundation
import GRDB

/// The compiled matching tables: written by imports for the packages they touch, read by scans.
extension AdvisoryDatabase {
    /// The tables of `packages` that have advisories. Tables compiled in another format (by
    /// another Charter) are all compiled again first, and a package with advisories but no
    /// table (lost behind Charter's back) has its table compiled again, each in one transaction.
    package func tables(for packages: Set<AdvisoryPackage>) throws -> [[UInt8]] {
        try mapped {
            if try queue.read({ try self.storedFormat(in: $0) }) != compiler.format {
                try queue.write { db in try compileTables([], in: db) }
            }
            var (found, missing) = try read(packages)
            if !missing.isEmpty {
                try queue.write { db in try compileTables(missing, in: db) }
                found += try read(missing).found
            }
            return found
        }
    }

    private func read(_ packages: Set<AdvisoryPackage>) throws -> (found: [[UInt8]], missing: Set<AdvisoryPackage>) {
        try queue.read { db in
            let read = try db.cachedStatement(sql: "SELECT tables FROM advisory_table WHERE ecosystem = ? AND name = ?")
            let named = try db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM advisory_package WHERE ecosystem = ? AND name = ?)")
            var found: [[UInt8]] = []
            var missing = Set<AdvisoryPackage>()
            found.reserveCapacity(packages.count)
            for package in packages {
                if let tables = try Data.fetchOne(read, arguments: [package.ecosystem, package.name]) {
                    found.append(Array(tables))
                } else if try Bool.fetchOne(named, arguments: [package.ecosystem, package.name]) == true {
                    missing.insert(package)
                }
            }
            return (found, missing)
        }
    }

    /// Compiles the tables of `touched`, or of every package when the stored ones are in another
    /// format, from every record naming them. Runs inside the caller's write transaction.
    func compileTables(_ touched: Set<AdvisoryPackage>, in db: Database) throws {
        var packages = touched
        if try storedFormat(in: db) != compiler.format {
            packages = Set(try Row.fetchAll(db, sql: "SELECT DISTINCT ecosystem, name FROM advisory_package").map { AdvisoryPackage(ecosystem: $0[0], name: $0[1]) })
            try db.execute(sql: "DELETE FROM advisory_table")
        } else if packages.isEmpty {
            return
        }
        let lookup = try db.cachedStatement(sql: "SELECT id FROM advisory_package WHERE ecosystem = ? AND name = ?")
        var ids = Set<String>()
        for package in packages { ids.formUnion(try String.fetchAll(lookup, arguments: [package.ecosystem, package.name])) }
        let read = try db.cachedStatement(sql: "SELECT json FROM advisory WHERE id = ?")
        var records: [(id: String, json: [UInt8])] = []
        records.reserveCapacity(ids.count)
        for id in ids.sorted() {
            if let json = try Data.fetchOne(read, arguments: [id]) { records.append((id, Array(json))) }
        }
        let tables = try compiler.tables(for: packages, records: records)
        let store = try db.cachedStatement(sql: "INSERT OR REPLACE INTO advisory_table (ecosystem, name, tables) VALUES (?, ?, ?)")
        let drop = try db.cachedStatement(sql: "DELETE FROM advisory_table WHERE ecosystem = ? AND name = ?")
        for package in packages {
            if let table = tables[package] {
                try store.execute(arguments: [package.ecosystem, package.name, Data(table)])
            } else {
                try drop.execute(arguments: [package.ecosystem, package.name])
            }
        }
        try db.execute(sql: "INSERT OR REPLACE INTO advisory_meta (key, value) VALUES ('table_format', ?)", arguments: [String(compiler.format)])
    }

    private func storedFormat(in db: Database) throws -> Int? {
        try String.fetchOne(db, sql: "SELECT value FROM advisory_meta WHERE key = 'table_format'").flatMap { Int($0) }
    }
}
