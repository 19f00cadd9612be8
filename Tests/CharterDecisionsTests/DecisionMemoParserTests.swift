import CharterCore
import CharterDecisions
import Foundation
import Testing

/// `charter decision import` reads memos with `DecisionMemoParser`; these pin down the layout it
/// accepts, what it tolerates with a warning and what it refuses with a located message.
/// Regenerate the golden file with `CHARTER_UPDATE_GOLDEN=1 swift test --filter DecisionMemoParserTests`.
@Suite struct DecisionMemoParserTests {
    // MARK: The example memo

    @Test func readsTheExampleMemo() throws {
        let text = try String(contentsOf: MemoFixtures.exampleMemo, encoding: .utf8)
        let memo = try DecisionMemoParser.parse(text, source: "DM-002-ledger-storage.md")
        let record = memo.record
        #expect(record.id == "DM-002")
        #expect(record.title == "Store the ledger in SQLite (WAL) by default, PostgreSQL for teams")
        #expect(record.status == .proposed && memo.statedStatus == .proposed)
        #expect(record.author == "alice@example.com")
        #expect(record.requiredApprovers == ["bob@example.com"] && memo.statedApprovers == ["bob@example.com"])
        #expect(record.approvals.isEmpty)
        #expect(record.date == "2026-11-20" && record.reviewDate?.hasPrefix("2027-") == true)
        #expect(record.options.map(\.title) == ["SQLite in WAL mode, embedded", "PostgreSQL for everyone", "An append-only JSON Lines file"])
        #expect(record.options.allSatisfy { !$0.detail.isEmpty })
        #expect(!record.context.isEmpty && !record.decision.isEmpty && !record.rationale.isEmpty && !record.risks.isEmpty)
        #expect(record.links.contains("https://www.rfc-editor.org/rfc/rfc9162"))
        #expect(memo.warnings.isEmpty)
    }

    @Test func exampleMemoMatchesGoldenJSON() throws {
        let text = try String(contentsOf: MemoFixtures.exampleMemo, encoding: .utf8)
        let memo = try DecisionMemoParser.parse(text, source: "DM-002-ledger-storage.md")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let actual = String(decoding: try encoder.encode(memo), as: UTF8.self) + "\n"
        if ProcessInfo.processInfo.environment["CHARTER_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: MemoFixtures.golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: MemoFixtures.golden, encoding: .utf8)
        #expect(actual == expected, "the parsed example memo changed; if intended, regenerate the golden file")
        #expect(try JSONDecoder().decode(DecisionMemo.self, from: Data(expected.utf8)) == memo)
    }

    // MARK: Metadata

    @Test(arguments: [
        ("Proposed", DecisionStatus.proposed), ("draft", .proposed), ("OPEN", .proposed), ("In Review", .proposed),
        ("in-review", .proposed), ("Decided", .decided), ("approved", .decided), ("**Accepted**", .decided),
        ("Superseded", .superseded), ("Rejected", .rejected), ("`declined`", .rejected),
    ])
    func statusMap(written: String, status: DecisionStatus) throws {
        let memo = try MemoFixtures.parse(MemoFixtures.memo(["Status": written]))
        #expect(memo.record.status == status)
        #expect(memo.statedStatus == status)
        #expect(memo.record.supersededBy == nil)
    }

    @Test func supersededByNamesTheSuccessor() throws {
        let memo = try MemoFixtures.parse(MemoFixtures.memo(["Status": "Superseded by DM-7"]))
        #expect(memo.record.status == .superseded)
        #expect(memo.record.supersededBy == "DM-7")
    }

    @Test(arguments: [
        ("bob@example.com", ["bob@example.com"]),
        ("bob, carol", ["bob", "carol"]),
        ("bob; carol;", ["bob", "carol"]),
        ("Bob Smith and Carol Jones", ["Bob Smith", "Carol Jones"]),
        ("@bob, @carol AND @dave", ["bob", "carol", "dave"]),
        ("**@bob**, `carol`", ["bob", "carol"]),
        ("`bob, carol`", ["bob", "carol"]),
        ("Bob Smith <bob@example.com>; Carol <carol@example.com>", ["Bob Smith <bob@example.com>", "Carol <carol@example.com>"]),
        ("Alexandra Anderson", ["Alexandra Anderson"]),
        ("bob, bob", ["bob"]),
    ])
    func approverLists(written: String, approvers: [String]) throws {
        let memo = try MemoFixtures.parse(MemoFixtures.memo(["Approver": written]))
        #expect(memo.record.requiredApprovers == approvers)
        #expect(memo.statedApprovers == approvers)
    }

    @Test func approverRowsAccumulate() throws {
        let text = MemoFixtures.memo().replacingOccurrences(
            of: "| Approver | bob@example.com |", with: "| Approver | bob@example.com |\n| Approvers | carol, bob@example.com |")
        #expect(try MemoFixtures.parse(text).record.requiredApprovers == ["bob@example.com", "carol"])
    }

    @Test(arguments: [
        ("alice@example.com", "alice@example.com"), ("@alice", "alice"), ("**`@alice`**", "alice"),
        ("Alice Liddell <alice@example.com>", "Alice Liddell <alice@example.com>"), ("  Alice  ", "Alice"),
    ])
    func authorIsKeptAsWritten(written: String, author: String) throws {
        #expect(try MemoFixtures.parse(MemoFixtures.memo(["Author": written])).record.author == author)
    }

    @Test func fieldNamesAndValuesAreLenient() throws {
        let text = """
            # DM-017: Rotate the ledger key yearly
            | field | value |
            | :--- | :--- |
            | **id** | `DM-017` |
            | STATUS: | **Accepted** |
            | Author | @alice |
            | date | 2026/11/20 |
            | Approvers | bob and carol |
            | Next Review | 2027/01/31 |

            ## Decision

            Rotate.
            """
        let memo = try MemoFixtures.parse(text)
        #expect(memo.record.id == "DM-017")
        #expect(memo.record.title == "Rotate the ledger key yearly")
        #expect(memo.record.status == .decided)
        #expect(memo.record.author == "alice")
        #expect(memo.record.date == "2026-11-20")
        #expect(memo.record.reviewDate == "2027-01-31")
        #expect(memo.record.requiredApprovers == ["bob", "carol"])
    }

    @Test func emptyOptionalFieldsAreAbsent() throws {
        let memo = try MemoFixtures.parse(MemoFixtures.memo(["Date": "", "Review Date": "—"]))
        #expect(memo.record.date == nil)
        #expect(memo.record.reviewDate == nil)
        #expect(memo.warnings.contains { $0.contains("no Review Date") })
    }

    // MARK: Decision ids

    @Test(arguments: [("DM-002", true), ("ADR-17", true), ("A1-0", true), ("dm-002", false), ("DM002", false), ("DM-", false),
                      ("-1", false), ("1DM-2", false), ("DM-0-1", false), ("DM-2 ", false), ("DM-٣", false), ("", false)])
    func decisionIDShape(id: String, valid: Bool) {
        #expect(DecisionID.validate(id) == valid)
    }

    @Test(arguments: [
        ([String](), "DM", "DM-001"), (["DM-001", "DM-002"], "DM", "DM-003"), (["DM-009", "DM-2"], "DM", "DM-010"),
        (["DM-999"], "DM", "DM-1000"), (["DM-7", "ADR-40", "dm-50", "DM-x"], "DM", "DM-008"), (["DM-7", "ADR-40"], "ADR", "ADR-041"),
        (["DMX-9", "D-4"], "DM", "DM-001"), (["DM-99999999999999999999"], "DM", "DM-100000000000000000000"),
    ])
    func nextDecisionID(existing: [String], prefix: String, next: String) {
        #expect(DecisionID.next(after: existing, prefix: prefix) == next)
    }
}
