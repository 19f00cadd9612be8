import CharterCore
import Foundation

/// Verifies one entry with no database: the entry, its inclusion proof, a signed checkpoint
/// and the log's public key are all it needs. This is what an auditor runs.
package struct OfflineVerifier {
    package let verifiers: [NoteVerifier]

    package init(verifiers: [NoteVerifier]) {
        self.verifiers = verifiers
    }

    package struct Result: Sendable, Encodable {
        package var ok: Bool
        package var index: UInt64
        package var treeSize: UInt64
        package var origin: String
        package var leafHash: String
        package var rootHash: String
        package var signedBy: [String]
    }

    /// Throws `LedgerError.verificationFailed` naming the first check that fails.
    package func verify(entry: LedgerEntry, proof: InclusionProof, checkpoint noteText: String, checkpointSource: String) throws -> Result {
        let note = try SignedNote(parsing: noteText, source: checkpointSource)
        let signers: [NoteVerifier]
        switch note.verify(with: verifiers) {
        case .verified(let keys):
            signers = keys
        case .badSignature(let key):
            throw failure("the checkpoint's signature by \(key.name) does not verify: the checkpoint was forged or altered")
        case .noKnownSigner:
            let names = note.signatures.map { "\($0.name)+\(NoteKeyName.hex($0.keyID))" }.joined(separator: ", ")
            throw failure("the checkpoint is signed by \(names), none of which is the key given (\(verifiers.map(\.vkey).joined(separator: ", ")))")
        }
        let checkpoint = try Checkpoint(text: note.text, source: checkpointSource)
        guard proof.index == entry.index else {
            throw failure("the proof is for entry \(proof.index) but the entry file holds entry \(entry.index)")
        }
        guard proof.treeSize == checkpoint.size else {
            throw failure("the proof is for tree size \(proof.treeSize) but the checkpoint is for size \(checkpoint.size); create the proof with `charter ledger proof inclusion \(entry.index) --size \(checkpoint.size)`")
        }
        let leaf = MerkleHash.leaf(entry.canonicalBytes)
        guard leaf == proof.leafHash else {
            throw failure("the entry does not hash to the leaf hash in the proof: the entry was altered")
        }
        guard proof.verify(leafHash: leaf, root: checkpoint.root) else {
            throw failure("the inclusion proof does not lead from entry \(entry.index) to the checkpoint's root hash: the entry is not in this log at that size")
        }
        return Result(
            ok: true, index: entry.index, treeSize: checkpoint.size, origin: checkpoint.origin,
            leafHash: Data(leaf).base64EncodedString(), rootHash: Data(checkpoint.root).base64EncodedString(),
            signedBy: signers.map(\.vkey))
    }

    private func failure(_ message: String) -> LedgerError {
        LedgerError(.verificationFailed, message)
    }
}
