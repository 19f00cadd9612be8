import CharterCore
import CharterDependencies
import Crypto
import Foundation

/// The dependency gate: reads a folder's lockfiles, matches every package version against the
/// advisories it is given, and judges each known vulnerability by its severity against the
/// policy's threshold and waivers. A lockfile that cannot be read fails the gate (fails closed)
/// unless the policy says to only report it.
package struct DepsGate: Sendable {
    package let settings: DepsGatePolicy
    private let index: VulnerabilityIndex

    package init(settings: DepsGatePolicy, advisories: [OSVRecord]) {
        self.settings = settings
        index = VulnerabilityIndex(advisories)
    }

    /// With the advisories compiled, as the advisory database stores them.
    package init(settings: DepsGatePolicy, compiled: [CompiledPackage]) {
        self.settings = settings
        index = VulnerabilityIndex(compiled: compiled)
    }

    /// What a scan of one folder found.
    package struct Scan: Sendable {
        package let inventory: DependencyInventory.Result
        package let matches: [DependencyMatch]
        package let findings: [Finding]
        package let summary: ScanSummary
    }

    /// The lockfiles under `root`; the caller fetches the advisories for their packages.
    package static func inventory(_ root: String) throws -> DependencyInventory.Result {
        do {
            return try DependencyInventory(root: root).scan()
        } catch {
            throw GateError(.inputUnreadable, error.message)
        }
    }

    package func scan(_ inventory: DependencyInventory.Result, started: Date = Date()) -> Scan {
        let index = index
        let matches = inventory.dependencies.concurrentMap { index.match($0) }.filter { !$0.vulnerabilities.isEmpty || !$0.undecidable.isEmpty }
        var summary = ScanSummary()
        summary.files = inventory.lockfiles.count
        summary.seconds = Date().timeIntervalSince(started)
        let gate = self
        return Scan(inventory: inventory, matches: matches, findings: matches.concurrentMap { gate.findings($0) }.flatMap { $0 }, summary: summary)
    }

    /// One finding per vulnerability of a dependency, at the lockfile line that pins it.
    func findings(_ match: DependencyMatch) -> [Finding] {
        let dependency = match.dependency
        return match.vulnerabilities.map { vulnerability in
            var notes = [match.fixedIn.map { "fixed in \($0)" } ?? "no fixed version yet"]
            if !vulnerability.aliases.isEmpty { notes.append("also " + vulnerability.aliases.joined(separator: ", ")) }
            notes.append(vulnerability.severity.rating == nil ? "no severity stated; rated \(settings.unknownSeverity.rawValue) by the policy" : "severity from " + vulnerability.severity.source)
            return Finding(
                gate: "deps", ruleID: vulnerability.id,
                title: "\(dependency.name) \(dependency.version): \(vulnerability.summary ?? vulnerability.id)",
                level: level(vulnerability.severity),
                location: SourceLocation(path: dependency.path, line: dependency.line, column: 1),
                fingerprint: Self.fingerprint(dependency, vulnerability),
                preview: "\(dependency.name)@\(dependency.version)", notes: notes)
        }
    }

    private func level(_ severity: Severity) -> FindingLevel {
        guard let rating = severity.rating else { return settings.unknownSeverity }
        switch rating {
        case .critical: return .critical
        case .high: return .high
        case .medium: return .medium
        case .low, .none: return .low
        }
    }

    /// Stable across scans and machines: the lockfile, package, version and vulnerability.
    package static func fingerprint(_ dependency: Dependency, _ vulnerability: Vulnerability) -> String {
        let identity = ["deps", dependency.path, dependency.ecosystem, dependency.name, dependency.version, vulnerability.id].joined(separator: "\u{0}")
        return "sha256:" + SHA256.hash(data: Array(identity.utf8)).withUnsafeBytes { LowercaseHex.string($0) }
    }

    /// Judges a scan: the threshold and waivers, then unreadable lockfiles and the database's age.
    package func judge(_ scan: Scan, waivers: [Waiver], baseline: Baseline = Baseline(fingerprints: []), now: Date = Date(),
                       databaseUpdated: Date?, clock: RemediationClock? = nil) -> GateResult {
        // A `rule: "*"` waiver was written for secrets (integrity hashes in lockfiles, say); it must
        // not silently waive every vulnerability in those files. Name the vulnerability or finding.
        let applicable = waivers.filter { if case .rule("*", _) = $0.scope { false } else { true } }
        let judged = GateJudge(waivers: applicable, failOn: settings.failOn, baseline: baseline, now: now, levelMeaning: "severity")
            .judge(gate: "deps", findings: scan.findings)
        var reasons = judged.reasons
        var passed = judged.passed
        for problem in scan.inventory.problems {
            reasons.append("\(problem.path)\(problem.line.map { ":\($0)" } ?? "") cannot be read: \(problem.message)")
            if settings.failOnUnreadableLockfile { passed = false }
        }
        // Past its remediation deadline, a vulnerability fails whatever the threshold, unless waived.
        if let clock, !settings.remediationDays.isEmpty {
            let overdue = judged.findings.filter { judged in
                guard judged.status != .waived, judged.status != .baselined, let days = settings.remediationDays[judged.finding.level] else { return false }
                return clock.age(of: judged.finding, now: now) > days
            }
            if !overdue.isEmpty {
                let oldest = overdue.map { ($0.finding, clock.age(of: $0.finding, now: now)) }.max { $0.1 < $1.1 }!
                reasons.append("\(overdue.count) vulnerabilit\(overdue.count == 1 ? "y is" : "ies are") past the remediation deadline (oldest: \(oldest.0.ruleID) in \(oldest.0.preview), open \(oldest.1) days, \(oldest.0.level.rawValue) allows \(settings.remediationDays[oldest.0.level]!))")
                passed = false
            }
        }
        let undecided = scan.matches.filter { !$0.undecidable.isEmpty }
        if !undecided.isEmpty {
            // Not knowing is not safe: it fails like an unreadable lockfile does.
            reasons.append("\(undecided.count) package version(s) could not be compared with some advisories (\(undecided.prefix(3).map { "\($0.dependency.name) \($0.dependency.version)" }.joined(separator: ", ")))")
            if settings.failOnUnreadableLockfile { passed = false }
        }
        if let databaseUpdated, now.timeIntervalSince(databaseUpdated) > Double(settings.maxDatabaseAgeDays) * 86_400 {
            let days = Int(now.timeIntervalSince(databaseUpdated) / 86_400)
            reasons.append("the advisory database was last updated \(days) days ago (the policy allows \(settings.maxDatabaseAgeDays)); run `charter db import` or `charter db update`")
        }
        return GateResult(gate: "deps", passed: passed, findings: judged.findings, reasons: reasons, expiredWaivers: judged.expiredWaivers)
    }
}
