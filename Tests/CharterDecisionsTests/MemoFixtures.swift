import CharterCore
import CharterDecisions
import CharterTestSupport
import Foundation
import Testing

/// Memos and helpers shared by the memo parser suites.
enum MemoFixtures {

    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let exampleMemo = packageRoot.appendingPathComponent("examples/decisions/DM-002-ledger-storage.md")
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/DM-002-ledger-storage.json")

    /// The Metadata rows of `memo(_:)`, on lines 7 to 12.
    static let rows: [(field: String, value: String)] = [
        ("ID", "DM-002"), ("Status", "Proposed"), ("Author", "alice@example.com"),
        ("Date", "2026-11-20"), ("Approver", "bob@example.com"), ("Review Date", "2027-05-20"),
    ]

    static let sections = """
        ## Context

        The ledger needs a home.

        ## Options Considered

        ### Option A: SQLite
        Embedded.

        ### Option B: PostgreSQL
        A server.

        ## Decision

        SQLite in WAL mode.

        ## Rationale

        Nothing to install.

        ## Risks

        Network file systems.
        """

    /// A valid memo. `changes` replaces a row's value, or removes the row when the value is nil;
    /// the Metadata table starts on line 5 and its rows are on lines 7 (ID) to 12 (Review Date).
    static func memo(_ changes: [String: String?] = [:], title: String = "# DM-002: Move the ledger to SQLite WAL", body: String = sections) -> String {
        let table = rows.compactMap { row -> String? in
            let value = changes[row.field].map { $0 } ?? row.value
            return value.map { "| \(row.field) | \($0) |" }
        }
        return ([title, "", "## Metadata", "", "| Field | Value |", "|---|---|"] + table + ["", body]).joined(separator: "\n")
    }

    static func parse(_ text: String) throws -> DecisionMemo {
        try DecisionMemoParser.parse(text, source: "memo.md")
    }

    /// A memo whose Options Considered section holds `options`.
    static func memo(options: String) -> String {
        memo(body: """
            ## Context

            Why.

            ## Options Considered

            \(options)

            ## Decision

            What.

            ## Rationale

            Because.

            ## Risks

            Some.
            """)
    }
}
