/// A memo's title line read into the record's title: label and id prefixes such as
/// `Decision Memo:` and `DM-002:` are removed.
struct MemoTitle {
    /// The title without prefixes; empty when the line held nothing else.
    let text: String
    /// The decision id the title line starts with, if any.
    let mentionedID: String?

    /// - Parameter recordID: the memo's ID field; a title starting with it needs no punctuation
    ///   after it (`# DM-002 Move the ledger`), while other id-like words need one (`# HTTP-2 support`
    ///   keeps its first word).
    init(heading: String, recordID: String) {
        var text = MemoMarkdown.unwrap(heading)
        var mentioned: String?
        while true {
            if let found = Self.afterID(text, recordID: recordID) {
                mentioned = mentioned ?? found.id
                text = found.rest
            } else if let rest = Self.afterLabel(text) {
                text = rest
            } else {
                break
            }
        }
        if text.uppercased() == recordID {
            mentioned = mentioned ?? text
            text = ""
        }
        self.text = MemoMarkdown.unwrap(text)
        self.mentionedID = mentioned
    }

    /// `DM-002: rest`, `[DM-002] rest`, or `DM-002 rest` when that is the record's id.
    private static func afterID(_ text: String, recordID: String) -> (id: String, rest: String)? {
        let pattern = #/^\[?(?<id>[A-Za-z][A-Za-z0-9]*-[0-9]+)\]?(?<separator>\s*[:\-–—|]\s*|\s+)(?<rest>.*)$/#
        guard let match = text.wholeMatch(of: pattern) else { return nil }
        let id = String(match.output.id)
        let punctuated = match.output.separator.contains { !$0.isWhitespace }
        guard punctuated || id.uppercased() == recordID else { return nil }
        return (id, String(match.output.rest))
    }

    /// `Decision Memo: rest`, `ADR — rest`, or `Decision Memo DM-002…` (the id is taken next).
    private static func afterLabel(_ text: String) -> String? {
        let pattern = #/^(?:decision\s+memo|decision\s+record|decision|memo|adr)(?:\s*[:\-–—|]\s*|\s+(?=\[?[A-Za-z][A-Za-z0-9]*-[0-9]))(?<rest>.*)$/#
        return text.wholeMatch(of: pattern.ignoresCase()).map { String($0.output.rest) }
    }
}
