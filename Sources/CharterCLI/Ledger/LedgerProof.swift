import ArgumentParser
import CharterLedger

struct LedgerProof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proof",
        abstract: "Print RFC 9162 inclusion and consistency proofs as JSON.",
        subcommands: [Inclusion.self, Consistency.self]
    )

    struct Inclusion: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that an entry is in the ledger at a tree size.",
            discussion: """
                The tree size defaults to the newest checkpoint's, when it covers the entry, so the \
                proof verifies against that checkpoint; otherwise to the current size.
                """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The entry's index.")
        var index: UInt64

        @Option(help: "The tree size to prove against.")
        var size: UInt64?

        func run() throws {
            let ledger = try Workspace(global).ledger(readOnly: true)
            let treeSize: UInt64
            if let size {
                treeSize = size
            } else {
                let (latest, current) = try ledger.store.read { (try $0.latestCheckpoint(), try $0.ledgerSize()) }
                if let latest, latest.size > index {
                    treeSize = latest.size
                } else {
                    treeSize = current
                    Output.notice("no checkpoint covers entry \(index) yet; proving against the current size \(current) (run `charter ledger checkpoint` to sign it)")
                }
            }
            try Output.json(try ledger.inclusionProof(index: index, size: treeSize))
        }
    }

    struct Consistency: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Prove that the ledger at the second size extends the ledger at the first."
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: "The earlier tree size.")
        var first: UInt64

        @Argument(help: "The later tree size.")
        var second: UInt64

        func run() throws {
            try Output.json(try Workspace(global).ledger(readOnly: true).consistencyProof(from: first, to: second))
        }
    }
}
