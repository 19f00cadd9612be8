import ArgumentParser
import CharterCore
import CharterLedger
import Foundation

struct LedgerVerifyProof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Verify one entry offline from its proof, a signed checkpoint and the public key.",
        discussion: """
            Needs no store: this is what an auditor runs. ENTRY is `charter ledger show N --json`, \
            PROOF is `charter ledger proof inclusion N`, CHECKPOINT is a signed note from `charter \
            ledger checkpoint`, and KEY is the vkey from `charter key export` (or a PEM public key, \
            whose name is then taken from the checkpoint's origin). Exit 0 when the entry is proven, \
            1 when any check fails, 3 when a file cannot be read.
            """
    )

    @Flag(name: .long, help: "Print machine-readable JSON instead of text.")
    var json = false

    @Option(help: ArgumentHelp("The entry as JSON.", valueName: "file"))
    var entry: String

    @Option(help: ArgumentHelp("The inclusion proof as JSON.", valueName: "file"))
    var proof: String

    @Option(help: ArgumentHelp("The signed checkpoint.", valueName: "file"))
    var checkpoint: String

    @Option(help: ArgumentHelp("The log's public key: vkey or PEM.", valueName: "file"))
    var key: String

    func run() throws {
        let entryValue = try JSONParser.parse(try InputFile.read(entry, what: "entry file"), source: entry, options: .lenient)
        let ledgerEntry = try LedgerEntry(json: entryValue, source: entry)
        let proofValue = try ProofFile.read(InclusionProof.self, at: proof, producedBy: "charter ledger proof inclusion")
        let noteText = try InputFile.readText(checkpoint, what: "checkpoint file")
        let verifier = try ProofFile.verifier(at: key, checkpoint: noteText)
        try ProofFile.report(json: json) {
            let result = try OfflineVerifier(verifiers: [verifier]).verify(entry: ledgerEntry, proof: proofValue, checkpoint: noteText, checkpointSource: checkpoint)
            if json { try Output.json(result) } else {
                Output.text("verified: entry \(result.index) is in \(result.origin) at tree size \(result.treeSize), root \(result.rootHash), signed by \(result.signedBy.joined(separator: ", "))")
            }
        }
    }
}

/// What the offline verification commands share: reading proofs and keys, and reporting a failed check.
enum ProofFile {
    static func read<Proof: Decodable>(_ type: Proof.Type, at path: String, producedBy command: String) throws -> Proof {
        do {
            return try JSONDecoder().decode(Proof.self, from: Data(try InputFile.read(path, what: "proof file")))
        } catch let error as DecodingError {
            throw CLIError.input("\(path): not a proof from `\(command)` (\(DecodingErrorText.describe(error)))")
        }
    }

    /// A vkey, or a PEM public key named by the checkpoint's origin.
    static func verifier(at path: String, checkpoint noteText: String) throws -> NoteVerifier {
        let origin = (try? Checkpoint(text: SignedNote(parsing: noteText).text))?.origin
        return try LedgerKeyFiles.readVerifier(at: path, name: origin)
    }

    /// Runs a check; a failed verification prints NOT VERIFIED (or JSON) and exits 1.
    static func report(json: Bool, _ check: () throws -> Void) throws {
        do {
            try check()
        } catch let error as LedgerError where error.code == .verificationFailed {
            if json {
                try Output.json(FailedVerification(error: error.message))
            } else {
                Output.text("NOT VERIFIED: \(error.message)")
            }
            throw ExitCode(CharterExit.failed)
        }
    }
}

struct FailedVerification: Encodable {
    var ok = false
    let error: String
}

enum DecodingErrorText {
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "field \"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: "\(error)"
        }
    }
}
