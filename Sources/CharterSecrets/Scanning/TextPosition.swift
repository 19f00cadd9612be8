/// The 1-based line and column of a byte offset, and the byte range of its line. Columns count
/// Unicode code points, as SARIF's `unicodeCodePoints` column kind does.
struct TextPosition {
    let line: Int
    let column: Int
    let lineRange: Range<Int>

    init(of offset: Int, in bytes: UnsafeRawBufferPointer) {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        var column = 1
        for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        var lineEnd = offset
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        self.line = line
        self.column = column
        self.lineRange = lineStart..<lineEnd
    }
}
