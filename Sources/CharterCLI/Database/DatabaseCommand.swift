import ArgumentParser

struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the offline vulnerability database (OSV advisories).",
        discussion: """
            The database is one SQLite file: $CHARTER_ADVISORY_DB, else advisories.db in the Charter \
            home. It holds public advisories only and can be rebuilt by importing again.
            """,
        subcommands: [DatabaseImport.self, DatabaseUpdate.self, DatabaseStatus.self]
    )
}
