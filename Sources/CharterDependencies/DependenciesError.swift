import CharterCore

/// Failures of the dependency scanner: advisories and lockfiles that cannot be read or parsed.
package struct DependenciesError: CharterFailure {
    package enum Code: String, Sendable {
        /// An advisory record that is not valid OSV (named by file and field).
        case advisoryInvalid
        case inputUnreadable
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var category: FailureCategory { .input }
}
