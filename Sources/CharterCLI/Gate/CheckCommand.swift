import ArgumentParser
import CharterCore
import CharterGate
import CharterLedger
import CharterStore
import CharterSecrets
import Foundation

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run every gate charter.yml configures, print one verdict, and record it in the ledger.",
        discussion: """
            The verdict is written to the ledger as a gate.verdict entry: the commit, the policy's \
            digest, counts, the fingerprints of failing findings and the waivers used. Never a \
            secret. Exits 0 on pass and 1 on fail. A gate that cannot read its input fails closed: \
            the secrets gate stops (exit 3) and records nothing; an unreadable lockfile or Dockerfile \
            fails its gate in the recorded verdict. Needs `charter init` (or --home / CHARTER_HOME) unless \
            --no-record is given. --attest FILE signs the recorded verdict as an in-toto \
            attestation (`charter verify` checks it); --require-attestation FILE fails the check \
            unless FILE attests a passing verdict for the commit, as a deploy step needs.
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: SecretsSourceOptions
    @OptionGroup var report: ReportOptions
    @OptionGroup var attestation: AttestationOptions

    @Flag(help: "Do not write the verdict to the ledger (a local dry run; CI should record).")
    var noRecord = false

    func run() throws {
        try attestation.validate(recording: !noRecord)
        let workspace = try Workspace(global)
        let ledger = noRecord ? nil : try openLedger(workspace)
        let progress = report.progressBar(json: global.json)
        let policy = try source.loadPolicy()
        if policy.deps != nil || policy.images != nil, source.git || source.staged || source.path == "-" || source.path != source.root {
            throw CLIError.usage("the dependency and images gates read a folder's working tree; run charter check on the folder (without --git, --staged, a single file or -), or switch gates.deps and gates.images off for this run's policy")
        }
        if attestation.attest != nil { try attestation.requireAttestable(source.root) }
        let secrets = try SecretsRun.perform(source, workspace: workspace, baseline: report.baseline, progress: progress, policy: policy)
        // The fingerprint key is needed only to read a gitleaks report as a baseline.
        let loadedBaseline = try report.baseline.map { path in
            try Baseline.load(path, key: { try FingerprintKey.load(file: workspace.home + "/keys/fingerprint.key", environment: ProcessInfo.processInfo.environment) })
        }
        let repository = RepositoryName.of(source.root)
        let clock = policy.deps == nil ? nil : try DepsRun.clock(repository: repository, workspace: workspace)
        let deps = try policy.deps.map { settings in
            try DepsRun.perform(root: source.root, settings: settings, waivers: policy.waivers, workspace: workspace,
                                baseline: loadedBaseline ?? Baseline(fingerprints: []), clock: clock)
        }
        let images = try policy.images.map { _ in
            try ImagesRun.perform(root: source.root, policy: policy, workspace: workspace, baseline: loadedBaseline ?? Baseline(fingerprints: []))
        }
        guard secrets != nil || deps != nil || images != nil else {
            throw CLIError.usage("charter.yml enables no gate; enable gates.secrets, gates.deps or gates.images")
        }
        let commit = GitHead.commit(of: source.root)
        let required = try attestation.requiredAttestation(commit: commit, policyDigest: policy.digest, workspace: workspace)
        let results = [required, secrets?.result, deps?.result, images?.result].compactMap { $0 }
        let verdict = Verdict(gates: results, policy: policy, commit: commit)
        if let ledger {
            let draft = try EntryDraft(
                kind: EntryKind(validating: "gate.verdict"), actor: workspace.actor,
                subject: commit ?? URL(fileURLWithPath: source.root).standardizedFileURL.lastPathComponent,
                reason: verdict.passed ? nil : verdict.gates.flatMap(\.reasons).first, payload: verdict.ledgerPayload)
            // First sightings and fixes land with the verdict, so remediation time is ledger data.
            let sightings = try deps.map { try (clock ?? RemediationClock(entries: [])).drafts(for: $0.scan.findings, actor: workspace.actor, repository: repository) } ?? []
            let entries = try ledger.append([draft] + sightings)
            Output.notice("recorded gate.verdict as ledger entry \(entries[0].index)" + (sightings.isEmpty ? "" : " with \(sightings.count) vulnerability sighting(s)"))
            if let path = try attestation.attest(verdict, entry: entries[0], waivers: policy.waivers, ledger: ledger, workspace: workspace) {
                Output.notice("signed the \(verdict.passed ? "passing" : "failing") verdict as an attestation in \(path)")
            }
        }
        if let path = report.baselineWrite {
            try ReportFile.write(try Baseline.encode((secrets?.findings ?? []) + (deps?.scan.findings ?? []) + (images?.scan.findings ?? [])), to: path)
        }
        try ReportWriter.write(verdict.gates, verdict: verdict, summary: secrets?.summary ?? deps?.scan.summary,
                               rules: (secrets?.rules ?? []) + (deps?.rules ?? []) + (images?.rules ?? []), options: report, json: global.json)
        if !verdict.passed { throw ExitCode(CharterExit.failed) }
    }

    private func openLedger(_ workspace: Workspace) throws -> Ledger {
        guard FileManager.default.fileExists(atPath: workspace.storePath) else {
            throw CLIError.usage("no Charter store at \(workspace.storePath) to record the verdict in; run `charter init` (or set CHARTER_HOME), or pass --no-record for a dry run")
        }
        return try workspace.ledger()
    }
}
