import ArgumentParser
import CharterCore
import CharterDependencies
import Foundation

struct SBOMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sbom",
        abstract: "Write a software bill of materials of a folder's lockfiles (CycloneDX 1.6 or SPDX 2.3 JSON).",
        discussion: """
            Lists every package version the lockfiles under PATH pin (docs/dependencies.md names \
            the formats), once each, with its Package URL and the lockfile lines it is on. A \
            lockfile that cannot be read is named on standard error and the command exits 3 \
            after writing what the others hold.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "A folder or a lockfile.")
    var path: String = "."

    @Option(help: "cyclonedx or spdx.")
    var format: SBOMDocument.Format = .cyclonedx

    @Option(name: [.short, .long], help: "Write the SBOM to FILE instead of standard output.")
    var output: String?

    func run() throws {
        let inventory: DependencyInventory.Result
        do {
            inventory = try DependencyInventory(root: path).scan()
        } catch {
            throw CLIError.input(error.message)
        }
        let subject = URL(fileURLWithPath: path).standardizedFileURL.lastPathComponent
        let document = SBOMDocument(subject: subject, dependencies: inventory.dependencies, tool: ("charter", CharterVersion.current))
        let bytes = PrettyJSON.encode(document.json(format))
        if let output {
            try ReportFile.write(Data(bytes), to: output)
            Output.notice("wrote \(format.rawValue) SBOM of \(Set(inventory.dependencies.map(\.purl)).count) packages from \(inventory.lockfiles.count) lockfile(s) to \(output)")
        } else {
            FileStream.standardOutput.write(bytes)
        }
        for problem in inventory.problems {
            Output.notice("cannot read \(problem.path)\(problem.line.map { ":\($0)" } ?? ""): \(problem.message)")
        }
        if !inventory.problems.isEmpty { throw ExitCode(CharterExit.input) }
    }
}

extension SBOMDocument.Format: ExpressibleByArgument {}
