/// The links of a Related section: one per list item (or per line when there is no list), the URL
/// of a `[text](url)` link or a bare URL, else the item's text.
enum MemoLinks {
    static func read(_ body: [MemoDocument.Line]) -> [String] {
        let lines = body.filter { !$0.isCode && !MemoMarkdown.isBlank($0.text) }
        let items = lines.compactMap { MemoMarkdown.listItem($0.text)?.content }
        let entries = items.isEmpty ? lines.map(\.text) : items
        return entries.compactMap(link)
    }

    static func link(in entry: String) -> String? {
        if let url = markdownTarget(in: entry) ?? bareURL(in: entry) { return url }
        let text = MemoMarkdown.unwrap(entry)
        return text.isEmpty ? nil : text
    }

    /// The target of the first `[text](target "title")`, without angle brackets or title.
    private static func markdownTarget(in entry: String) -> String? {
        guard let opening = entry.firstRange(of: "](") else { return nil }
        var depth = 0
        var target = ""
        for character in entry[opening.upperBound...] {
            if character == "(" { depth += 1 }
            if character == ")" {
                if depth == 0 { break }
                depth -= 1
            }
            target.append(character)
        }
        let url = target.split(whereSeparator: \.isWhitespace).first.map { $0.drop { $0 == "<" } } ?? ""
        let trimmed = url.hasSuffix(">") ? url.dropLast() : url
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// The first `http://` or `https://` URL, without trailing punctuation or an unmatched `)`.
    private static func bareURL(in entry: String) -> String? {
        let starts = ["https://", "http://"].compactMap { entry.firstRange(of: $0)?.lowerBound }
        guard let start = starts.min() else { return nil }
        var url = String(entry[start...].prefix { !$0.isWhitespace && !"<>\"".contains($0) })
        while let last = url.last, ".,;:!?*`'".contains(last) || (last == ")" && hasUnmatchedClosing(url)) {
            url.removeLast()
        }
        return url
    }

    private static func hasUnmatchedClosing(_ url: String) -> Bool {
        url.filter { $0 == ")" }.count > url.filter { $0 == "(" }.count
    }
}
