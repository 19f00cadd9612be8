import CharterCore
import CharterDecisions
import Foundation
import Testing

/// The markdown layouts the memo parser accepts: headings, tables, fences, line endings, options, links.
@Suite struct DecisionMemoLayoutTests {
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
        let memo = try MemoFixtures.parse(MemoFixtures.memo(title: line))
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
        let memo = try MemoFixtures.parse(MemoFixtures.memo(body: body))
        #expect(memo.record.context == "Why.")
        #expect(memo.record.options == [DecisionOption(title: "A")])
        #expect(memo.record.decision == "What.")
        #expect(memo.record.rationale == "Because.")
        #expect(memo.record.risks == "Some.")
        #expect(memo.record.links == ["https://example.com/a"])
        #expect(memo.warnings.isEmpty, "\(memo.warnings)")
    }

    @Test func tableDirectlyUnderTheTitle() throws {
        let text = MemoFixtures.memo().replacingOccurrences(of: "## Metadata\n\n", with: "")
        let memo = try MemoFixtures.parse(text)
        #expect(memo.record.id == "DM-002" && memo.record.author == "alice@example.com")
        #expect(memo.warnings.isEmpty)
    }

    @Test func sectionBodiesKeepMarkdownAndBlankLines() throws {
        let memo = try MemoFixtures.parse(MemoFixtures.memo(body: "## Decision\n\n\nFirst paragraph.\n\n\n- a point\n  with more\n\n```swift\nlet x = 1\n```\n\n\n## Context\nWhy."))
        #expect(memo.record.decision == "First paragraph.\n\n\n- a point\n  with more\n\n```swift\nlet x = 1\n```")
    }

    @Test func crlfAndCRLineEndingsReadLikeLF() throws {
        let lf = try MemoFixtures.parse(MemoFixtures.memo())
        #expect(try MemoFixtures.parse(MemoFixtures.memo().replacingOccurrences(of: "\n", with: "\r\n")) == lf)
        #expect(try MemoFixtures.parse(MemoFixtures.memo().replacingOccurrences(of: "\n", with: "\r")) == lf)
        let error = try #require(throws: DecisionMemoError.self) {
            try MemoFixtures.parse(MemoFixtures.memo(["Status": "Maybe"]).replacingOccurrences(of: "\n", with: "\r\n"))
        }
        #expect(error.line == 8)
    }

    @Test func tabsAreWhitespace() throws {
        let text = MemoFixtures.memo()
            .replacingOccurrences(of: "| ", with: "|\t").replacingOccurrences(of: " |", with: "\t|")
            .replacingOccurrences(of: "## Context", with: "##\tContext")
        let memo = try MemoFixtures.parse(text)
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
        let memo = try MemoFixtures.parse(MemoFixtures.memo(body: MemoFixtures.sections.replacingOccurrences(of: "## Context\n\nThe ledger needs a home.", with: context)))
        #expect(memo.record.status == .proposed)
        #expect(memo.record.decision == "SQLite in WAL mode.")
        #expect(memo.record.context.contains("```markdown\n## Decision\n| Status | Rejected |\n```"))
        #expect(memo.record.context.hasSuffix("~~~~\n# Not a title\n## Risks\n~~~~"))
        #expect(memo.warnings.isEmpty, "\(memo.warnings)")
    }

    @Test func codeFenceInTheMetadataSectionIsNotTheTable() throws {
        let text = MemoFixtures.memo().replacingOccurrences(of: "## Metadata\n", with: "## Metadata\n\n```\n| ID | DM-999 |\n```\n")
        #expect(try MemoFixtures.parse(text).record.id == "DM-002")
    }

    @Test func unclosedCodeFenceIsAWarning() throws {
        let memo = try MemoFixtures.parse(MemoFixtures.memo() + "\n\n## Related\n\n```\n## Appendix\n")
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
        let memo = try MemoFixtures.parse(MemoFixtures.memo(options: style.section))
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
        let memo = try MemoFixtures.parse(MemoFixtures.memo(body: MemoFixtures.sections + "\n\n" + related))
        #expect(memo.record.links == [
            "https://www.rfc-editor.org/rfc/rfc9162", "https://www.sqlite.org/wal.html", "https://example.com/a",
            "https://en.wikipedia.org/wiki/Merkle_tree_(data)", "DM-001, the first memo", "a nested note",
        ])
    }
}
