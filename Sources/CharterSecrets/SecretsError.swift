import CharterCore

/// Failures of the secret scanner.
package struct SecretsError: CharterFailure {
    package enum Code: String, Sendable {
        case patternInvalid
        case engineFailed
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var category: FailureCategory {
        switch code {
        case .patternInvalid: .usage
        case .engineFailed: .storage
        }
    }
}
