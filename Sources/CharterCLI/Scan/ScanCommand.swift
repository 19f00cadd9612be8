import ArgumentParser

struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Run one scanner and report what it finds.",
        subcommands: [ScanSecrets.self, ScanDeps.self, ScanImages.self, ScanImage.self, ScanRules.self]
    )
}
