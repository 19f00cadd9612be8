import CharterCore

package struct DecisionError: CharterFailure {
    package enum Code: String, Sendable {
        case notFound
        case invalid
        case forbidden
        case conflict
        case corruptLedger
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var category: FailureCategory {
        switch code {
        case .notFound, .invalid, .forbidden, .conflict: .usage
        case .corruptLedger: .storage
        }
    }
}
