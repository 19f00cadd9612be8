import CharterCore

/// Failures of the ledger: bad requests, bad keys and notes, and verification failures.
package struct LedgerError: CharterFailure {
    package enum Code: String, Sendable {
        case proofOutOfRange
        case keyMissing
        case keyInvalid
        case keyWriteFailed
        case keyExists
        case noteMalformed
        case noteUnverified
        case proofMalformed
        case verificationFailed
        case reservedKind
        case internalInconsistency
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
        case .proofOutOfRange, .keyExists, .reservedKind: .usage
        case .keyMissing, .keyInvalid, .noteMalformed, .proofMalformed: .input
        case .noteUnverified, .verificationFailed: .verificationFailed
        case .internalInconsistency, .keyWriteFailed: .storage
        }
    }
}
