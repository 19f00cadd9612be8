import ArgumentParser
import CharterCore
import CharterGate
import CharterSecrets
import Foundation

/// What to scan for secrets, shared by `scan secrets` and `check`.
struct SecretsSourceOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("A folder or file to scan, or - for standard input.", valueName: "path"))
    var path: String = "."

    @Flag(help: "Scan git history: the lines every commit added, with commit, author and date.")
    var git = false

    @Option(help: ArgumentHelp("With --git: only commits after this revision (REF..HEAD).", valueName: "ref"))
    var since: String?

    @Flag(help: "Scan the lines staged for the next commit (for a pre-commit hook).")
    var staged = false

    @Option(help: ArgumentHelp("The policy file (default: charter.yml in the scanned folder).", valueName: "file"))
    var policy: String?

    @Option(help: ArgumentHelp("Skip files larger than this, e.g. 10MiB (default: charter.yml, else 10MiB).", valueName: "size"))
    var maxFileSize: String?

    func validate() throws {
        if since != nil && !git { throw ValidationError("--since needs --git") }
        if git && staged { throw ValidationError("choose --git or --staged, not both") }
        if path == "-" && (git || staged) { throw ValidationError("standard input cannot be scanned with --git or --staged") }
    }

    /// The folder whose charter.yml applies and whose repository --git reads.
    var root: String {
        var isDirectory: ObjCBool = false
        if path != "-", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return path }
        return "."
    }

    func loadPolicy() throws -> GatePolicy {
        guard let policy else { return try PolicyLoader.load(root: root) }
        guard let data = FileManager.default.contents(atPath: policy) else {
            throw CLIError.input("\(policy): policy file cannot be read")
        }
        return try PolicyLoader.parse(data, file: policy)
    }
}

/// One secrets-gate run: policy, key, rules, source, judgement.
struct SecretsRun {
    let policy: GatePolicy
    let result: GateResult
    let findings: [Finding]
    let summary: ScanSummary
    let rules: [RuleDescriptor]

    /// `policy` is the caller's, when it has loaded it already (`charter check` runs several gates).
    static func perform(_ source: SecretsSourceOptions, workspace: Workspace, baseline: String?, progress: ProgressBar?, policy loaded: GatePolicy? = nil) throws -> SecretsRun? {
        let policy = try loaded ?? source.loadPolicy()
        guard var settings = policy.secrets else { return nil }
        if let size = source.maxFileSize {
            guard let bytes = ByteSize.parse(size) else {
                throw CLIError.usage("--max-file-size: expected a size such as 10MiB or 512KiB, got \"\(size)\"")
            }
            settings.maxFileSize = bytes
        }
        try InitCommand.writeGitignore(in: workspace.home)
        let key = try FingerprintKey.load(file: workspace.home + "/keys/fingerprint.key", environment: ProcessInfo.processInfo.environment)
        let policyFolder = policy.file.map { ($0 as NSString).deletingLastPathComponent } ?? source.root
        let gate = try SecretsGate(settings: settings, policyFolder: policyFolder.isEmpty ? "." : policyFolder, builtIn: SecretCatalog.all, key: key,
            ruleCache: RuleDatabaseCache.standard(environment: ProcessInfo.processInfo.environment, fingerprintKey: key))
        let scanned: (findings: [Finding], summary: ScanSummary)
        if source.git {
            scanned = try gate.scanHistory(source.root, since: source.since)
        } else if source.staged {
            scanned = try gate.scanStaged(source.root)
        } else if source.path == "-" {
            scanned = try gate.scanStream(Array(FileHandle.standardInput.readDataToEndOfFile()))
        } else if source.root != source.path {
            guard let data = FileManager.default.contents(atPath: source.path) else {
                throw CLIError.input("\(source.path): no such file or folder, or it cannot be read")
            }
            scanned = try gate.scanFile(source.path, bytes: Array(data))
        } else {
            scanned = try gate.scanFolder(source.root) { files, bytes in progress?.update(files: files, bytes: bytes) }
            progress?.finish()
        }
        let loadedBaseline = try baseline.map { try Baseline.load($0, key: key) } ?? Baseline(fingerprints: [])
        let result = gate.judge(scanned.findings, waivers: policy.waivers, baseline: loadedBaseline)
        return SecretsRun(policy: policy, result: result, findings: scanned.findings, summary: scanned.summary, rules: gate.ruleDescriptors)
    }
}
