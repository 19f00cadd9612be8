import CharterCore
import CharterDecisions
import Foundation
import Testing

/// `charter decision import` reads memos with `DecisionMemoParser`; these pin down the layout it
/// accepts, what it tolerates with a warning and what it refuses with a located message.
/// Regenerate the golden file with `CHARTER_UPDATE_GOLDEN=1 swift test --filter DecisionMemoParserTests`.
@Suite struct DecisionMemoParserTests {
    // MARK: Fixtures

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

    // MARK: The example memo

    @Test func readsTheExampleMemo() throws {
        let text = try String(contentsOf: Self.exampleMemo, encoding: .utf8)
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
        let text = try String(contentsOf: Self.exampleMemo, encoding: .utf8)
        let memo = try DecisionMemoParser.parse(text, source: "DM-002-ledger-storage.md")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let actual = String(decoding: try encoder.encode(memo), as: UTF8.self) + "\n"
        if ProcessInfo.processInfo.environment["CHARTER_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: Self.golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: Self.golden, encoding: .utf8)
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
        let memo = try Self.parse(Self.memo(["Status": written]))
        #expect(memo.record.status == status)
        #expect(memo.statedStatus == status)
        #expect(memo.record.supersededBy == nil)
    }

    @Test func supersededByNamesTheSuccessor() throws {
        let memo = try Self.parse(Self.memo(["Status": "Superseded by DM-7"]))
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
        let memo = try Self.parse(Self.memo(["Approver": written]))
        #expect(memo.record.requiredApprovers == approvers)
        #expect(memo.statedApprovers == approvers)
    }

    @Test func approverRowsAccumulate() throws {
        let text = Self.memo().replacingOccurrences(
            of: "| Approver | bob@example.com |", with: "| Approver | bob@example.com |\n| Approvers | carol, bob@example.com |")
        #expect(try Self.parse(text).record.requiredApprovers == ["bob@example.com", "carol"])
    }

    @Test(arguments: [
        ("alice@example.com", "alice@example.com"), ("@alice", "alice"), ("**`@alice`**", "alice"),
        ("Alice Liddell <alice@example.com>", "Alice Liddell <alice@example.com>"), ("  Alice  ", "Alice"),
    ])
    func authorIsKeptAsWritten(written: String, author: String) throws {
        #expect(try Self.parse(Self.memo(["Author": written])).record.author == author)
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
        let memo = try Self.parse(text)
        #expect(memo.record.id == "DM-017")
        #expect(memo.record.title == "Rotate the ledger key yearly")
        #expect(memo.record.status == .decided)
        #expect(memo.record.author == "alice")
        #expect(memo.record.date == "2026-11-20")
        #expect(memo.record.reviewDate == "2027-01-31")
        #expect(memo.record.requiredApprovers == ["bob", "carol"])
    }

    @Test func emptyOptionalFieldsAreAbsent() throws {
        let memo = try Self.parse(Self.memo(["Date": "", "Review Date": "—"]))
        #expect(memo.record.date == nil)
        #expect(memo.record.reviewDate == nil)
        #expect(memo.warnings.contains { $0.contains("no Review Date") })
    }

    // MARK: Errors

    struct BadMemo: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        let line: Int?
        let fragment: String
        var testDescription: String { name }
    }

    static let badMemos: [BadMemo] = [
        BadMemo(name: "unknown status", text: memo(["Status": "Maybe"]), line: 8,
                fragment: "Status \"Maybe\" is not one of proposed, decided, superseded, rejected"),
        BadMemo(name: "successor is not an id", text: memo(["Status": "Superseded by the new policy"]), line: 8,
                fragment: "\"the new policy\" as its successor, which is not a decision id"),
        BadMemo(name: "date in another format", text: memo(["Date": "20/11/2026"]), line: 10,
                fragment: "Date \"20/11/2026\" is not a date; write it as YYYY-MM-DD"),
        BadMemo(name: "date that does not exist", text: memo(["Date": "2026-02-30"]), line: 10,
                fragment: "Date \"2026-02-30\" is not a day on the calendar"),
        BadMemo(name: "review date in words", text: memo(["Review Date": "next spring"]), line: 12,
                fragment: "Review Date \"next spring\" is not a date"),
        BadMemo(name: "review date month 13", text: memo(["Review Date": "2027-13-01"]), line: 12,
                fragment: "Review Date \"2027-13-01\" is not a day on the calendar"),
        BadMemo(name: "lowercase id", text: memo(["ID": "dm-2"]), line: 7,
                fragment: "ID \"dm-2\" is not a decision id; use capital letters, a dash and a number"),
        BadMemo(name: "id without dash", text: memo(["ID": "DM002"]), line: 7, fragment: "ID \"DM002\" is not a decision id"),
        BadMemo(name: "no ID row", text: memo(["ID": nil]), line: 5, fragment: "the Metadata table gives no ID; add a row like \"| ID | DM-002 |\""),
        BadMemo(name: "empty ID", text: memo(["ID": ""]), line: 5, fragment: "gives no ID"),
        BadMemo(name: "no Author row", text: memo(["Author": nil]), line: 5, fragment: "the Metadata table gives no Author"),
        BadMemo(name: "no Approver row", text: memo(["Approver": nil]), line: 5, fragment: "the Metadata table gives no Approver"),
        BadMemo(name: "Status twice", text: memo().replacingOccurrences(of: "| Author |", with: "| status | Decided |\n| Author |"),
                line: 9, fragment: "status is given twice (also on line 8); keep one row"),
        BadMemo(name: "one-column table", text: "# DM-002: X\n\n| Field |\n|---|\n| ID |\n", line: 5,
                fragment: "the Metadata row \"| ID |\" has one column"),
        BadMemo(name: "no Metadata table", text: "# DM-002: X\n\n## Context\n\nWhy.\n", line: nil,
                fragment: "the memo has no Metadata table; add a \"| Field | Value |\" table with ID, Status, Author, Date, Approver and Review Date rows"),
        BadMemo(name: "Metadata section without a table", text: "# DM-002: X\n\n## Metadata\n\nID: DM-002\n", line: 3,
                fragment: "the Metadata section has no table"),
        BadMemo(name: "no title", text: memo().replacingOccurrences(of: "# DM-002: Move the ledger to SQLite WAL\n", with: ""), line: nil,
                fragment: "the memo has no title; start it with a line like \"# DM-002:"),
        BadMemo(name: "title that is only the id", text: memo(title: "# DM-002:"), line: 1, fragment: "the title line has no title"),
        BadMemo(name: "no Decision section", text: memo().replacingOccurrences(of: "## Decision\n\nSQLite in WAL mode.\n", with: ""), line: nil,
                fragment: "the memo has no Decision section; add \"## Decision\""),
        BadMemo(name: "empty Decision section", text: memo().replacingOccurrences(of: "SQLite in WAL mode.", with: "  "), line: 26,
                fragment: "the Decision section is empty"),
        BadMemo(name: "Decision only inside a code block",
                text: memo().replacingOccurrences(of: "## Decision\n", with: "```\n## Decision\n```\n"), line: nil,
                fragment: "the memo has no Decision section"),
        BadMemo(name: "empty file", text: "", line: nil, fragment: "the memo is empty"),
        BadMemo(name: "only whitespace", text: " \n\t\r\n", line: nil, fragment: "the memo is empty"),
        BadMemo(name: "only a title", text: "# DM-002: Move the ledger", line: nil, fragment: "the memo has no Metadata table"),
        BadMemo(name: "binary junk", text: "\u{0}\u{1}\u{FFFD}PNG\r\n\u{1A}\n\u{0}\u{0}", line: nil, fragment: "the memo has no title"),
    ]

    @Test(arguments: badMemos)
    func badMemosAreRefusedWithALocatedMessage(_ bad: BadMemo) throws {
        let error = try #require(throws: DecisionMemoError.self) { try Self.parse(bad.text) }
        #expect(error.category == .input)
        #expect(error.source == "memo.md")
        #expect(error.line == bad.line)
        #expect(error.message.contains(bad.fragment), "\(error.message)")
        #expect(error.message.hasPrefix(bad.line.map { "memo.md:\($0): " } ?? "memo.md: "))
    }

    @Test func errorMessageNamesFileLineAndField() throws {
        let error = try #require(throws: DecisionMemoError.self) { try Self.parse(Self.memo(["Status": "Maybe"])) }
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
        let example = try String(contentsOf: Self.exampleMemo, encoding: .utf8)
        let lines = example.components(separatedBy: "\n")
        for index in lines.indices {
            var without = lines
            without.remove(at: index)
            inputs.append(without.joined(separator: "\n"))
            inputs.append(lines[...index].joined(separator: "\n"))
        }
        for input in inputs {
            do {
                _ = try Self.parse(input)
            } catch is DecisionMemoError {
                continue
            }
        }
    }

    // MARK: Warnings

    @Test func unknownFieldsAndSectionsAreWarnings() throws {
        let text = Self.memo().replacingOccurrences(of: "| Author |", with: "| Team | Platform |\n| Author |") + "\n\n## Appendix\n\nNotes.\n"
        let memo = try Self.parse(text)
        #expect(memo.warnings.contains { $0.hasPrefix("line 9: unknown Metadata field \"Team\"") })
        #expect(memo.warnings.contains { $0.contains("unknown section \"Appendix\"") })
        #expect(memo.record.risks == "Network file systems.")
    }

    @Test func missingProseSectionsAreWarnings() throws {
        let memo = try Self.parse(Self.memo(body: "## Decision\n\nSQLite.\n"))
        #expect(memo.record.decision == "SQLite.")
        for name in ["Context", "Options Considered", "Rationale", "Risks"] {
            #expect(memo.warnings.contains { $0.contains("no \(name) section") }, "\(name)")
        }
    }

    @Test func optionsSectionWithoutOptionsIsAWarning() throws {
        let memo = try Self.parse(Self.memo(options: "We only looked at one way to do it."))
        #expect(memo.record.options.isEmpty)
        #expect(memo.warnings.contains { $0.contains("the Options section lists no options") })
    }

    @Test func titleAndIDFieldDisagreeing() throws {
        let memo = try Self.parse(Self.memo(title: "# DM-003: Move the ledger"))
        #expect(memo.record.id == "DM-002")
        #expect(memo.record.title == "Move the ledger")
        #expect(memo.warnings.contains { $0 == "line 1: the title names DM-003 but the ID field says DM-002; the ID field was used" })
    }

    // MARK: Layout

    @Test(arguments: [
        ("# DM-002: Move the ledger", "Move the ledger"),
        ("# Decision Memo: Adopt X", "Adopt X"),
        ("# Decision Memo DM-002: Adopt X", "Adopt X"),
        ("# DM-002 — Move the ledger", "Move the ledger"),
        ("# [DM-002] Move the ledger", "Move the ledger"),
        ("# DM-002 Move the ledger", "Move the ledger"),
        ("# dm-002: Move the ledger", "Move the ledger"),
        ("# **DM-002: Move the ledger**", "Move the ledger"),
        ("# Move the ledger", "Move the ledger"),
        ("# HTTP-2 support", "HTTP-2 support"),
        ("# Decision to adopt X", "Decision to adopt X"),
        ("# DM-002: C# tooling ##", "C# tooling"),
    ])
    func titles(line: String, title: String) throws {
        let memo = try Self.parse(Self.memo(title: line))
        #expect(memo.record.title == title)
        #expect(!memo.warnings.contains { $0.contains("the title names") })
    }

    @Test func headingsAreMatchedLeniently() throws {
        let body = """
            ## 1. CONTEXT:
            Why.
            ## 2) Options
            - A
            ##   Decision  ##
            What.
            ## 3.1 rationale
            Because.
            ## Risks and Mitigations
            Some.
            ## References
            - https://example.com/a
            """
        let memo = try Self.parse(Self.memo(body: body))
        #expect(memo.record.context == "Why.")
        #expect(memo.record.options == [DecisionOption(title: "A")])
        #expect(memo.record.decision == "What.")
        #expect(memo.record.rationale == "Because.")
        #expect(memo.record.risks == "Some.")
        #expect(memo.record.links == ["https://example.com/a"])
        #expect(memo.warnings.isEmpty, "\(memo.warnings)")
    }

    @Test func tableDirectlyUnderTheTitle() throws {
        let text = Self.memo().replacingOccurrences(of: "## Metadata\n\n", with: "")
        let memo = try Self.parse(text)
        #expect(memo.record.id == "DM-002" && memo.record.author == "alice@example.com")
        #expect(memo.warnings.isEmpty)
    }

    @Test func sectionBodiesKeepMarkdownAndBlankLines() throws {
        let memo = try Self.parse(Self.memo(body: "## Decision\n\n\nFirst paragraph.\n\n\n- a point\n  with more\n\n```swift\nlet x = 1\n```\n\n\n## Context\nWhy."))
        #expect(memo.record.decision == "First paragraph.\n\n\n- a point\n  with more\n\n```swift\nlet x = 1\n```")
    }

    @Test func crlfAndCRLineEndingsReadLikeLF() throws {
        let lf = try Self.parse(Self.memo())
        #expect(try Self.parse(Self.memo().replacingOccurrences(of: "\n", with: "\r\n")) == lf)
        #expect(try Self.parse(Self.memo().replacingOccurrences(of: "\n", with: "\r")) == lf)
        let error = try #require(throws: DecisionMemoError.self) {
            try Self.parse(Self.memo(["Status": "Maybe"]).replacingOccurrences(of: "\n", with: "\r\n"))
        }
        #expect(error.line == 8)
    }

    @Test func tabsAreWhitespace() throws {
        let text = Self.memo()
            .replacingOccurrences(of: "| ", with: "|\t").replacingOccurrences(of: " |", with: "\t|")
            .replacingOccurrences(of: "## Context", with: "##\tContext")
        let memo = try Self.parse(text)
        #expect(memo.record.id == "DM-002")
        #expect(memo.record.context == "The ledger needs a home.")
        #expect(memo.warnings.isEmpty, "\(memo.warnings)")
    }

    @Test func codeFencesHideHeadingsAndTableRows() throws {
        let context = """
            ## Context

            A memo template looks like this:

            ```markdown
            ## Decision
            | Status | Rejected |
            ```

            ~~~~
            # Not a title
            ## Risks
            ~~~~
            """
        let memo = try Self.parse(Self.memo(body: Self.sections.replacingOccurrences(of: "## Context\n\nThe ledger needs a home.", with: context)))
        #expect(memo.record.status == .proposed)
        #expect(memo.record.decision == "SQLite in WAL mode.")
        #expect(memo.record.context.contains("```markdown\n## Decision\n| Status | Rejected |\n```"))
        #expect(memo.record.context.hasSuffix("~~~~\n# Not a title\n## Risks\n~~~~"))
        #expect(memo.warnings.isEmpty, "\(memo.warnings)")
    }

    @Test func codeFenceInTheMetadataSectionIsNotTheTable() throws {
        let text = Self.memo().replacingOccurrences(of: "## Metadata\n", with: "## Metadata\n\n```\n| ID | DM-999 |\n```\n")
        #expect(try Self.parse(text).record.id == "DM-002")
    }

    @Test func unclosedCodeFenceIsAWarning() throws {
        let memo = try Self.parse(Self.memo() + "\n\n## Related\n\n```\n## Appendix\n")
        #expect(memo.warnings.contains { $0.contains("never closed") })
        #expect(!memo.warnings.contains { $0.contains("Appendix") })
    }

    struct OptionStyle: Sendable, CustomTestStringConvertible {
        let name: String
        let section: String
        let options: [DecisionOption]
        var testDescription: String { name }
    }

    static let optionStyleCases: [OptionStyle] = [
        OptionStyle(name: "subsections", section: "### Option A: SQLite\nEmbedded.\n\nOne file.\n\n### Option B: PostgreSQL\nA server.",
                    options: [DecisionOption(title: "SQLite", detail: "Embedded.\n\nOne file."), DecisionOption(title: "PostgreSQL", detail: "A server.")]),
        OptionStyle(name: "subsections after an introduction", section: "We weighed two.\n\n#### 1. SQLite\nEmbedded.\n#### Option 2 — PostgreSQL\n",
                    options: [DecisionOption(title: "SQLite", detail: "Embedded."), DecisionOption(title: "PostgreSQL")]),
        OptionStyle(name: "bold title and colon", section: "- **SQLite**: embedded, one file\n- **PostgreSQL**: a server",
                    options: [DecisionOption(title: "SQLite", detail: "embedded, one file"), DecisionOption(title: "PostgreSQL", detail: "a server")]),
        OptionStyle(name: "colon inside bold", section: "* **SQLite:** embedded\n* __PostgreSQL__ — a server",
                    options: [DecisionOption(title: "SQLite", detail: "embedded"), DecisionOption(title: "PostgreSQL", detail: "a server")]),
        OptionStyle(name: "numbered with dashes", section: "1. SQLite — embedded\n2. PostgreSQL – a server\n3) JSON Lines - a file",
                    options: [DecisionOption(title: "SQLite", detail: "embedded"), DecisionOption(title: "PostgreSQL", detail: "a server"),
                              DecisionOption(title: "JSON Lines", detail: "a file")]),
        OptionStyle(name: "titles only", section: "- SQLite\n- PostgreSQL",
                    options: [DecisionOption(title: "SQLite"), DecisionOption(title: "PostgreSQL")]),
        OptionStyle(name: "option labels", section: "- **Option A**: SQLite — embedded\n- Option B: PostgreSQL",
                    options: [DecisionOption(title: "SQLite", detail: "embedded"), DecisionOption(title: "PostgreSQL")]),
        OptionStyle(name: "continuation lines and nested lists",
                    section: "- **SQLite**: embedded\n  one file\n  - no server\n\n  More about it.\n- **PostgreSQL**: a server\n\nNeither is free.",
                    options: [DecisionOption(title: "SQLite", detail: "embedded\none file\n- no server\n\nMore about it."),
                              DecisionOption(title: "PostgreSQL", detail: "a server")]),
    ]

    @Test(arguments: optionStyleCases)
    func optionsInEachStyle(_ style: OptionStyle) throws {
        let memo = try Self.parse(Self.memo(options: style.section))
        #expect(memo.record.options == style.options)
        #expect(memo.warnings.isEmpty, "\(memo.warnings)")
    }

    @Test func relatedLinks() throws {
        let related = """
            ## Related

            - [RFC 9162](https://www.rfc-editor.org/rfc/rfc9162 "Certificate Transparency")
            - See https://www.sqlite.org/wal.html.
            - <https://example.com/a>
            - [Merkle tree](https://en.wikipedia.org/wiki/Merkle_tree_(data))
            - DM-001, the first memo
              - a nested note
            """
        let memo = try Self.parse(Self.memo(body: Self.sections + "\n\n" + related))
        #expect(memo.record.links == [
            "https://www.rfc-editor.org/rfc/rfc9162", "https://www.sqlite.org/wal.html", "https://example.com/a",
            "https://en.wikipedia.org/wiki/Merkle_tree_(data)", "DM-001, the first memo", "a nested note",
        ])
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

/// A small deterministic generator for the no-crash inputs.
private struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
