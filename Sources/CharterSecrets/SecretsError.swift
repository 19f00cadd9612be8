import CharterCore

/// Failures of the secret scanner.
package struct SecretsError: CharterFailure {
    package enum Code: String, Sendable {
        case patternInvalid
        case configuration
        case inputUnreadable
        case engineFailed
        case storage
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var category: FailureCategory {
        switch code {
        case .patternInvalid, .configuration: .usage
        case .inputUnreadable: .input
        case .engineFailed, .storage: .storage
        }
    }
}
