import CharterCore
import Foundation

/// Charter's predicate `https://charter.dev/attestation/verdict/v1` (docs/attestations.md): the
/// verdict of `charter check`, what it was judged against, the waivers it leaned on, and the
/// ledger evidence that it was recorded. Counts and waiver ids only: never a finding's value.
package struct VerdictPredicate: Sendable, Equatable {
    package static let type = "https://charter.dev/attestation/verdict/v1"

    /// One gate that ran.
    package struct Gate: Sendable, Equatable {
        package let name: String
        package let passed: Bool
        package let counts: GateResult.Counts

        package init(name: String, passed: Bool, counts: GateResult.Counts) {
            self.name = name
            self.passed = passed
            self.counts = counts
        }
    }

    /// A waiver that covered at least one finding of this verdict.
    package struct WaiverUse: Sendable, Equatable {
        package let id: String
        package let reason: String
        package let approver: String
        /// The last day it applies, `YYYY-MM-DD` (UTC).
        package let expires: String

        package init(id: String, reason: String, approver: String, expires: String) {
            self.id = id
            self.reason = reason
            self.approver = approver
            self.expires = expires
        }
    }

    package let passed: Bool
    package let gates: [Gate]
    /// `sha256:<hex>` of the policy file's bytes.
    package let policyDigest: String
    package let policyFile: String?
    package let waivers: [WaiverUse]
    package let commit: String?
    /// RFC 3339 UTC: when the attestation was made.
    package let created: String
    package let toolVersion: String
    package let ledger: LedgerEvidence

    package init(
        passed: Bool, gates: [Gate], policyDigest: String, policyFile: String?, waivers: [WaiverUse], commit: String?,
        created: String, toolVersion: String, ledger: LedgerEvidence
    ) {
        self.passed = passed
        self.gates = gates
        self.policyDigest = policyDigest
        self.policyFile = policyFile
        self.waivers = waivers
        self.commit = commit
        self.created = created
        self.toolVersion = toolVersion
        self.ledger = ledger
    }

    /// The predicate for `verdict`; `waivers` are the policy's, of which those that covered a
    /// finding are listed.
    package init(verdict: Verdict, waivers: [Waiver], ledger: LedgerEvidence, created: Date, toolVersion: String) throws {
        var usedIDs: [String] = []
        for judged in verdict.gates.flatMap(\.findings) where judged.status == .waived {
            if let id = judged.waiver, !usedIDs.contains(id) { usedIDs.append(id) }
        }
        let used = try usedIDs.map { id in
            guard let waiver = waivers.first(where: { $0.id == id }) else {
                throw GateError(.evidenceMismatch, "the verdict applied waiver \(id), which is not among the policy's waivers; attest the verdict with the policy it was judged by")
            }
            return WaiverUse(id: waiver.id, reason: waiver.reason, approver: waiver.approver, expires: waiver.expiresDay)
        }
        self.init(
            passed: verdict.passed, gates: verdict.gates.map { Gate(name: $0.gate, passed: $0.passed, counts: $0.counts) },
            policyDigest: verdict.policyDigest, policyFile: verdict.policyFile, waivers: used, commit: verdict.commit,
            created: RFC3339.format(created), toolVersion: toolVersion, ledger: ledger)
    }

    package func jsonValue() throws -> JSONValue {
        .object([
            "verdict": .string(passed ? "pass" : "fail"),
            "gates": .array(gates.map { gate in
                .object([
                    "name": .string(gate.name),
                    "passed": .bool(gate.passed),
                    "counts": .object([
                        "failing": .number(Double(gate.counts.failing)),
                        "belowThreshold": .number(Double(gate.counts.belowThreshold)),
                        "waived": .number(Double(gate.counts.waived)),
                        "baselined": .number(Double(gate.counts.baselined)),
                    ]),
                ])
            }),
            "policy": .object(["digest": .string(policyDigest), "file": policyFile.map(JSONValue.string) ?? .null]),
            "waivers": .array(waivers.map { waiver in
                .object([
                    "id": .string(waiver.id), "reason": .string(waiver.reason),
                    "approver": .string(waiver.approver), "expires": .string(waiver.expires),
                ])
            }),
            "commit": commit.map(JSONValue.string) ?? .null,
            "created": .string(created),
            "tool": .object(["name": "charter", "version": .string(toolVersion)]),
            "ledger": try ledger.jsonValue(),
        ])
    }
}
