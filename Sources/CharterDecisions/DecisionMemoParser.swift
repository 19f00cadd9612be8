import CharterCore

/// Reads a decision memo written in the common markdown layout into a `DecisionMemo`.
///
/// The layout: a `# DM-002: Title` line; a `| Field | Value |` table (under `## Metadata` or
/// directly under the title) with ID, Status, Author, Date, Approver and Review Date rows; and the
/// sections Context, Options Considered, Decision, Rationale, Risks and optionally Related.
/// A missing title, table, ID, Author, Approver or Decision section is an error (a record
/// needs an approver to ever be decided); a missing Context,
/// Options, Rationale or Risks section, unknown fields and unknown sections are warnings.
/// Nothing inside fenced code blocks is read as structure. Any input gives a memo or a
/// `DecisionMemoError`; none traps.
package struct DecisionMemoParser {
    private var diagnostics: MemoDiagnostics

    private init(source: String) {
        diagnostics = MemoDiagnostics(source: source)
    }

    /// - Parameters:
    ///   - text: the memo's markdown.
    ///   - source: the memo's name for messages, e.g. `memo.md`.
    /// - Throws: `DecisionMemoError` saying where the memo breaks the layout and how to fix it.
    package static func parse(_ text: String, source: String) throws -> DecisionMemo {
        var parser = DecisionMemoParser(source: source)
        return try parser.read(MemoDocument(text))
    }

    private mutating func read(_ document: MemoDocument) throws -> DecisionMemo {
        let heading = try titleLine(of: document)
        let sections = sectionsByKind(document.sections)
        let table = try metadataTable(preamble: document.preamble, section: sections[.metadata])
        let metadata = try MemoMetadata(table: table, diagnostics: &diagnostics)
        let (id, author) = try requiredFields(of: metadata, in: table, heading: heading)
        let record = try record(id: id, title: title(heading, id: id), author: author, metadata: metadata, sections: sections)
        warnAboutMissing(metadata, table: table)
        return DecisionMemo(record: record, statedStatus: record.status, statedApprovers: metadata.approvers, warnings: diagnostics.warnings)
    }

    /// The title line, once the memo is known to hold something.
    private mutating func titleLine(of document: MemoDocument) throws -> MemoDocument.Title {
        guard !document.isBlank else {
            throw diagnostics.error("the memo is empty; write a \"# DM-002: Title\" line, a Metadata table and the Context, Options Considered, Decision, Rationale and Risks sections")
        }
        if let line = document.unclosedFence {
            diagnostics.warn("this code block is never closed, so everything after it was read as code; close it with the same fence", line: line)
        }
        guard let heading = document.title else {
            throw diagnostics.error("the memo has no title; start it with a line like \"# DM-002: Move the ledger to SQLite\"")
        }
        return heading
    }

    private mutating func record(
        id: String, title: String, author: String, metadata: MemoMetadata,
        sections: [MemoSectionKind: MemoDocument.Section]
    ) throws -> DecisionRecord {
        DecisionRecord(
            id: id, title: title, status: metadata.status ?? .proposed, author: author, date: metadata.date,
            requiredApprovers: metadata.approvers, approvals: [], context: text(of: .context, in: sections),
            options: options(in: sections[.options]), decision: try decision(in: sections[.decision]),
            rationale: text(of: .rationale, in: sections), risks: text(of: .risks, in: sections),
            reviewDate: metadata.reviewDate, links: sections[.links].map { MemoLinks.read($0.body) } ?? [],
            supersededBy: metadata.supersededBy
        )
    }

    // MARK: Sections

    /// Known sections by kind; a repeated section's text is added to the first one's.
    private mutating func sectionsByKind(_ sections: [MemoDocument.Section]) -> [MemoSectionKind: MemoDocument.Section] {
        var found: [MemoSectionKind: MemoDocument.Section] = [:]
        for section in sections {
            guard let kind = MemoSectionKind(heading: section.heading) else {
                diagnostics.warn("unknown section \"\(section.heading)\" was ignored; the sections are Metadata, Context, Options Considered, Decision, Rationale, Risks and Related", line: section.line)
                continue
            }
            if found[kind] == nil {
                found[kind] = section
            } else {
                found[kind]?.body += section.body
                diagnostics.warn("a second \(kind.name) section starts here; its text was added to the first one", line: section.line)
            }
        }
        return found
    }

    /// A prose section's text; a missing or empty one is worth a warning.
    private mutating func text(of kind: MemoSectionKind, in sections: [MemoSectionKind: MemoDocument.Section]) -> String {
        guard let section = sections[kind] else {
            diagnostics.warn("the memo has no \(kind.name) section; add \"## \(kind.name)\"")
            return ""
        }
        let text = MemoMarkdown.body(section.body.map(\.text))
        if text.isEmpty { diagnostics.warn("the \(kind.name) section is empty", line: section.line) }
        return text
    }

    private mutating func options(in section: MemoDocument.Section?) -> [DecisionOption] {
        guard let section else {
            diagnostics.warn("the memo has no Options Considered section; add \"## Options Considered\" with the options that were weighed")
            return []
        }
        let options = MemoOptions.read(section.body)
        if options.isEmpty {
            diagnostics.warn("the Options section lists no options; write each as \"### Option A: Title\" with its text, or as \"- **Title**: detail\"", line: section.line)
        }
        return options
    }

    private func decision(in section: MemoDocument.Section?) throws -> String {
        guard let section else {
            throw diagnostics.error("the memo has no Decision section; add \"## Decision\" saying what was decided")
        }
        let text = MemoMarkdown.body(section.body.map(\.text))
        guard !text.isEmpty else {
            throw diagnostics.error("the Decision section is empty; say what was decided", line: section.line)
        }
        return text
    }

    // MARK: Metadata

    /// The Metadata section's table, else the table directly under the title.
    private mutating func metadataTable(preamble: [MemoDocument.Line], section: MemoDocument.Section?) throws -> MemoTable {
        let underTitle = MemoTable(lines: preamble)
        if let section, let table = MemoTable(lines: section.body) {
            if let underTitle {
                diagnostics.warn("this table was ignored; the table in the Metadata section was used", line: underTitle.line)
            }
            return table
        }
        if let underTitle { return underTitle }
        let reason = "add a \"| Field | Value |\" table with ID, Status, Author, Date, Approver and Review Date rows"
        guard let section else { throw diagnostics.error("the memo has no Metadata table; \(reason)") }
        throw diagnostics.error("the Metadata section has no table; \(reason)", line: section.line)
    }

    /// ID and Author, which a record cannot do without, and at least one Approver, without which
    /// it could never be decided.
    private func requiredFields(of metadata: MemoMetadata, in table: MemoTable, heading: MemoDocument.Title) throws -> (id: String, author: String) {
        guard let id = metadata.id else {
            let suggestion = MemoTitle(heading: heading.text, recordID: "").mentionedID ?? "DM-002"
            throw missing("ID", example: suggestion, in: table)
        }
        guard let author = metadata.author else { throw missing("Author", example: "alice@example.com", in: table) }
        guard !metadata.approvers.isEmpty else { throw missing("Approver", example: "bob@example.com", in: table) }
        return (id, author)
    }

    private func missing(_ field: String, example: String, in table: MemoTable) -> DecisionMemoError {
        diagnostics.error("the Metadata table gives no \(field); add a row like \"| \(field) | \(example) |\"", line: table.line)
    }

    private mutating func warnAboutMissing(_ metadata: MemoMetadata, table: MemoTable) {
        if metadata.status == nil {
            diagnostics.warn("the Metadata table has no Status; the memo was read as proposed", line: table.line)
        }
        if metadata.reviewDate == nil {
            diagnostics.warn("the Metadata table has no Review Date, so no review is scheduled; add \"| Review Date | YYYY-MM-DD |\"", line: table.line)
        }
    }

    // MARK: Title

    private mutating func title(_ heading: MemoDocument.Title, id: String) throws -> String {
        let title = MemoTitle(heading: heading.text, recordID: id)
        if let mentioned = title.mentionedID, mentioned.uppercased() != id {
            diagnostics.warn("the title names \(mentioned) but the ID field says \(id); the ID field was used", line: heading.line)
        }
        guard !title.text.isEmpty else {
            throw diagnostics.error("the title line has no title; write it like \"# \(id): Move the ledger to SQLite\"", line: heading.line)
        }
        return title.text
    }
}
