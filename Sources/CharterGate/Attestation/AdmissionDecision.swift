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
        // What a denied envelope claims is unverified: kept apart, so no one reads `"verdict": "pass"`
        // of a forged envelope as Charter's word.
        var claims: [String: JSONValue] = [:]
        if let statement {
            claims["subjects"] = .array(statement.subjects.map(\.jsonValue))
        }
        if let predicate {
            claims["verdict"] = .string(predicate.passed ? "pass" : "fail")
            claims["created"] = .string(predicate.created)
            claims["policyDigest"] = .string(predicate.policyDigest)
            claims["commit"] = predicate.commit.map(JSONValue.string) ?? .null
            claims["ledgerIndex"] = .number(Double(predicate.ledger.entry.index))
        }
        if admitted {
            members.merge(claims) { first, _ in first }
        } else if !claims.isEmpty {
            members["unverified"] = .object(claims)
        }
        return .object(members)
    }
}
