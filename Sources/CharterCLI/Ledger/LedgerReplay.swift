import ArgumentParser
import CharterCore
import CharterDecisions

struct LedgerReplay: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Rebuild every projection (decision records…) from the ledger.",
        discussion: "Runs in one transaction: the projections are either fully rebuilt or left as they were."
    )

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try Workspace(global).openStore()
        let (entries, records) = try store.write { writer in
            try writer.clearProjections()
            var applied = 0
            try writer.scanEntries(from: 0) { entry, _ in
                try DecisionProjection.apply(entry, to: writer)
                applied += 1
                return true
            }
            return (applied, try writer.decisions(status: nil).count)
        }
        if global.json {
            try Output.json(["entries": entries, "decisions": records])
        } else {
            Output.text("replayed \(entries) entries: \(records) decision record(s)")
        }
    }
}
