import Foundation

/// Line-level markdown recognizers for decision memos: just enough CommonMark to find headings,
/// list items and the text inside emphasis, written so that no input can make them trap.
enum MemoMarkdown {
    struct Heading: Equatable {
        let level: Int
        let text: String
    }

    struct ListItem: Equatable {
        /// Columns before the marker.
        let indent: Int
        /// The item's text after the marker, trimmed.
        let content: String
    }

    /// Columns of leading whitespace, a tab advancing to the next multiple of four.
    static func indentation(of line: String) -> Int {
        var columns = 0
        for character in line {
            if character == " " {
                columns += 1
            } else if character == "\t" {
                columns += 4 - columns % 4
            } else {
                break
            }
        }
        return columns
    }

    static func isBlank(_ line: String) -> Bool {
        line.allSatisfy(\.isWhitespace)
    }

    /// An ATX heading (`## Context`, `### Option A ###`), indented at most three columns.
    static func heading(_ line: String) -> Heading? {
        guard indentation(of: line) < 4 else { return nil }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let level = trimmed.prefix { $0 == "#" }.count
        guard (1...6).contains(level) else { return nil }
        let rest = trimmed.dropFirst(level)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return Heading(level: level, text: withoutClosingHashes(String(rest)))
    }

    /// A bullet (`-`, `*`, `+`) or ordered (`1.`, `2)`) list item; thematic breaks are not items.
    static func listItem(_ line: String) -> ListItem? {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard !isThematicBreak(trimmed), let markerLength = listMarkerLength(trimmed) else { return nil }
        let rest = trimmed.dropFirst(markerLength)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return ListItem(indent: indentation(of: line), content: rest.trimmingCharacters(in: .whitespaces))
    }

    /// Removes emphasis or code marks wrapped around the whole text (`**x**`, `` `x` ``, `_x_`),
    /// repeatedly, leaving text like `**a**, **b**` alone.
    static func unwrap(_ text: String) -> String {
        var value = text.trimmingCharacters(in: .whitespaces)
        while let inner = unwrappedOnce(value) {
            value = inner
        }
        return value
    }

    /// A field or heading name compared case-insensitively: unwrapped, lowercased, `-` and `_` read
    /// as spaces, runs of whitespace collapsed, trailing colons dropped.
    static func key(_ text: String) -> String {
        let spaced = unwrap(text).lowercased().map { $0 == "-" || $0 == "_" ? " " : $0 }
        let words = String(spaced).split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.trimmingCharacters(in: CharacterSet(charactersIn: ": "))
    }

    /// The link text of a whole-value markdown link (`[DM-7](DM-007.md)` gives `DM-7`), else the text.
    static func linkText(_ text: String) -> String {
        guard text.hasPrefix("["), text.hasSuffix(")"), let middle = text.firstRange(of: "](") else { return text }
        return String(text[text.index(after: text.startIndex)..<middle.lowerBound])
    }

    /// Section text as kept in a record: the lines joined, with surrounding blank space trimmed.
    static func body(_ lines: [String]) -> String {
        lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The lines with the whitespace they all share (ignoring blank lines) removed from the front.
    static func dedent(_ lines: [String]) -> [String] {
        let margin = lines.filter { !isBlank($0) }.map(leadingWhitespaceCount).min() ?? 0
        return lines.map { String($0.dropFirst(min(margin, leadingWhitespaceCount($0)))) }
    }

    private static func leadingWhitespaceCount(_ line: String) -> Int {
        line.prefix { $0 == " " || $0 == "\t" }.count
    }

    private static func withoutClosingHashes(_ text: String) -> String {
        let content = text.trimmingCharacters(in: .whitespaces)
        let hashes = content.reversed().prefix { $0 == "#" }.count
        guard hashes > 0 else { return content }
        let rest = content.dropLast(hashes)
        guard let before = rest.last else { return "" }
        return before == " " || before == "\t" ? rest.trimmingCharacters(in: .whitespaces) : content
    }

    private static func listMarkerLength(_ text: Substring) -> Int? {
        guard let first = text.first else { return nil }
        if first == "-" || first == "*" || first == "+" { return 1 }
        let digits = text.prefix { $0.isASCII && $0.isNumber }.count
        guard (1...9).contains(digits), let delimiter = text.dropFirst(digits).first,
              delimiter == "." || delimiter == ")"
        else { return nil }
        return digits + 1
    }

    private static func isThematicBreak(_ text: Substring) -> Bool {
        let marks = text.filter { $0 != " " && $0 != "\t" }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    private static func unwrappedOnce(_ value: String) -> String? {
        for mark in ["**", "__", "``", "`", "*", "_"]
        where value.count > 2 * mark.count && value.hasPrefix(mark) && value.hasSuffix(mark) {
            let inner = value.dropFirst(mark.count).dropLast(mark.count)
            guard !inner.contains(mark) else { return nil }
            return inner.trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
