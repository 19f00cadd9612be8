import ArgumentParser
import CharterCore
import CharterLedger
import Foundation

struct LedgerShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one entry.",
        discussion: "With --json the output is exactly the entry, the file `ledger verify-proof --entry` reads."
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: "The entry's index (0 is the first).")
    var index: UInt64

    func run() throws {
        let store = try Workspace(global).openStore(readOnly: true)
        let found = try store.read { reader in
            (entry: try reader.entry(at: index), size: try reader.ledgerSize(), leaf: try reader.merkleNode(level: 0, index: index))
        }
        guard let entry = found.entry else {
            throw CLIError.usage("there is no entry \(index); the ledger holds \(found.size) entries (0…\(max(found.size, 1) - 1))")
        }
        if global.json {
            try Output.json(try entry.jsonValue())
            return
        }
        var lines = [
            "entry    \(entry.index)",
            "time     \(entry.time)",
            "kind     \(entry.kind)",
            "actor    \(entry.actor)",
            "subject  \(entry.subject)",
        ]
        if let reason = entry.reason { lines.append("reason   \(reason)") }
        lines.append("payload  \(entry.payload)")
        if let leaf = found.leaf { lines.append("leaf     \(Data(leaf).base64EncodedString())") }
        Output.text(lines.joined(separator: "\n"))
    }
}
