import CharterCore
import Foundation

/// The options of an Options Considered section, written either as subsections
/// (`### Option A: Title` with body text) or as list items (`- **Title**: detail`, `1. Title — detail`).
enum MemoOptions {
    static func read(_ body: [MemoDocument.Line]) -> [DecisionOption] {
        let drafts = body.contains { heading(of: $0) != nil } ? fromHeadings(body) : fromList(body)
        return drafts.enumerated().map { $1.option(number: $0 + 1) }
    }

    /// An option while its lines are being collected.
    private struct Draft {
        let title: String
        /// Detail written on the item's own line, after the title.
        let inline: String
        var lines: [String] = []

        func option(number: Int) -> DecisionOption {
            let detail = MemoMarkdown.body([inline] + MemoMarkdown.dedent(lines))
            return DecisionOption(title: title.isEmpty ? "Option \(number)" : title, detail: detail)
        }
    }

    // MARK: Subsections

    /// One option per heading of the shallowest level in the section; text before the first is an introduction.
    private static func fromHeadings(_ body: [MemoDocument.Line]) -> [Draft] {
        let level = body.compactMap { heading(of: $0)?.level }.min() ?? 3
        var options: [Draft] = []
        for line in body {
            if let heading = heading(of: line), heading.level == level {
                options.append(Draft(title: title(heading.text), inline: ""))
            } else if !options.isEmpty {
                options[options.count - 1].lines.append(line.text)
            }
        }
        return options
    }

    private static func heading(of line: MemoDocument.Line) -> MemoMarkdown.Heading? {
        line.isCode ? nil : MemoMarkdown.heading(line.text)
    }

    // MARK: List items

    /// One option per top-level item; indented and directly following lines are its detail. A
    /// paragraph that starts at the margin after a blank line ends the list item.
    private static func fromList(_ body: [MemoDocument.Line]) -> [Draft] {
        var options: [Draft] = []
        var reader = ListReader()
        for line in body {
            switch reader.classify(line) {
            case .item(let content):
                let (title, detail) = titleAndDetail(content)
                options.append(Draft(title: title, inline: detail))
            case .continuation:
                if !options.isEmpty { options[options.count - 1].lines.append(line.text) }
            case .outside:
                break
            }
        }
        return options
    }

    /// Splits `**Title**: detail`, `Title — detail` or `Title: detail`; a bare `Option A` label
    /// defers to the text after it.
    static func titleAndDetail(_ content: String) -> (title: String, detail: String) {
        guard let (title, detail) = splitAtStrong(content) ?? splitAtSeparator(content) else {
            return (self.title(content), "")
        }
        if isBareLabel(title), !detail.isEmpty {
            return titleAndDetail(detail)
        }
        return (self.title(title), detail)
    }

    private static func splitAtStrong(_ content: String) -> (String, String)? {
        for mark in ["**", "__"] where content.hasPrefix(mark) {
            let afterOpening = content.dropFirst(mark.count)
            guard let closing = afterOpening.firstRange(of: mark) else { return nil }
            let title = afterOpening[..<closing.lowerBound].trimmingCharacters(in: .init(charactersIn: ": \t"))
            let detail = afterOpening[closing.upperBound...].drop { " \t:—–-".contains($0) }
            return title.isEmpty ? nil : (title, String(detail).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// Splits at the first ` — `, `—`, ` – `, `: ` or ` - `.
    private static func splitAtSeparator(_ content: String) -> (String, String)? {
        let ranges = [" — ", "—", " – ", ": ", " - "].compactMap { content.firstRange(of: $0) }
        guard let first = ranges.min(by: { $0.lowerBound < $1.lowerBound }) else { return nil }
        let title = content[..<first.lowerBound].trimmingCharacters(in: .whitespaces)
        let detail = content[first.upperBound...].trimmingCharacters(in: .whitespaces)
        return title.isEmpty ? nil : (title, detail)
    }

    // MARK: Titles

    /// `SQLite` from `Option A: SQLite`, `1. SQLite` or `**SQLite**`; the label itself when nothing follows it.
    private static func title(_ text: String) -> String {
        let plain = MemoMarkdown.unwrap(text)
        let labelled = #/^(?:option\s+[A-Za-z0-9]{1,3}\s*[:.)\-–—]\s*|(?:[0-9]{1,2}|[A-Z])[.)]\s+)(?<rest>.+)$/#
        guard let match = plain.wholeMatch(of: labelled.ignoresCase()) else { return plain }
        return MemoMarkdown.unwrap(String(match.output.rest))
    }

    private static func isBareLabel(_ text: String) -> Bool {
        MemoMarkdown.unwrap(text).wholeMatch(of: #/option\s+[A-Za-z0-9]{1,3}/#.ignoresCase()) != nil
    }

    /// Sorts the lines of a list into items, lines that belong to the current item, and the rest.
    private struct ListReader {
        enum Kind {
            case item(String)
            case continuation
            case outside
        }

        private var topIndent: Int?
        private var inItem = false
        private var afterBlank = false
        private var previousWasCode = false

        mutating func classify(_ line: MemoDocument.Line) -> Kind {
            defer { previousWasCode = line.isCode }
            if !line.isCode, let item = MemoMarkdown.listItem(line.text), item.indent <= (topIndent ?? item.indent) + 1 {
                topIndent = topIndent ?? item.indent
                inItem = true
                afterBlank = false
                return .item(item.content)
            }
            let blank = MemoMarkdown.isBlank(line.text)
            let continuesCode = line.isCode && previousWasCode
            if !continuesCode, afterBlank, !blank, MemoMarkdown.indentation(of: line.text) < 2 {
                inItem = false
            }
            afterBlank = blank && !line.isCode
            return inItem ? .continuation : .outside
        }
    }
}
