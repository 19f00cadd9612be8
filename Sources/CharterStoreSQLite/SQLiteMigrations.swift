import GRDB

/// Schema migrations. A migration that has shipped is never edited: add a new one.
enum SQLiteMigrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.execute(sql: """
                CREATE TABLE ledger_entry (
                    idx INTEGER PRIMARY KEY,
                    time TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    reason TEXT,
                    payload TEXT NOT NULL,
                    leaf_hash BLOB NOT NULL
                );
                -- idx is the rowid, which every index entry carries: these are ordered by (kind, idx).
                CREATE INDEX ledger_entry_by_kind ON ledger_entry(kind);
                CREATE INDEX ledger_entry_by_subject ON ledger_entry(subject);

                -- Complete subtrees of level >= 1; level 0 (leaves) is ledger_entry.leaf_hash.
                CREATE TABLE merkle_node (
                    level INTEGER NOT NULL,
                    idx INTEGER NOT NULL,
                    hash BLOB NOT NULL,
                    PRIMARY KEY (level, idx)
                ) WITHOUT ROWID;

                CREATE TABLE checkpoint (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    size INTEGER NOT NULL,
                    root BLOB NOT NULL,
                    note TEXT NOT NULL,
                    created_at TEXT NOT NULL
                );

                CREATE TABLE setting (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );

                -- Projection of decision.* entries; rebuilt by `charter ledger replay`.
                CREATE TABLE decision (
                    id TEXT PRIMARY KEY,
                    status TEXT NOT NULL,
                    record TEXT NOT NULL,
                    ledger_index INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }
}
