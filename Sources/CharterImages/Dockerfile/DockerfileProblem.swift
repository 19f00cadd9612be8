/// Something wrong with a Dockerfile's syntax, found while parsing. Errors are what Docker itself
/// would refuse to build (an unknown instruction, an unterminated heredoc, no `FROM`); warnings
/// build but probably not as meant (a malformed exec form that silently becomes a shell command).
package struct DockerfileProblem: Sendable, Equatable, CustomStringConvertible {
    package enum Severity: String, Sendable, Equatable {
        case error, warning
    }

    package let severity: Severity
    /// 1-based line the problem is on (where the instruction starts, for multi-line ones).
    package let line: Int
    package let message: String

    package init(_ severity: Severity, line: Int, _ message: String) {
        self.severity = severity
        self.line = line
        self.message = message
    }

    package var description: String { "line \(line): \(severity.rawValue): \(message)" }
}
