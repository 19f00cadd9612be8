import CharterCore

/// Failures of the policy gate: a policy that cannot be used, input that cannot be read.
package struct GateError: CharterFailure {
    package enum Code: String, Sendable {
        case policyInvalid
        case inputUnreadable
        case storage
        /// An attestation envelope, statement or predicate that cannot be read.
        case attestationMalformed
        /// A subject digest that names no supported algorithm or is not hex.
        case subjectInvalid
        /// Ledger evidence whose entry, proof and checkpoint do not agree with each other or the verdict.
        case evidenceMismatch
    }

    package let code: Code
    package let message: String

    package init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    package var category: FailureCategory {
        switch code {
        case .policyInvalid, .subjectInvalid: .usage
        case .inputUnreadable, .attestationMalformed: .input
        case .storage, .evidenceMismatch: .storage
        }
    }
}
