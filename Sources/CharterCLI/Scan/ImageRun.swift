import CharterCore
import CharterGate
import CharterImages
import Crypto
import Foundation

/// The gates `charter scan image` runs on an extracted image: images (its configuration and
/// base), deps (its package databases and lockfiles) and secrets (its files).
struct ImageRun {
    let results: [GateResult]
    let summary: ScanSummary
    let rules: [RuleDescriptor]

    static func perform(_ contents: ImageContents, name: String, policy: GatePolicy, workspace: Workspace) throws -> ImageRun {
        let (secrets, key) = try ImagesRun.secretsGate(policy: policy, workspace: workspace)
        let settings = policy.images ?? ImagesGatePolicy()
        let rules = BuiltImageRules(approvedBaseLayers: settings.approvedBaseLayers, disabledRules: settings.disabledRules) { text in
            "sha256:" + SHA256.hash(data: Array(text.utf8)).withUnsafeBytes { LowercaseHex.string($0) }
        }
        let probe = EngineSecretProbe(engine: secrets.scanner.engine, key: key)
        let findings = rules.findings(config: contents.config, name: name, probe: probe)
        let image = judge(findings, contents: contents, base: rules.base(of: contents.config), problems: probe.failures(), settings: settings, waivers: policy.waivers)
        let deps = try DepsRun.perform(root: contents.root, settings: policy.deps ?? DepsGatePolicy(), waivers: policy.waivers, workspace: workspace)
        // The image's own .gitignore and .charterignore must not hide its files from the scan.
        let files = try secrets.scanFolder(contents.root, readsIgnoreFiles: false)
        let descriptors = BuiltImageRules.rules.map { RuleDescriptor(id: $0.id, description: $0.title, gate: "images", securitySeverity: ImagesGate.score($0.level)) }
        return ImageRun(results: [image, deps.result, secrets.judge(files.findings, waivers: policy.waivers)], summary: files.summary,
                        rules: descriptors + deps.rules + secrets.ruleDescriptors)
    }

    /// The image gate's verdict on the configuration. An entry the extraction skipped that could
    /// hold a file (below a link, too deep, an unsupported type) fails it: the other gates never
    /// saw that file. Devices and FIFOs hold nothing to scan.
    private static func judge(_ findings: [Finding], contents: ImageContents, base: String?, problems: [String], settings: ImagesGatePolicy, waivers: [Waiver]) -> GateResult {
        let judged = GateJudge(waivers: waivers.filter { if case .rule("*", _) = $0.scope { false } else { true } }, failOn: settings.failOn, levelMeaning: "severity")
            .judge(gate: "images", findings: findings)
        var reasons = judged.reasons + problems
        if let base { reasons.append("built on the approved base \(base)") }
        let unseen = contents.oddEntries.filter { entry in
            guard entry.skipped else { return false }
            switch entry.reason {
            case .characterDevice, .blockDevice, .fifo: return false
            default: return true
            }
        }
        if !unseen.isEmpty || contents.unlistedOddEntries > 0 {
            reasons.append("\(unseen.count + contents.unlistedOddEntries) archive entr\(unseen.count + contents.unlistedOddEntries == 1 ? "y was" : "ies were") skipped, so no gate read them (first: \(unseen.first.map { "\($0.path): \($0.reason)" } ?? "beyond the first 1,000 listed"))")
        }
        let moved = contents.oddEntries.count - unseen.count
        if moved > 0 { reasons.append("\(moved) archive entr\(moved == 1 ? "y was" : "ies were") kept inside the image root or left out as devices") }
        let passed = judged.passed && problems.isEmpty && unseen.isEmpty && contents.unlistedOddEntries == 0
        return GateResult(gate: "images", passed: passed, findings: judged.findings, reasons: reasons, expiredWaivers: judged.expiredWaivers)
    }
}
