import CharterCore

/// A manifest scan that could not start: its root does not exist or cannot be listed. Problems
/// inside files are `ManifestProblem`s, not errors, so one bad file never hides the others.
package struct ManifestError: CharterFailure {
    package let message: String

    package init(_ message: String) {
        self.message = message
    }

    package var category: FailureCategory { .input }
}
