/// What every module's error type exposes so the CLI can map it to an exit code in one place
/// and print a message that says what to do.
package protocol CharterFailure: Error, CustomStringConvertible {
    var category: FailureCategory { get }
    /// A human message: what went wrong, where (file, line, field), and what to do.
    var message: String { get }
}

extension CharterFailure {
    package var description: String { message }
}

/// The classes of failure the documented exit codes distinguish (see docs/exit-codes.md).
package enum FailureCategory: Sendable, Equatable {
    /// A gate failed or a verification found tampering: exit 1.
    case verificationFailed
    /// Bad usage or configuration: exit 2.
    case usage
    /// Input could not be read or parsed: exit 3.
    case input
    /// The store or the file system failed: exit 4.
    case storage
}
