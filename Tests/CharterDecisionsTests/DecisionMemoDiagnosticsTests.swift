import CharterCore
import CharterDecisions
import CharterTestSupport
import Foundation
import Testing

/// What the memo parser refuses with a located message, and what it tolerates with a warning.
@Suite struct DecisionMemoDiagnosticsTests {
    // MARK: Errors

    struct BadMemo: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let line: Int?
        let fragment: String
        var testDescription: String { name }
    }

    static let badMemos: [BadMemo] = [
        BadMemo(name: "unknown status", text: MemoFixtures.memo(["Status": "Maybe"]), line: 8,
                fragment: "Status \"Maybe\" is not one of proposed, decided, superseded, rejected"),
        BadMemo(name: "successor is not an id", text: MemoFixtures.memo(["Status": "Superseded by the new policy"]), line: 8,
                fragment: "\"the new policy\" as its successor, which is not a decision id"),
        BadMemo(name: "date in another format", text: MemoFixtures.memo(["Date": "20/11/2026"]), line: 10,
                fragment: "Date \"20/11/2026\" is not a date; write it as YYYY-MM-DD"),
        BadMemo(name: "date that does not exist", text: MemoFixtures.memo(["Date": "2026-02-30"]), line: 10,
                fragment: "Date \"2026-02-30\" is not a day on the calendar"),
        BadMemo(name: "review date in words", text: MemoFixtures.memo(["Review Date": "next spring"]), line: 12,
                fragment: "Review Date \"next spring\" is not a date"),
        BadMemo(name: "review date month 13", text: MemoFixtures.memo(["Review Date": "2027-13-01"]), line: 12,
                fragment: "Review Date \"2027-13-01\" is not a day on the calendar"),
        BadMemo(name: "lowercase id", text: MemoFixtures.memo(["ID": "dm-2"]), line: 7,
                fragment: "ID \"dm-2\" is not a decision id; use capital letters, a dash and a number"),
        BadMemo(name: "id without dash", text: MemoFixtures.memo(["ID": "DM002"]), line: 7, fragment: "ID \"DM002\" is not a decision id"),
        BadMemo(name: "no ID row", text: MemoFixtures.memo(["ID": nil]), line: 5, fragment: "the Metadata table gives no ID; add a row like \"| ID | DM-002 |\""),
        BadMemo(name: "empty ID", text: MemoFixtures.memo(["ID": ""]), line: 5, fragment: "gives no ID"),
        BadMemo(name: "no Author row", text: MemoFixtures.memo(["Author": nil]), line: 5, fragment: "the Metadata table gives no Author"),
        BadMemo(name: "no Approver row", text: MemoFixtures.memo(["Approver": nil]), line: 5, fragment: "the Metadata table gives no Approver"),
        BadMemo(name: "Status twice", text: MemoFixtures.memo().replacingOccurrences(of: "| Author |", with: "| status | Decided |\n| Author |"),
                line: 9, fragment: "status is given twice (also on line 8); keep one row"),
        BadMemo(name: "one-column table", text: "# DM-002: X\n\n| Field |\n|---|\n| ID |\n", line: 5,
                fragment: "the Metadata row \"| ID |\" has one column"),
        BadMemo(name: "no Metadata table", text: "# DM-002: X\n\n## Context\n\nWhy.\n", line: nil,
                fragment: "the memo has no Metadata table; add a \"| Field | Value |\" table with ID, Status, Author, Date, Approver and Review Date rows"),
        BadMemo(name: "Metadata section without a table", text: "# DM-002: X\n\n## Metadata\n\nID: DM-002\n", line: 3,
                fragment: "the Metadata section has no table"),
        BadMemo(name: "no title", text: MemoFixtures.memo().replacingOccurrences(of: "# DM-002: Move the ledger to SQLite WAL\n", with: ""), line: nil,
                fragment: "the memo has no title; start it with a line like \"# DM-002:"),
        BadMemo(name: "title that is only the id", text: MemoFixtures.memo(title: "# DM-002:"), line: 1, fragment: "the title line has no title"),
        BadMemo(name: "no Decision section", text: MemoFixtures.memo().replacingOccurrences(of: "## Decision\n\nSQLite in WAL mode.\n", with: ""), line: nil,
                fragment: "the memo has no Decision section; add \"## Decision\""),
        BadMemo(name: "empty Decision section", text: MemoFixtures.memo().replacingOccurrences(of: "SQLite in WAL mode.", with: "  "), line: 26,
                fragment: "the Decision section is empty"),
        BadMemo(name: "Decision only inside a code block",
                text: MemoFixtures.memo().replacingOccurrences(of: "## Decision\n", with: "```\n## Decision\n```\n"), line: nil,
                fragment: "the memo has no Decision section"),
        BadMemo(name: "empty file", text: "", line: nil, fragment: "the memo is empty"),
        BadMemo(name: "only whitespace", text: " \n\t\r\n", line: nil, fragment: "the memo is empty"),
        BadMemo(name: "only a title", text: "# DM-002: Move the ledger", line: nil, fragment: "the memo has no Metadata table"),
        BadMemo(name: "binary junk", text: "\u{0}\u{1}\u{FFFD}PNG\r\n\u{1A}\n\u{0}\u{0}", line: nil, fragment: "the memo has no title"),
    ]

    @Test(arguments: badMemos)
    func badMemosAreRefusedWithALocatedMessage(_ bad: BadMemo) throws {
        let error = try #require(throws: DecisionMemoError.self) { try MemoFixtures.parse(bad.text) }
        #expect(error.category == .input)
        #expect(error.source == "memo.md")
        #expect(error.line == bad.line)
        #expect(error.message.contains(bad.fragment), "\(error.message)")
        #expect(error.message.hasPrefix(bad.line.map { "memo.md:\($0): " } ?? "memo.md: "))
    }

    @Test func errorMessageNamesFileLineAndField() throws {
        let error = try #require(throws: DecisionMemoError.self) { try MemoFixtures.parse(MemoFixtures.memo(["Status": "Maybe"])) }
        #expect(error.message == "memo.md:8: Status \"Maybe\" is not one of proposed, decided, superseded, rejected")
        #expect(error.description == error.message)
    }

    /// Whatever the input, the parser returns a memo or throws `DecisionMemoError`.
    @Test func neverCrashes() throws {
        var inputs = ["#", "# ", "##", "|", "| a |", "||||", "```", "~~~\n# T", "# T\n## Metadata\n|", "# T\n| ID |\n|", "-\n-\n1.",
                      "# DM-1: T\n| ID | DM-1 |\n| Author | a |\n| Approver | b |\n## Options\n- \n- **\n### \n## Decision\nx",
                      "\u{FEFF}# T", "\r\r\r", String(repeating: "#", count: 10_000), String(repeating: "|", count: 10_000)]
        var generator = SplitMix64(seed: 42)
        for _ in 0..<300 {
            let bytes = (0..<Int(generator.next() % 400)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            inputs.append(String(decoding: bytes, as: UTF8.self))
        }
        let example = try String(contentsOf: MemoFixtures.exampleMemo, encoding: .utf8)
        let lines = example.components(separatedBy: "\n")
        for index in lines.indices {
            var without = lines
            without.remove(at: index)
            inputs.append(without.joined(separator: "\n"))
            inputs.append(lines[...index].joined(separator: "\n"))
        }
        for input in inputs {
            do {
                _ = try MemoFixtures.parse(input)
            } catch is DecisionMemoError {
                continue
            }
        }
    }

    // MARK: Warnings

    @Test func unknownFieldsAndSectionsAreWarnings() throws {
        let text = MemoFixtures.memo().replacingOccurrences(of: "| Author |", with: "| Team | Platform |\n| Author |") + "\n\n## Appendix\n\nNotes.\n"
        let memo = try MemoFixtures.parse(text)
        #expect(memo.warnings.contains { $0.hasPrefix("line 9: unknown Metadata field \"Team\"") })
        #expect(memo.warnings.contains { $0.contains("unknown section \"Appendix\"") })
        #expect(memo.record.risks == "Network file systems.")
    }

    @Test func missingProseSectionsAreWarnings() throws {
        let memo = try MemoFixtures.parse(MemoFixtures.memo(body: "## Decision\n\nSQLite.\n"))
        #expect(memo.record.decision == "SQLite.")
        for name in ["Context", "Options Considered", "Rationale", "Risks"] {
            #expect(memo.warnings.contains { $0.contains("no \(name) section") }, "\(name)")
        }
    }

    @Test func optionsSectionWithoutOptionsIsAWarning() throws {
        let memo = try MemoFixtures.parse(MemoFixtures.memo(options: "We only looked at one way to do it."))
        #expect(memo.record.options.isEmpty)
        #expect(memo.warnings.contains { $0.contains("the Options section lists no options") })
    }

    @Test func titleAndIDFieldDisagreeing() throws {
        let memo = try MemoFixtures.parse(MemoFixtures.memo(title: "# DM-003: Move the ledger"))
        #expect(memo.record.id == "DM-002")
        #expect(memo.record.title == "Move the ledger")
        #expect(memo.warnings.contains { $0 == "line 1: the title names DM-003 but the ID field says DM-002; the ID field was used" })
    }
}
