import Foundation

/// A memo cut into numbered lines, its title and its top-level sections.
///
/// Lines inside fenced code blocks are marked so nothing in them is read as structure. The first
/// level-1 heading before any level-2 heading is the title; every later heading of level 1 or 2
/// starts a section.
struct MemoDocument {
    struct Line: Equatable {
        /// 1-based; CRLF, CR and LF each end one line.
        let number: Int
        let text: String
        /// Part of a fenced code block, the fence lines included.
        let isCode: Bool
    }

    struct Title: Equatable {
        let text: String
        let line: Int
    }

    struct Section {
        /// The heading text as written, without the `#` marks.
        let heading: String
        let line: Int
        var body: [Line]
    }

    private(set) var title: Title?
    /// The lines between the title and the first section.
    private(set) var preamble: [Line] = []
    private(set) var sections: [Section] = []
    /// Whether the memo holds nothing but whitespace.
    let isBlank: Bool
    /// The line of a code fence that is never closed (everything after it is code).
    let unclosedFence: Int?

    init(_ text: String) {
        let (lines, unclosedFence) = Self.numberedLines(text)
        isBlank = lines.allSatisfy { MemoMarkdown.isBlank($0.text) }
        self.unclosedFence = unclosedFence
        for line in lines {
            place(line)
        }
    }

    private mutating func place(_ line: Line) {
        if !line.isCode, let heading = MemoMarkdown.heading(line.text), heading.level <= 2 {
            if title == nil, sections.isEmpty, heading.level == 1 {
                title = Title(text: heading.text, line: line.number)
            } else {
                sections.append(Section(heading: heading.text, line: line.number, body: []))
            }
        } else if !sections.isEmpty {
            sections[sections.count - 1].body.append(line)
        } else if title != nil {
            preamble.append(line)
        }
    }

    /// The memo's lines with code marked, and the line of a fence left open at the end.
    private static func numberedLines(_ text: String) -> ([Line], unclosedFence: Int?) {
        var fence: (Fence, line: Int)?
        var lines: [Line] = []
        for (offset, raw) in splitLines(text).enumerated() {
            let text = offset == 0 && raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : raw
            var isCode = fence != nil
            if let open = fence?.0 {
                if open.isClosed(by: text) { fence = nil }
            } else if let opening = Fence(opening: text) {
                fence = (opening, offset + 1)
                isCode = true
            }
            lines.append(Line(number: offset + 1, text: text, isCode: isCode))
        }
        return (lines, fence?.line)
    }

    /// Splits on LF, CR and CRLF by Unicode scalar (a CRLF pair is one `Character`).
    private static func splitLines(_ text: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            defer { afterCR = scalar == "\r" }
            if scalar == "\n", afterCR { continue }
            if scalar == "\n" || scalar == "\r" {
                lines.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        lines.append(String(current))
        return lines
    }
}

/// A code fence: three or more backticks or tildes.
private struct Fence {
    let marker: Character
    let length: Int

    init?(opening line: String) {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard let marker = trimmed.first, marker == "`" || marker == "~" else { return nil }
        let length = trimmed.prefix { $0 == marker }.count
        guard length >= 3 else { return nil }
        if marker == "`", trimmed.dropFirst(length).contains("`") { return nil }
        self.marker = marker
        self.length = length
    }

    func isClosed(by line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let run = trimmed.prefix { $0 == marker }.count
        return run >= length && run == trimmed.count
    }
}
