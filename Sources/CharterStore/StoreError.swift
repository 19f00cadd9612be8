import CharterCore

/// Failures of a store backend, with what to do about them.
package struct StoreError: CharterFailure {
    package enum Code: String, Sendable {
        /// No store where one was expected.
        case notFound
        /// A store already exists where a new one was asked for.
        case alreadyExists
        /// The file is not a database, or is damaged.
        case corrupt
        /// Another process holds the write lock longer than we wait.
        case locked
        /// The database was written by a newer Charter.
        case tooNew
        /// Anything else the backend reported.
        case io
    }

    package let code: Code
    package let message: String
    package let underlying: (any Error)?

    package init(_ code: Code, _ message: String, underlying: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
    }

    package var category: FailureCategory {
        switch code {
        case .notFound, .alreadyExists, .tooNew: .usage
        case .corrupt: .input
        case .locked, .io: .storage
        }
    }
}
