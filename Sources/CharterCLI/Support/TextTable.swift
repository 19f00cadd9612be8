import Foundation

/// Left-aligned columns for terminal output; cells are cut at 60 characters.
enum TextTable {
    static func render(header: [String], rows: [[String]]) -> String {
        let cells = ([header] + rows).map { $0.map { $0.count > 60 ? String($0.prefix(59)) + "…" : $0 } }
        var widths = Array(repeating: 0, count: header.count)
        for row in cells {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count) }
        }
        return cells.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }.joined(separator: "\n")
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
