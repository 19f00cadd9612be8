import ArgumentParser
import CharterLedger
import CharterStore
import Foundation

struct LedgerCheckpoint: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign and store a checkpoint of the ledger's current size.",
        discussion: """
            Prints the checkpoint: a C2SP tlog-checkpoint (origin, size, root hash) in a signed note \
            (Ed25519). If the newest checkpoint already covers every entry, it is printed again \
            rather than signing the same tree head twice. --latest prints the newest without signing.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print the newest checkpoint without signing a new one.")
    var latest = false

    @Option(help: ArgumentHelp("Also write the signed note to this file.", valueName: "file"))
    var output: String?

    func run() throws {
        let workspace = try Workspace(global)
        let ledger = try workspace.ledger(readOnly: latest)
        let checkpoint: StoredCheckpoint
        var isNew = false
        if latest {
            guard let newest = try ledger.store.read({ try $0.latestCheckpoint() }) else {
                throw CLIError.usage("no checkpoint has been signed yet; run `charter ledger checkpoint`")
            }
            checkpoint = newest
        } else {
            (checkpoint, isNew) = try ledger.checkpoint(signer: try workspace.keys.load())
        }
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(checkpoint.note.utf8)) else {
                throw CLIError(category: .storage, message: "cannot write \(output)")
            }
        }
        if global.json {
            try Output.json(CheckpointOutput(
                sequence: checkpoint.sequence, size: checkpoint.size, rootHash: Data(checkpoint.root).base64EncodedString(),
                createdAt: checkpoint.createdAt, new: isNew, note: checkpoint.note))
        } else {
            if !latest && !isNew { Output.notice("no entries since checkpoint #\(checkpoint.sequence); it still stands") }
            Output.text(checkpoint.note)
        }
    }
}

struct CheckpointOutput: Encodable {
    let sequence: Int64
    let size: UInt64
    let rootHash: String
    let createdAt: String
    let new: Bool
    let note: String
}
