import CharterCore

/// What `charter verify --attestation` answers: admit, or deny with every reason found, the
/// first one being the reason to print (exit 0 admits, exit 1 denies).
package struct AdmissionDecision: Sendable, Equatable {
    /// Empty when admitted; otherwise every check that failed, most fundamental first.
    package let reasons: [String]
    /// The statement as read; authenticated only when admitted.
    package let statement: InTotoStatement?
    package let predicate: VerdictPredicate?
    /// Key ids (`AttestationKey.keyID`) of the trusted keys whose signatures verified.
    package let signedBy: [String]

    package init(reasons: [String], statement: InTotoStatement? = nil, predicate: VerdictPredicate? = nil, signedBy: [String] = []) {
        self.reasons = reasons
        self.statement = statement
        self.predicate = predicate
        self.signedBy = signedBy
    }

    package var admitted: Bool { reasons.isEmpty }

    package var primaryReason: String? { reasons.first }

    /// The decision for `--json`: what was admitted or why not, never more than the statement says.
    package var jsonValue: JSONValue {
        var members: [String: JSONValue] = [
            "admitted": .bool(admitted),
            "reasons": .array(reasons.map(JSONValue.string)),
            "signedBy": .array(signedBy.map(JSONValue.string)),
        ]
        if let statement {
            members["subjects"] = .array(statement.subjects.map(\.jsonValue))
        }
        if let predicate {
            members["verdict"] = .string(predicate.passed ? "pass" : "fail")
            members["created"] = .string(predicate.created)
            members["policyDigest"] = .string(predicate.policyDigest)
            members["commit"] = predicate.commit.map(JSONValue.string) ?? .null
            members["ledgerIndex"] = .number(Double(predicate.ledger.entry.index))
        }
        return .object(members)
    }
}
