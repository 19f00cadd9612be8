import ArgumentParser
import CharterLedger
import Foundation

struct LedgerVerify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Recompute the whole ledger and check every checkpoint; exit 1 if anything is wrong.",
        discussion: """
            Rehashes every entry, rebuilds every stored subtree hash, and checks each stored \
            checkpoint's signature, root and order. It names the first bad entry. A modified, \
            deleted, inserted or reordered entry and a forged or rolled-back checkpoint are all \
            reported. Pass --trusted a checkpoint you kept elsewhere (an auditor's copy) to catch a \
            store that was replaced wholesale by an older or rewritten one.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("A public key to trust (vkey file); default: keys/ledger.pub and keys/retired/*.pub.", valueName: "file"))
    var key: [String] = []

    @Option(name: .long, help: ArgumentHelp("A signed checkpoint kept outside the store that this ledger must contain.", valueName: "file"))
    var trusted: [String] = []

    func run() throws {
        let workspace = try Workspace(global)
        let store = try workspace.openStore(readOnly: true)
        let verifiers = key.isEmpty ? try workspace.keys.trustedVerifiers() : try key.map { try LedgerKeyFiles.readVerifier(at: $0) }
        let notes = try trusted.map { try SignedNote(parsing: try InputFile.readText($0, what: "checkpoint"), source: $0) }
        let started = Date()
        var report = try LedgerVerifier(store: store, verifiers: verifiers).verify(trusted: notes)
        report.integrityProblems = try store.quickCheck()
        if global.json {
            try Output.json(report)
        } else if report.ok {
            let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
            Output.text("ok: \(report.size) entries, root \(report.rootHash), \(report.checkpointsChecked) checkpoint(s) verified (\(seconds) s)")
        } else {
            var lines = ["FAILED: the ledger does not verify"]
            if let first = report.firstBadIndex { lines.append("first bad entry: \(first)") }
            lines += report.problems.map { "  - \($0.message)" }
            if report.problemsNotListed > 0 { lines.append("  … and \(report.problemsNotListed) more") }
            lines += report.integrityProblems.map { "  - SQLite integrity check: \($0)" }
            Output.text(lines.joined(separator: "\n"))
        }
        if !report.ok { throw ExitCode(CharterExit.failed) }
    }
}
