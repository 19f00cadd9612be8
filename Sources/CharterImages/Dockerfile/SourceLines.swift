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

extension ArraySlice<UInt8> {
    /// Without leading blanks (spaces, tabs and the other ASCII white space).
    var trimmingLeadingSpace: ArraySlice<UInt8> {
        guard let first = firstIndex(where: { !DockerfileWords.isSpace($0) }) else { return self[endIndex...] }
        return self[first...]
    }

    var isComment: Bool { trimmingLeadingSpace.first == UInt8(ascii: "#") }

    var text: String { String(decoding: self, as: UTF8.self) }
}
