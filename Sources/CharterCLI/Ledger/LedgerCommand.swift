import ArgumentParser

struct LedgerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledger",
        abstract: "Append to, inspect, prove and verify the tamper-evident ledger.",
        discussion: "Formats of entries, proofs and checkpoints: docs/ledger.md.",
        subcommands: [
            LedgerAppend.self, LedgerShow.self, LedgerList.self, LedgerCheckpoint.self, LedgerProof.self,
            LedgerVerify.self, LedgerVerifyProof.self, LedgerVerifyConsistency.self, LedgerReplay.self,
        ]
    )
}
