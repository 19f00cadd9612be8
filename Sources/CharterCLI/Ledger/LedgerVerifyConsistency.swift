import ArgumentParser
import CharterLedger
import Foundation

struct LedgerVerifyConsistency: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-consistency",
        abstract: "Verify offline that a newer checkpoint extends an older one.",
        discussion: """
            Needs no store. An auditor who kept an earlier checkpoint runs this against a later one \
            and `charter ledger proof consistency OLD_SIZE NEW_SIZE`: it proves nothing recorded \
            before the older checkpoint was changed or removed since. Exit 0 when the proof holds, 1 \
            when any check fails, 3 when a file cannot be read.
            """
    )

    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    var json = false

    @Option(help: ArgumentHelp("The consistency proof as JSON.", valueName: "file"))
    var proof: String

    @Option(help: ArgumentHelp("The older signed checkpoint.", valueName: "file"))
    var old: String

    @Option(name: .customLong("new"), help: ArgumentHelp("The newer signed checkpoint.", valueName: "file"))
    var newer: String

    @Option(help: ArgumentHelp("The log's public key: vkey or PEM.", valueName: "file"))
    var key: String

    func run() throws {
        let proofValue = try ProofFile.read(ConsistencyProof.self, at: proof, producedBy: "charter ledger proof consistency")
        let olderText = try InputFile.readText(old, what: "checkpoint file")
        let newerText = try InputFile.readText(newer, what: "checkpoint file")
        let verifier = try ProofFile.verifier(at: key, checkpoint: olderText)
        try ProofFile.report(json: json) {
            let result = try OfflineVerifier(verifiers: [verifier]).verifyConsistency(
                proof: proofValue, older: olderText, olderSource: old, newer: newerText, newerSource: newer)
            if json { try Output.json(result) } else {
                Output.text("verified: \(result.origin) at size \(result.secondSize) extends its checkpoint at size \(result.firstSize)")
            }
        }
    }
}
