/// Why a JSON document could not be parsed, and where.
///
/// `line` and `column` are 1-based; the column counts Unicode scalars, not bytes,
/// so it matches what an editor shows.
package struct JSONParseError: Error, Equatable, CustomStringConvertible {
    /// A file name or other label for the input, e.g. `"<stdin>"`.
    package var source: String
    package var line: Int
    package var column: Int
    package var message: String

    package init(source: String, line: Int, column: Int, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.message = message
    }

    package var description: String { "\(source):\(line):\(column): \(message)" }
}

extension JSONParseError: CharterFailure {
    package var category: FailureCategory { .input }
}
