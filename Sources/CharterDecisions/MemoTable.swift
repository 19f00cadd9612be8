import Foundation

/// The first markdown table in a run of memo lines, as data rows: the header row (the one above
/// the `|---|---|` separator) and separator rows are dropped. Lines in code blocks are never rows.
struct MemoTable {
    struct Row: Equatable {
        let line: Int
        /// The row as written, trimmed, for messages.
        let text: String
        /// Cell texts, trimmed; `\|` is a literal pipe.
        let cells: [String]
    }

    /// The line the table starts on.
    let line: Int
    let rows: [Row]

    init?(lines: [MemoDocument.Line]) {
        guard let start = Self.start(in: lines) else { return nil }
        var rows: [Row] = []
        for line in lines[start...] {
            guard !line.isCode, let cells = Self.cells(line.text) else { break }
            rows.append(Row(line: line.number, text: line.text.trimmingCharacters(in: .whitespaces), cells: cells))
        }
        if rows.count > 1, Self.isSeparator(rows[1].cells) || Self.isHeader(rows[0].cells) {
            rows.removeFirst()
        }
        self.line = lines[start].number
        self.rows = rows.filter { !Self.isSeparator($0.cells) }
    }

    /// The first line that opens a table: a row with a leading pipe, or any row above a separator.
    private static func start(in lines: [MemoDocument.Line]) -> Int? {
        lines.indices.first { index in
            let line = lines[index]
            guard !line.isCode, cells(line.text) != nil else { return false }
            if line.text.trimmingCharacters(in: .whitespaces).hasPrefix("|") { return true }
            let next = index + 1
            return next < lines.count && !lines[next].isCode && cells(lines[next].text).map(isSeparator) == true
        }
    }

    /// The cells of a line that has at least one unescaped pipe; outer pipes do not make cells.
    static func cells(_ line: String) -> [String]? {
        var cells: [String] = []
        var current = ""
        var escaped = false
        var endsWithPipe = false
        for character in line.trimmingCharacters(in: .whitespaces) {
            endsWithPipe = character == "|" && !escaped
            if escaped {
                if character != "|" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        if escaped { current.append("\\") }
        guard !cells.isEmpty else { return nil }
        cells.append(current)
        return trimmedOuterCells(cells, startsWithPipe: line.trimmingCharacters(in: .whitespaces).hasPrefix("|"), endsWithPipe: endsWithPipe)
    }

    private static func trimmedOuterCells(_ cells: [String], startsWithPipe: Bool, endsWithPipe: Bool) -> [String] {
        var cells = cells
        if startsWithPipe, !cells.isEmpty { cells.removeFirst() }
        if endsWithPipe, !cells.isEmpty { cells.removeLast() }
        return cells.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `|---|:--:|` style: every cell is dashes with optional alignment colons.
    private static func isSeparator(_ cells: [String]) -> Bool {
        !cells.isEmpty && cells.allSatisfy { cell in
            var dashes = Substring(cell)
            if dashes.first == ":" { dashes = dashes.dropFirst() }
            if dashes.last == ":" { dashes = dashes.dropLast() }
            return !dashes.isEmpty && dashes.allSatisfy { $0 == "-" }
        }
    }

    /// A `| Field | Value |` header written without its separator row.
    private static func isHeader(_ cells: [String]) -> Bool {
        cells.count >= 2 && MemoMarkdown.key(cells[0]) == "field" && MemoMarkdown.key(cells[1]) == "value"
    }
}
