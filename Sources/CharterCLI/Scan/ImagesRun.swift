import CharterCore
import CharterGate
import CharterSecrets
import Foundation

/// One run of the images gate from the CLI: the Dockerfiles and deploy manifests under a folder,
/// checked with the secret engine as the rules' probe, and judged by the policy.
struct ImagesRun {
    let result: GateResult
    let scan: ImagesGate.Scan
    let rules: [RuleDescriptor]

    static func perform(root: String, settings: ImagesGatePolicy, waivers: [Waiver], workspace: Workspace,
                        baseline: Baseline = Baseline(fingerprints: [])) throws -> ImagesRun {
        try InitCommand.writeGitignore(in: workspace.home)
        let environment = ProcessInfo.processInfo.environment
        let key = try FingerprintKey.load(file: workspace.home + "/keys/fingerprint.key", environment: environment)
        let engine = try SecretEngine(rules: SecretCatalog.all, cache: RuleDatabaseCache.standard(environment: environment, fingerprintKey: key))
        let gate = try ImagesGate(settings: settings, probe: EngineSecretProbe(engine: engine, key: key))
        let scan = try gate.scan(root)
        for warning in scan.warnings { Output.notice("warning: \(warning)") }
        return ImagesRun(result: gate.judge(scan, waivers: waivers, baseline: baseline), scan: scan, rules: gate.ruleDescriptors)
    }
}
