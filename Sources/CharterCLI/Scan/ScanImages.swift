import ArgumentParser
import CharterCore
import CharterGate
import CharterSecrets
import Foundation

struct ScanImages: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images",
        abstract: "Check Dockerfiles and the images deploy manifests name against the base-image policy and the Dockerfile rules.",
        discussion: """
            Reads every Dockerfile (Dockerfile, Containerfile, Dockerfile.*, *.Dockerfile), \
            Kubernetes manifest and Compose file under the path. Base images must be approved \
            (charter.yml gates.images.approved-bases), pinned by digest and not float on latest; \
            37 Dockerfile rules cover running as root, secrets, remote downloads, copied keys and \
            package hygiene (docs/images.md). Exits 1 when a finding at or above the threshold is \
            not waived, or a file cannot be fully read; 3 when the path does not exist.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A folder, a Dockerfile or a manifest.")
    var path: String = "."

    @OptionGroup var report: ReportOptions

    func run() throws {
        let workspace = try Workspace(global)
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        let root = exists && !isFolder.boolValue ? (path as NSString).deletingLastPathComponent : path
        let policy = try PolicyLoader.load(root: root.isEmpty ? "." : root)
        let baseline = try report.baseline.map { path in
            try Baseline.load(path, key: { try FingerprintKey.load(file: workspace.home + "/keys/fingerprint.key", environment: ProcessInfo.processInfo.environment) })
        } ?? Baseline(fingerprints: [])
        let run = try ImagesRun.perform(root: path, policy: policy, workspace: workspace, baseline: baseline)
        if let path = report.baselineWrite {
            try ReportFile.write(try Baseline.encode(run.scan.findings), to: path)
        }
        try ReportWriter.write([run.result], verdict: nil, summary: run.scan.summary, rules: run.rules, options: report, json: global.json)
        if !run.result.passed { throw ExitCode(CharterExit.failed) }
    }
}
