import CharterCore
import CharterLedger
import Foundation

/// What proves a verdict is in the ledger without asking the ledger: the `gate.verdict` entry,
/// its RFC 9162 inclusion proof, and a checkpoint signed over the tree the proof leads to. Each
/// part is in the form `charter ledger verify-proof` reads (`--entry`, `--proof`, `--checkpoint`).
package struct LedgerEvidence: Sendable, Equatable {
    package let entry: LedgerEntry
    package let proof: InclusionProof
    /// The C2SP signed note, signature lines included.
    package let checkpoint: String

    package init(entry: LedgerEntry, proof: InclusionProof, checkpoint: String) {
        self.entry = entry
        self.proof = proof
        self.checkpoint = checkpoint
    }

    package func jsonValue() throws -> JSONValue {
        .object([
            "entry": try entry.jsonValue(),
            "proof": try JSONValue(encoding: proof),
            "checkpoint": .string(checkpoint),
        ])
    }

    init(_ fields: JSONFields) throws {
        let entryPath = fields.name("entry")
        let entry = try LedgerEntry(json: try fields.value("entry"), source: "\(fields.source): field \"\(entryPath)\"")
        let proof: InclusionProof
        do {
            proof = try fields.value("proof").decode(InclusionProof.self)
        } catch let error as DecodingError {
            throw fields.error("proof", "is not an inclusion proof as `charter ledger proof inclusion` writes it (\(Self.describe(error)))")
        }
        self.init(entry: entry, proof: proof, checkpoint: try fields.string("checkpoint"))
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "\"\(key.stringValue)\" is missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        @unknown default: "\(error)"
        }
    }
}
