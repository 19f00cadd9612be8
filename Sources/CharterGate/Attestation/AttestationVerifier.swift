import CharterCore
import Foundation

/// The admission check a deploy pipeline runs on a verdict attestation, offline: a trusted
/// signature over exactly these payload bytes, the expected subject, a passing verdict under an
/// allowed policy, a fresh enough date, and ledger evidence that proves the verdict was recorded
/// in a log signed by a trusted key. It keeps checking after a failure, so a denial lists every
/// reason; the first is the most fundamental.
package struct AttestationVerifier: Sendable {
    /// What the deploy requires of the attestation.
    package struct Requirements: Sendable {
        /// The artifact being deployed: an image digest (`sha256:…`) or a commit (`gitCommit:…`).
        package var subject: SubjectDigest
        /// `sha256:<hex>` digests of the policies whose verdicts count; nil accepts any policy.
        package var allowedPolicyDigests: [String]?
        /// The oldest an attestation may be, in seconds; nil for no limit.
        package var maxAge: TimeInterval?
        package var now: Date
        /// How far in the future an attestation may be dated before its clock is distrusted.
        package var allowedClockSkew: TimeInterval

        package init(subject: SubjectDigest, allowedPolicyDigests: [String]? = nil, maxAge: TimeInterval? = nil, now: Date = Date(), allowedClockSkew: TimeInterval = 300) {
            self.subject = subject
            self.allowedPolicyDigests = allowedPolicyDigests
            self.maxAge = maxAge
            self.now = now
            self.allowedClockSkew = allowedClockSkew
        }
    }

    /// Keys trusted to sign attestations.
    package let signingKeys: [AttestationKey]
    /// Keys trusted to sign the ledger's checkpoints; usually the same key.
    package let logKeys: [AttestationKey]

    package init(signingKeys: [AttestationKey], logKeys: [AttestationKey]? = nil) {
        self.signingKeys = signingKeys
        self.logKeys = logKeys ?? signingKeys
    }

    /// Decides on the envelope in `bytes`; `source` names it in reasons.
    package func verify(envelope bytes: [UInt8], source: String, requirements: Requirements) -> AdmissionDecision {
        let envelope: DSSEEnvelope
        do {
            envelope = try DSSEEnvelope(decoding: bytes, source: source)
        } catch {
            return AdmissionDecision(reasons: ["\(error)"])
        }
        var reasons: [String] = []
        if envelope.payloadType != DSSEEnvelope.inTotoPayloadType {
            reasons.append("the payload type is \"\(envelope.payloadType)\", not \(DSSEEnvelope.inTotoPayloadType): this is not an in-toto attestation")
        }
        let signatures = SignatureCheck(keys: signingKeys).check(envelope)
        reasons += signatures.problems
        // The statement is read from the very bytes the signatures were checked over, never re-read.
        let statement: InTotoStatement
        do {
            statement = try InTotoStatement(parsing: envelope.payload, source: source)
        } catch {
            return AdmissionDecision(reasons: reasons + ["\(error)"], signedBy: signatures.verifiedBy)
        }
        reasons += Self.statementProblems(statement, requirements: requirements)
        guard statement.predicateType == VerdictPredicate.type else {
            reasons.append("the predicate type is \(statement.predicateType), not a Charter verdict (\(VerdictPredicate.type))")
            return AdmissionDecision(reasons: reasons, statement: statement, signedBy: signatures.verifiedBy)
        }
        let predicate: VerdictPredicate
        do {
            predicate = try VerdictPredicate(json: statement.predicate, source: "\(source) payload")
        } catch {
            return AdmissionDecision(reasons: reasons + ["\(error)"], statement: statement, signedBy: signatures.verifiedBy)
        }
        reasons += Self.verdictProblems(predicate, statement: statement, requirements: requirements)
        reasons += EvidenceCheck(logKeys: logKeys).problems(predicate)
        return AdmissionDecision(reasons: reasons, statement: statement, predicate: predicate, signedBy: signatures.verifiedBy)
    }

    private static func statementProblems(_ statement: InTotoStatement, requirements: Requirements) -> [String] {
        var problems: [String] = []
        if statement.type != InTotoStatement.typeV1 {
            problems.append("the statement type is \"\(statement.type)\", not \(InTotoStatement.typeV1)")
        }
        if !statement.subjects.contains(where: { $0.matches(requirements.subject) }) {
            let named = statement.subjects.flatMap { subject in subject.digest.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" } }
            problems.append("no subject is \(requirements.subject): the attestation is for \(named.isEmpty ? "nothing" : named.joined(separator: ", "))")
        }
        return problems
    }

    private static func verdictProblems(_ predicate: VerdictPredicate, statement: InTotoStatement, requirements: Requirements) -> [String] {
        var problems: [String] = []
        if !predicate.passed {
            let failed = predicate.gates.filter { !$0.passed }.map(\.name)
            problems.append("the verdict is fail" + (failed.isEmpty ? "" : " (\(failed.joined(separator: ", ")) failed)") + ": only code that passed the gates may deploy")
        }
        if let allowed = requirements.allowedPolicyDigests, !allowed.contains(where: { $0.lowercased() == predicate.policyDigest.lowercased() }) {
            problems.append("the verdict was judged under policy \(predicate.policyDigest), which is not an allowed policy (\(allowed.joined(separator: ", ")))")
        }
        if let commit = predicate.commit {
            for subject in statement.subjects {
                if let claimed = subject.digest["gitCommit"], claimed.lowercased() != commit.lowercased() {
                    problems.append("subject \"\(subject.name)\" names commit \(claimed), but the verdict was reached on commit \(commit)")
                }
            }
        }
        problems += ageProblems(predicate.created, requirements: requirements)
        return problems
    }

    private static func ageProblems(_ created: String, requirements: Requirements) -> [String] {
        guard let date = RFC3339.parse(created) else {
            return ["predicate.created \"\(created)\" is not an RFC 3339 time"]
        }
        let age = requirements.now.timeIntervalSince(date)
        if -age > requirements.allowedClockSkew {
            return ["the attestation is dated \(created), \(AgeText.describe(-age)) in the future: the signer's clock is wrong or the date was forged"]
        }
        if let maxAge = requirements.maxAge, age > maxAge {
            return ["the attestation was made \(AgeText.describe(age)) ago (\(created)); at most \(AgeText.describe(maxAge)) is allowed: run charter check again"]
        }
        return []
    }
}
