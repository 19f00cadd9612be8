import CharterCore

/// A decision memo that cannot be read into a record: which memo, which line, what is wrong and
/// what to do about it.
package struct DecisionMemoError: CharterFailure, Equatable {
    /// The memo's name as the user gave it, e.g. `memo.md`.
    package let source: String
    /// The 1-based line the problem is on, when it is on one line.
    package let line: Int?
    /// What is wrong and what to do, without the location.
    package let reason: String

    package init(source: String, line: Int? = nil, reason: String) {
        self.source = source
        self.line = line
        self.reason = reason
    }

    package var category: FailureCategory { .input }

    /// `memo.md:7: Status "Maybe" is not one of …`, or `memo.md: …` without a line.
    package var message: String { Self.located(reason, source: source, line: line) }

    /// `text` prefixed with `source:line:` the way compilers do, so editors can jump to it.
    private static func located(_ text: String, source: String, line: Int?) -> String {
        guard let line else { return "\(source): \(text)" }
        return "\(source):\(line): \(text)"
    }
}
