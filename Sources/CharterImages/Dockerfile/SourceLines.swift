/// A Dockerfile's physical lines as Docker's scanner reads them: `\n` ends a line, a `\r` before
/// it is dropped, a UTF-8 byte order mark at the start is ignored. Lines are slices of one byte
/// array, so reading allocates nothing per line.
struct SourceLines {
    private let bytes: [UInt8]
    private var offset: Int
    /// 1-based number of the line `next()` returned last; 0 before the first.
    private(set) var lineNumber = 0

    init(_ text: String) {
        bytes = Array(text.utf8)
        offset = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    var isAtEnd: Bool { offset >= bytes.count }

    mutating func next() -> ArraySlice<UInt8>? {
        guard offset < bytes.count else { return nil }
        let start = offset
        var end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
        offset = end + 1
        if end > start && bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        lineNumber += 1
        return bytes[start..<end]
    }

    /// The line after the current one, without consuming it.
    func peek() -> ArraySlice<UInt8>? {
        var copy = self
        return copy.next()
    }
}

extension SourceLines {
    /// `line` without leading blanks (spaces, tabs and the other ASCII white space).
    static func trimmingLeadingSpace(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = line.firstIndex(where: { !DockerfileWords.isSpace($0) }) else { return line[line.endIndex...] }
        return line[first...]
    }

    /// A line whose first non-blank character is `#`.
    static func isComment(_ line: ArraySlice<UInt8>) -> Bool {
        trimmingLeadingSpace(line).first == UInt8(ascii: "#")
    }
}
