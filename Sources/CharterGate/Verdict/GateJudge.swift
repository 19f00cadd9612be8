import CharterCore
import Foundation

/// Applies a policy to a gate's findings: baseline first, then waivers in force, then the
/// threshold. An expired waiver never applies; the result says it expired.
package struct GateJudge {
    package let waivers: [Waiver]
    package let failOn: Set<FindingLevel>
    package let baseline: Baseline
    package let now: Date
    /// What a finding's level measures, for the verdict's reasons: `confidence` or `severity`.
    package let levelMeaning: String

    package init(waivers: [Waiver], failOn: Set<FindingLevel>, baseline: Baseline = Baseline(fingerprints: []), now: Date = Date(), levelMeaning: String = "confidence") {
        self.waivers = waivers
        self.failOn = failOn
        self.baseline = baseline
        self.now = now
        self.levelMeaning = levelMeaning
    }

    package func judge(gate: String, findings: [Finding]) -> GateResult {
        // Findings are judged independently, a slice per core: a scan can make tens of thousands.
        let slices = stride(from: 0, to: findings.count, by: 4096).map { $0..<min($0 + 4096, findings.count) }
        let judgedSlices = slices.concurrentMap(grain: 1) { slice in judgeSlice(findings[slice]) }
        var judged: [JudgedFinding] = []
        judged.reserveCapacity(findings.count)
        var expired: [String] = []
        for slice in judgedSlices {
            judged += slice.judged
            for id in slice.expired where !expired.contains(id) { expired.append(id) }
        }
        // Counted in one pass: a scan can judge tens of thousands of findings.
        var failing: [FindingLevel: Int] = [:]
        for item in judged where item.status == .failing { failing[item.finding.level, default: 0] += 1 }
        var reasons: [String] = []
        for level in FindingLevel.allCases.reversed() {
            let count = failing[level] ?? 0
            if count > 0 { reasons.append("\(count) \(level.rawValue)-\(levelMeaning) \(count == 1 ? "finding" : "findings") not waived") }
        }
        for id in expired {
            if let waiver = waivers.first(where: { $0.id == id }) { reasons.append("waiver \(id) expired on \(waiver.expiresDay) and no longer applies") }
        }
        return GateResult(gate: gate, passed: failing.isEmpty, findings: judged, reasons: reasons, expiredWaivers: expired)
    }

    private func judgeSlice(_ findings: ArraySlice<Finding>) -> (judged: [JudgedFinding], expired: [String]) {
        var judged: [JudgedFinding] = []
        judged.reserveCapacity(findings.count)
        var expired: [String] = []
        let matchers = waivers.map { (waiver: $0, covers: $0.matcher()) }
        for finding in findings {
            let matching = matchers.isEmpty ? [] : matchers.filter { $0.covers(finding) }.map(\.waiver)
            let inForce = matching.first { !$0.isExpired(at: now) }
            let lapsed = matching.first { $0.isExpired(at: now) }
            if baseline.contains(finding) {
                judged.append(JudgedFinding(finding: finding, status: .baselined, waiver: nil, note: nil))
            } else if let inForce {
                judged.append(JudgedFinding(finding: finding, status: .waived, waiver: inForce.id, note: "waived by \(inForce.id) until \(inForce.expiresDay), approved by \(inForce.approver)"))
            } else if !failOn.contains(finding.level) {
                judged.append(JudgedFinding(finding: finding, status: .belowThreshold, waiver: lapsed?.id, note: lapsed.map { "waiver \($0.id) expired on \($0.expiresDay)" }))
            } else {
                judged.append(JudgedFinding(finding: finding, status: .failing, waiver: lapsed?.id, note: lapsed.map { "waiver \($0.id) expired on \($0.expiresDay)" }))
            }
            if let lapsed, inForce == nil, !expired.contains(lapsed.id) { expired.append(lapsed.id) }
        }
        return (judged, expired)
    }
}
