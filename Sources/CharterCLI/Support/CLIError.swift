import CharterCore

/// Errors the command layer itself raises (bad flag combinations, unreadable files).
struct CLIError: CharterFailure {
    let category: FailureCategory
    let message: String

    static func usage(_ message: String) -> CLIError { CLIError(category: .usage, message: message) }
    static func input(_ message: String) -> CLIError { CLIError(category: .input, message: message) }
    static func failed(_ message: String) -> CLIError { CLIError(category: .verificationFailed, message: message) }
}
