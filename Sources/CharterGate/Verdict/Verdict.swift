import CharterCore
import Foundation

/// The one answer `charter check` gives: pass or fail, each gate's result, and what it was
/// judged against (the commit and the policy's digest).
package struct Verdict: Sendable, Codable, Equatable {
    package let passed: Bool
    package let gates: [GateResult]
    package let policyFile: String?
    package let policyDigest: String
    package let commit: String?

    package init(gates: [GateResult], policy: GatePolicy, commit: String?) {
        passed = gates.allSatisfy(\.passed)
        self.gates = gates
        policyFile = policy.file
        policyDigest = policy.digest
        self.commit = commit
    }

    /// The `gate.verdict` ledger payload: counts, fingerprints and waiver references. Never a
    /// secret, never a preview: the ledger is forever.
    package var ledgerPayload: JSONValue {
        var gatesMembers: [String: JSONValue] = [:]
        for gate in gates {
            let counts = gate.counts
            gatesMembers[gate.gate] = .object([
                "passed": .bool(gate.passed),
                "counts": .object([
                    "failing": .number(Double(counts.failing)),
                    "belowThreshold": .number(Double(counts.belowThreshold)),
                    "waived": .number(Double(counts.waived)),
                    "baselined": .number(Double(counts.baselined)),
                ]),
                "failing": .array(gate.findings.filter { $0.status == .failing }.map { .string($0.finding.fingerprint) }),
                "waived": .array(gate.findings.filter { $0.status == .waived }.map {
                    .object(["fingerprint": .string($0.finding.fingerprint), "waiver": .string($0.waiver ?? "")])
                }),
                "expiredWaivers": .array(gate.expiredWaivers.map { .string($0) }),
                "reasons": .array(gate.reasons.map { .string($0) }),
            ])
        }
        var members: [String: JSONValue] = [
            "verdict": .string(passed ? "pass" : "fail"),
            "policy": .object(["digest": .string(policyDigest), "file": policyFile.map { .string($0) } ?? .null]),
            "gates": .object(gatesMembers),
        ]
        members["commit"] = commit.map { .string($0) } ?? .null
        return .object(members)
    }
}
