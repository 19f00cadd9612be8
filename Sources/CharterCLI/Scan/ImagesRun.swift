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

    /// `policy.images` (or the defaults) judges; the secret rules are the secrets gate's, custom
    /// rules included, whether or not that gate runs.
    static func perform(root: String, policy: GatePolicy, workspace: Workspace, baseline: Baseline = Baseline(fingerprints: [])) throws -> ImagesRun {
        let (secrets, key) = try secretsGate(policy: policy, workspace: workspace)
        let gate = try ImagesGate(settings: policy.images ?? ImagesGatePolicy(), probe: EngineSecretProbe(engine: secrets.scanner.engine, key: key))
        let scan = try gate.scan(root)
        for warning in scan.warnings { Output.notice("warning: \(warning)") }
        return ImagesRun(result: gate.judge(scan, waivers: policy.waivers, baseline: baseline), scan: scan, rules: gate.ruleDescriptors)
    }

    /// The secrets gate `policy` asks for (defaults when it is off), and the install's fingerprint
    /// key: image checks probe with its rules, custom ones included, and scan image files with it.
    static func secretsGate(policy: GatePolicy, workspace: Workspace) throws -> (gate: SecretsGate, key: FingerprintKey) {
        try InitCommand.writeGitignore(in: workspace.home)
        let environment = ProcessInfo.processInfo.environment
        let key = try FingerprintKey.load(file: workspace.home + "/keys/fingerprint.key", environment: environment)
        let policyFolder = policy.file.map { ($0 as NSString).deletingLastPathComponent } ?? "."
        let gate = try SecretsGate(settings: policy.secrets ?? SecretsGatePolicy(), policyFolder: policyFolder.isEmpty ? "." : policyFolder,
                                   builtIn: SecretCatalog.all, key: key, ruleCache: RuleDatabaseCache.standard(environment: environment, fingerprintKey: key))
        return (gate, key)
    }
}
