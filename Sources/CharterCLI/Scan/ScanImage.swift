import ArgumentParser
import CharterCore
import CharterGate
import CharterImages
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
        if report.baseline != nil || report.baselineWrite != nil {
            throw CLIError.usage("scan image does not take baselines; waive an image's findings in charter.yml (`charter waiver add`)")
        }
        let workspace = try Workspace(global)
        let policy = try loadPolicy()
        let selection = ImageSelection(platform: try platform.map { try ImagePlatform(parsing: $0) }, reference: imageName)
        let archive = try ImageArchive(path: image, selection: selection)
        let scratch = try ImageWorkspace()
        defer { scratch.remove() }
        let contents = try archive.extract(into: scratch)
        let name = (image as NSString).lastPathComponent
        Output.notice("read \(name): \(contents.layers.count) layer(s), \(contents.counts.files) files, config \(contents.configDigest.short)")

        let run = try ImageRun.perform(contents, name: name, policy: policy, workspace: workspace)
        try ReportWriter.write(run.results, verdict: nil, summary: run.summary, rules: run.rules, options: report, json: global.json)
        if !run.results.allSatisfy(\.passed) { throw ExitCode(CharterExit.failed) }
    }

    private func loadPolicy() throws -> GatePolicy {
        guard let policy else { return try PolicyLoader.load(root: ".") }
        guard let data = FileManager.default.contents(atPath: policy) else { throw CLIError.input("\(policy): policy file cannot be read") }
        return try PolicyLoader.parse(data, file: policy)
    }
}
