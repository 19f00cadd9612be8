import Foundation

/// The 1-based line and column of a byte offset, and the byte range of its line. Columns count
/// Unicode code points, as SARIF's `unicodeCodePoints` column kind does.
struct TextPosition: Equatable {
    let line: Int
    let column: Int
    let lineRange: Range<Int>
}

/// Line starts of one buffer, found once with `memchr` when the first position is asked for, so
/// a file with many findings (or one minified line with many) costs one pass, not one per finding.
struct LineIndex {
    private let bytes: UnsafeRawBufferPointer
    private var starts: [Int] = []
    private var marked: [Int: Bool] = [:]
    /// The last position asked for: findings come in order, so a column is counted on from there.
    private var last: (offset: Int, line: Int, column: Int)?

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    mutating func position(of offset: Int) -> TextPosition {
        if starts.isEmpty { starts = Self.lineStarts(bytes) }
        // The last line start at or before `offset`.
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        let lineStart = starts[low]
        let lineEnd = low + 1 < starts.count ? starts[low + 1] - 1 : bytes.count
        var column = 1
        var from = lineStart
        if let last, last.line == low + 1, last.offset <= offset {
            column = last.column
            from = last.offset
        }
        for index in from..<min(offset, bytes.count) where bytes[index] & 0xC0 != 0x80 { column += 1 }
        last = (offset, low + 1, column)
        return TextPosition(line: low + 1, column: column, lineRange: lineStart..<lineEnd)
    }

    /// Whether the line holding `position` carries an inline allow marker; each line is looked at once.
    mutating func isMarked(_ position: TextPosition) -> Bool {
        if let known = marked[position.line] { return known }
        let result = InlineAllow.isMarked(UnsafeRawBufferPointer(rebasing: bytes[position.lineRange]))
        marked[position.line] = result
        return result
    }

    private static func lineStarts(_ bytes: UnsafeRawBufferPointer) -> [Int] {
        var starts = [0]
        guard let base = bytes.baseAddress else { return starts }
        var offset = 0
        while offset < bytes.count, let found = memchr(base + offset, 0x0A, bytes.count - offset) {
            offset = base.distance(to: UnsafeRawPointer(found)) + 1
            starts.append(offset)
        }
        return starts
    }
}
