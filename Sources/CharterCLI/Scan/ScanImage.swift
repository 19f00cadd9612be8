import ArgumentParser
import CharterCore
import CharterGate
import CharterImages
import CharterSecrets
import Crypto
import Foundation

struct ScanImage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "image",
        abstract: "Scan a built image (docker save tarball or OCI layout) without a container engine.",
        discussion: """
            Verifies every blob's digest, applies the layers into a private temporary folder \
            (removed afterwards), and runs three gates on it: images (runs as root, secrets in \
            its configuration, built on an approved base by layer digests), deps (OS packages \
            from dpkg/apk databases and application lockfiles, against the advisory database) \
            and secrets (every file). charter.yml in the current folder (or --policy) applies. \
            Exits 1 when a gate fails, 3 when the archive cannot be read or there is no \
            advisory database. docs/images.md.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A docker save tarball, or an OCI image layout folder.", valueName: "image"))
    var image: String

    @Option(help: ArgumentHelp("The platform to read from a multi-platform image, e.g. linux/arm64 (default: linux/amd64).", valueName: "os/arch"))
    var platform: String?

    @Option(name: .customLong("image-name"), help: ArgumentHelp("Which image of an archive holding several, by name (repo:tag).", valueName: "name"))
    var imageName: String?

    @Option(help: ArgumentHelp("The policy file (default: charter.yml in the current folder).", valueName: "file"))
    var policy: String?

    @OptionGroup var report: ReportOptions

    func run() throws {
        let workspace = try Workspace(global)
        let policy = try loadPolicy()
        let selection = ImageSelection(platform: try platform.map { try ImagePlatform(parsing: $0) }, reference: imageName)
        let archive = try ImageArchive(path: image, selection: selection)
        let scratch = try ImageWorkspace()
        defer { scratch.remove() }
        let contents = try archive.extract(into: scratch)
        let name = (image as NSString).lastPathComponent
        Output.notice("read \(name): \(contents.layers.count) layer(s), \(contents.counts.files) files, config \(contents.configDigest.short)")

        let environment = ProcessInfo.processInfo.environment
        try InitCommand.writeGitignore(in: workspace.home)
        let key = try FingerprintKey.load(file: workspace.home + "/keys/fingerprint.key", environment: environment)
        let cache = RuleDatabaseCache.standard(environment: environment, fingerprintKey: key)
        let secrets = try SecretsGate(settings: policy.secrets ?? SecretsGatePolicy(), policyFolder: ".", builtIn: SecretCatalog.all, key: key, ruleCache: cache)
        let settings = policy.images ?? ImagesGatePolicy()
        let rules = BuiltImageRules(approvedBaseLayers: settings.approvedBaseLayers, disabledRules: settings.disabledRules) { text in
            "sha256:" + SHA256.hash(data: Array(text.utf8)).withUnsafeBytes { LowercaseHex.string($0) }
        }
        let configFindings = rules.findings(config: contents.config, name: name, probe: EngineSecretProbe(engine: secrets.scanner.engine, key: key))
        let imageResult = Self.judge(configFindings, contents: contents, base: rules.base(of: contents.config), settings: settings, waivers: policy.waivers)

        let deps = try DepsRun.perform(root: contents.root, settings: policy.deps ?? DepsGatePolicy(), waivers: policy.waivers, workspace: workspace)
        let files = try secrets.scanFolder(contents.root)
        let secretsResult = secrets.judge(files.findings, waivers: policy.waivers)
        let results = [imageResult, deps.result, secretsResult]
        try ReportWriter.write(results, verdict: nil, summary: files.summary, rules: deps.rules + secrets.ruleDescriptors, options: report, json: global.json)
        if !results.allSatisfy(\.passed) { throw ExitCode(CharterExit.failed) }
    }

    private func loadPolicy() throws -> GatePolicy {
        guard let policy else { return try PolicyLoader.load(root: ".") }
        guard let data = FileManager.default.contents(atPath: policy) else { throw CLIError.input("\(policy): policy file cannot be read") }
        return try PolicyLoader.parse(data, file: policy)
    }

    /// The image gate's verdict on the configuration, with what the extraction had to skip or move.
    private static func judge(_ findings: [Finding], contents: ImageContents, base: String?, settings: ImagesGatePolicy, waivers: [Waiver]) -> GateResult {
        let judged = GateJudge(waivers: waivers.filter { if case .rule("*", _) = $0.scope { false } else { true } }, failOn: settings.failOn, levelMeaning: "severity")
            .judge(gate: "images", findings: findings)
        var reasons = judged.reasons
        if let base { reasons.append("built on the approved base \(base)") }
        let odd = contents.oddEntries.count + contents.unlistedOddEntries
        if odd > 0 {
            reasons.append("\(odd) archive entr\(odd == 1 ? "y was" : "ies were") skipped or kept inside the image root (first: \(contents.oddEntries.first.map { "\($0.path): \($0.reason)" } ?? "-"))")
        }
        return GateResult(gate: "images", passed: judged.passed, findings: judged.findings, reasons: reasons, expiredWaivers: judged.expiredWaivers)
    }
}
