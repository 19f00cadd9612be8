import CharterCore
import Foundation

/// The Metadata table of a memo, read into checked values. Absent fields stay nil (or empty);
/// whether that is an error is the parser's call.
struct MemoMetadata {
    enum Field {
        case id, status, author, date, approvers, reviewDate

        init?(name: String) {
            switch MemoMarkdown.key(name) {
            case "id": self = .id
            case "status": self = .status
            case "author": self = .author
            case "date": self = .date
            case "approver", "approvers": self = .approvers
            case "review date", "review", "next review", "next review date": self = .reviewDate
            default: return nil
            }
        }
    }

    private(set) var id: String?
    private(set) var status: DecisionStatus?
    private(set) var supersededBy: String?
    private(set) var author: String?
    private(set) var date: String?
    private(set) var reviewDate: String?
    /// In the order written, without duplicates, across all Approver rows.
    private(set) var approvers: [String] = []

    init(table: MemoTable, diagnostics: inout MemoDiagnostics) throws {
        var seen: [Field: Int] = [:]
        for row in table.rows {
            guard row.cells.count >= 2 else {
                throw diagnostics.error("the Metadata row \"\(row.text)\" has one column; write each row as \"| Field | Value |\"", line: row.line)
            }
            let name = MemoMarkdown.unwrap(row.cells[0])
            guard let field = Field(name: name) else {
                diagnostics.warn("unknown Metadata field \"\(name)\" was ignored; the fields are ID, Status, Author, Date, Approver and Review Date", line: row.line)
                continue
            }
            if field != .approvers, let first = seen[field] {
                throw diagnostics.error("\(name) is given twice (also on line \(first)); keep one row", line: row.line)
            }
            seen[field] = row.line
            try read(field, named: name, value: MemoMarkdown.unwrap(row.cells[1]), line: row.line, diagnostics)
        }
    }

    private mutating func read(_ field: Field, named name: String, value: String, line: Int, _ diagnostics: MemoDiagnostics) throws {
        guard !Self.isEmpty(value) else { return }
        switch field {
        case .id: id = try Self.checkedID(value, field: name, line: line, diagnostics)
        case .status: (status, supersededBy) = try Self.checkedStatus(value, field: name, line: line, diagnostics)
        case .author: author = Self.person(value)
        case .date: date = try Self.checkedDate(value, field: name, line: line, diagnostics)
        case .reviewDate: reviewDate = try Self.checkedDate(value, field: name, line: line, diagnostics)
        case .approvers: approvers += Self.people(value).filter { !approvers.contains($0) }
        }
    }

    /// An empty cell, or one holding only a dash, means the field is not given.
    private static func isEmpty(_ value: String) -> Bool {
        value.allSatisfy { $0 == "-" || $0 == "—" || $0 == "–" || $0.isWhitespace }
    }

    private static func checkedID(_ value: String, field: String, line: Int, _ diagnostics: MemoDiagnostics) throws -> String {
        guard DecisionID.validate(value) else {
            throw diagnostics.error("\(field) \"\(value)\" is not a decision id; use capital letters, a dash and a number, like DM-002", line: line)
        }
        return value
    }

    // MARK: Status

    private static let statusWords: [String: DecisionStatus] = [
        "proposed": .proposed, "draft": .proposed, "open": .proposed, "in review": .proposed,
        "decided": .decided, "approved": .decided, "accepted": .decided,
        "superseded": .superseded,
        "rejected": .rejected, "declined": .rejected,
    ]

    /// The status a Status value means, and the successor of `Superseded by DM-7`.
    private static func checkedStatus(_ value: String, field: String, line: Int, _ diagnostics: MemoDiagnostics) throws -> (DecisionStatus, String?) {
        if let successor = successor(in: value) {
            guard DecisionID.validate(successor) else {
                throw diagnostics.error("\(field) \"\(value)\" names \"\(successor)\" as its successor, which is not a decision id like DM-007", line: line)
            }
            return (.superseded, successor)
        }
        guard let status = statusWords[MemoMarkdown.key(value)] else {
            throw diagnostics.error("\(field) \"\(value)\" is not one of proposed, decided, superseded, rejected", line: line)
        }
        return (status, nil)
    }

    /// `DM-7` from `Superseded by DM-7` (also `superseded by: [DM-7](DM-007.md)`).
    private static func successor(in value: String) -> String? {
        let words = value.split(whereSeparator: \.isWhitespace)
        guard words.count >= 3, words[0].lowercased() == "superseded", ["by", "by:"].contains(words[1].lowercased()) else { return nil }
        return MemoMarkdown.linkText(MemoMarkdown.unwrap(words.dropFirst(2).joined(separator: " ")))
    }

    // MARK: Dates

    /// `YYYY-MM-DD` (or `YYYY/MM/DD`, normalized) naming a day that exists.
    private static func checkedDate(_ value: String, field: String, line: Int, _ diagnostics: MemoDiagnostics) throws -> String {
        guard let day = isoShaped(value) else {
            throw diagnostics.error("\(field) \"\(value)\" is not a date; write it as YYYY-MM-DD, like 2026-03-16", line: line)
        }
        guard RFC3339.parse(day) != nil else {
            throw diagnostics.error("\(field) \"\(value)\" is not a day on the calendar; check the month and the day", line: line)
        }
        return day
    }

    /// The value with `-` separators when it is four, two and two digits separated by one kind of separator.
    private static func isoShaped(_ value: String) -> String? {
        let bytes = Array(value.utf8)
        guard bytes.count == 10, bytes[4] == bytes[7], bytes[4] == UInt8(ascii: "-") || bytes[4] == UInt8(ascii: "/") else { return nil }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9].map { bytes[$0] }
        guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        return value.replacingOccurrences(of: "/", with: "-")
    }

    // MARK: People

    /// A name as written, trimmed, without emphasis or a leading `@`.
    private static func person(_ value: String) -> String {
        let name = MemoMarkdown.unwrap(value)
        return name.hasPrefix("@") ? String(name.dropFirst()).trimmingCharacters(in: .whitespaces) : name
    }

    /// Names separated by commas, semicolons or " and ".
    private static func people(_ value: String) -> [String] {
        let separated = value.replacing(#/\s+and\s+/#.ignoresCase(), with: ",")
        var names: [String] = []
        for part in separated.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            let name = person(String(part))
            if !name.isEmpty, !names.contains(name) { names.append(name) }
        }
        return names
    }
}
