import CharterCore

/// One finding as a gate judged it.
package struct JudgedFinding: Sendable, Codable, Equatable {
    package enum Status: String, Sendable, Codable {
        /// Counts against the gate.
        case failing
        /// Below the policy's threshold: reported, not failing.
        case belowThreshold = "below-threshold"
        /// Covered by a waiver in force.
        case waived
        /// Present in the baseline the scan was given.
        case baselined
    }

    package let finding: Finding
    package let status: Status
    /// The waiver applied, or the expired waiver that would have covered it.
    package let waiver: String?
    package let note: String?
}

/// What one gate decided and why.
package struct GateResult: Sendable, Codable, Equatable {
    package let gate: String
    package let passed: Bool
    package let findings: [JudgedFinding]
    /// Human reasons, most important first: `2 high-confidence secrets`, `waiver W-003 expired on 2026-11-01`.
    package let reasons: [String]
    /// Waivers that matched a finding but had expired.
    package let expiredWaivers: [String]

    package init(gate: String, passed: Bool, findings: [JudgedFinding], reasons: [String], expiredWaivers: [String]) {
        self.gate = gate
        self.passed = passed
        self.findings = findings
        self.reasons = reasons
        self.expiredWaivers = expiredWaivers
    }

    package struct Counts: Sendable, Codable, Equatable {
        package var failing = 0
        package var belowThreshold = 0
        package var waived = 0
        package var baselined = 0
        package var total: Int { failing + belowThreshold + waived + baselined }
    }

    package var counts: Counts {
        var counts = Counts()
        for judged in findings {
            switch judged.status {
            case .failing: counts.failing += 1
            case .belowThreshold: counts.belowThreshold += 1
            case .waived: counts.waived += 1
            case .baselined: counts.baselined += 1
            }
        }
        return counts
    }
}
