/// The lines of a text, lazily and without copying, each with its 1-based number; a line's
/// `\r` (CRLF files) is left on it. Manifests can be tens of megabytes, so nothing is split up
/// front.
struct ManifestLines: Sequence, IteratorProtocol {
    private let text: Substring
    private var start: Substring.Index
    private var number = 0

    init(_ text: Substring) {
        self.text = text
        start = text.startIndex
    }

    mutating func next() -> (number: Int, line: Substring)? {
        guard start < text.endIndex else { return nil }
        let end = text.utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? text.endIndex
        let line = text[start..<end]
        start = end < text.endIndex ? text.utf8.index(after: end) : end
        number += 1
        return (number, line)
    }

    /// Line `number` (1-based) of `text`, if it has that many.
    static func line(_ number: Int, of text: Substring) -> Substring? {
        ManifestLines(text).first { $0.number == number }?.line
    }

    /// The line without its leading spaces and tabs and its trailing whitespace.
    static func trimmed(_ line: Substring) -> Substring {
        let isSpace = { (character: Character) in character == " " || character == "\t" || character == "\r" }
        let leading = line.drop(while: isSpace)
        return leading[..<(leading.lastIndex { !isSpace($0) }.map(leading.index(after:)) ?? leading.startIndex)]
    }
}
