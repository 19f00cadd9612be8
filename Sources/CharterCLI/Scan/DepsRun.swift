import CharterCore
import CharterDependencies
import CharterGate
import CharterStore
import CharterStoreSQLite
import Foundation

/// One run of the dependency gate from the CLI: the inventory under a folder, the advisories
/// for its packages from the offline database, the matches, and the policy's judgement.
struct DepsRun {
    /// The remediation clock for `repository` from the store's ledger; nil when there is no store yet.
    static func clock(repository: String, workspace: Workspace) throws -> RemediationClock? {
        guard FileManager.default.fileExists(atPath: workspace.storePath) else { return nil }
        let entries = try workspace.openStore(readOnly: true).read { try $0.entries(matching: EntryQuery(kindPrefix: "deps", subject: repository)) }
        return RemediationClock(entries: entries)
    }

    let result: GateResult
    let scan: DepsGate.Scan
    let settings: DepsGatePolicy

    /// One rule per vulnerability found, for SARIF; worked out only when a report asks.
    var rules: [RuleDescriptor] {
        Dictionary(scan.matches.flatMap(\.vulnerabilities).map { ($0.id, $0) }) { first, _ in first }
            .sorted { $0.key < $1.key }
            .map { RuleDescriptor(id: $0.key, description: $0.value.summary ?? $0.key, gate: "deps", securitySeverity: Self.securitySeverity($0.value.severity, unknown: settings.unknownSeverity)) }
    }

    static func perform(root: String, settings: DepsGatePolicy, waivers: [Waiver], workspace: Workspace, baseline: Baseline = Baseline(fingerprints: []),
                        clock: RemediationClock? = nil) throws -> DepsRun {
        let started = Date()
        let database = try AdvisoryDatabase(path: workspace.advisoryDatabasePath(), create: false, compiler: DependencyTableCompiler())
        let inventory = try DepsGate.inventory(root)
        let wanted = Set(inventory.dependencies.map { AdvisoryPackage(lookup: $0.ecosystem, name: $0.name) })
        let gate = DepsGate(settings: settings, compiled: try DependencyTableCompiler.read(database.tables(for: wanted), from: database.path))
        let scan = gate.scan(inventory, started: started)
        let updated = try database.status().compactMap { RFC3339.parse($0.importedAt) }.max()
        let result = gate.judge(scan, waivers: waivers, baseline: baseline, databaseUpdated: updated, clock: clock)
        return DepsRun(result: result, scan: scan, settings: settings)
    }

    /// The CVSS score, else a score in the middle of the rating's band (code-scanning UIs band
    /// `security-severity` as CVSS does): the stated rating, or the policy's for unrated advisories.
    private static func securitySeverity(_ severity: Severity, unknown: FindingLevel) -> Double {
        if let score = severity.score { return score }
        switch severity.rating {
        case .critical: return 9.5
        case .high: return 8.0
        case .medium: return 5.5
        case .low: return 2.0
        case .some(.none): return 0.0
        case nil:
            return switch unknown {
            case .critical: 9.5
            case .high: 8.0
            case .medium: 5.5
            case .low: 2.0
            }
        }
    }
}

