import CharterCore

/// Failures of the policy gate: a policy that cannot be used, input that cannot be read.
package struct GateError: CharterFailure {
    package enum Code: String, Sendable {
        case policyInvalid
        case inputUnreadable
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
        case .policyInvalid: .usage
        case .inputUnreadable: .input
        case .storage: .storage
        }
    }
}
