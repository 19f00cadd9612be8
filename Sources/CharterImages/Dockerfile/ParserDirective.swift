/// A parser directive from the top of the file (`# syntax=docker/dockerfile:1`, `# escape=\``).
package struct ParserDirective: Sendable, Equatable {
    /// Lowercased: directive names are case-insensitive.
    package let name: String
    package let value: String
    package let line: Int

    package init(name: String, value: String, line: Int) {
        self.name = name
        self.value = value
        self.line = line
    }

    /// The directives BuildKit knows; any other `# name=value` is a plain comment.
    static let known: Set<String> = ["syntax", "escape", "check"]
}
