import ArgumentParser
import CharterCore
import CharterGate
import CharterSecrets
import Foundation

struct ScanSecrets: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "secrets",
        abstract: "Find secrets in a folder, a git history, staged changes or standard input.",
        discussion: """
            Honours .gitignore and .charterignore, skips binaries and files over the size limit, \
            and never follows a symlink out of the folder. Findings show a keyed fingerprint and \
            a redacted preview (at most the first 4 characters and the length), never the secret. \
            charter.yml in the folder sets the threshold, allowlists, imported gitleaks rules and \
            waivers (docs/policy.md). Exits 1 when a finding fails the policy, 3 when the input \
            cannot be read (a bad revision, a shallow clone hiding the range).
            """
    )

    @OptionGroup var global: GlobalOptions
    @OptionGroup var source: SecretsSourceOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        let workspace = try Workspace(global)
        let progress = report.progressBar(json: global.json)
        guard let run = try SecretsRun.perform(source, workspace: workspace, baseline: report.baseline, progress: progress) else {
            throw CLIError.usage("the secrets gate is disabled in charter.yml (gates.secrets); enable it to scan")
        }
        if let path = report.baselineWrite {
            try ReportFile.write(try Baseline.encode(run.findings), to: path)
            Output.notice("wrote \(Set(run.findings.map(\.fingerprint)).count) fingerprints to \(path)")
        }
        try ReportWriter.write([run.result], verdict: nil, summary: run.summary, rules: run.rules, options: report, json: global.json)
        if !run.result.passed { throw ExitCode(CharterExit.failed) }
    }
}

struct ScanRules: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the built-in secret rules."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let rules = SecretCatalog.all
        if global.json {
            try Output.json(rules.map { RuleListing(id: $0.id, description: $0.description, confidence: $0.confidence.rawValue, keywords: $0.keywords) })
        } else {
            let rows = rules.map { [$0.id, $0.confidence.rawValue, $0.description] }
            Output.text(TextTable.render(header: ["RULE", "CONFIDENCE", "DESCRIPTION"], rows: rows) + "\n\(rules.count) rules")
        }
    }

    private struct RuleListing: Encodable {
        let id: String
        let description: String
        let confidence: String
        let keywords: [String]
    }
}
