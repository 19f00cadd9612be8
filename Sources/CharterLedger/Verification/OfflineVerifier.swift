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
        let (checkpoint, signers) = try authenticated(noteText, source: checkpointSource)
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

    package struct ConsistencyResult: Sendable, Encodable {
        package var ok: Bool
        package var origin: String
        package var firstSize: UInt64
        package var secondSize: UInt64
        package var firstRoot: String
        package var secondRoot: String
    }

    /// Proves that the log at `newer` extends the log at `older`: both checkpoints are signed by
    /// a trusted key for the same log, and the consistency proof leads from one root to the other.
    package func verifyConsistency(proof: ConsistencyProof, older: String, olderSource: String, newer: String, newerSource: String) throws -> ConsistencyResult {
        let first = try authenticated(older, source: olderSource).checkpoint
        let second = try authenticated(newer, source: newerSource).checkpoint
        guard first.size <= second.size else {
            throw failure("the older checkpoint (size \(first.size)) is larger than the newer one (size \(second.size)); pass them the other way round")
        }
        guard first.origin == second.origin else {
            throw failure("the checkpoints are for different logs (\(first.origin) and \(second.origin))")
        }
        guard proof.firstSize == first.size, proof.secondSize == second.size else {
            throw failure("the proof is from size \(proof.firstSize) to \(proof.secondSize) but the checkpoints are for sizes \(first.size) and \(second.size); create it with `charter ledger proof consistency \(first.size) \(second.size)`")
        }
        guard proof.verify(firstRoot: first.root, secondRoot: second.root) else {
            throw failure("the log at size \(second.size) does not extend the log at size \(first.size): history was rewritten between the two checkpoints")
        }
        return ConsistencyResult(
            ok: true, origin: first.origin, firstSize: first.size, secondSize: second.size,
            firstRoot: Data(first.root).base64EncodedString(), secondRoot: Data(second.root).base64EncodedString())
    }

    /// The checkpoint in a signed note and the trusted keys whose signatures on it verify.
    private func authenticated(_ noteText: String, source: String) throws -> (checkpoint: Checkpoint, signers: [NoteVerifier]) {
        let note = try SignedNote(parsing: noteText, source: source)
        switch note.verify(with: verifiers) {
        case .verified(let signers):
            return (try Checkpoint(text: note.text, source: source), signers)
        case .badSignature(let key):
            throw failure("\(source): the signature by \(key.name) does not verify: the checkpoint was forged or altered")
        case .noKnownSigner:
            let names = note.signatures.map { "\($0.name)+\(NoteKeyName.hex($0.keyID))" }.joined(separator: ", ")
            throw failure("\(source) is signed by \(names), none of which is the key given (\(verifiers.map(\.vkey).joined(separator: ", ")))")
        }
    }

    private func failure(_ message: String) -> LedgerError {
        LedgerError(.verificationFailed, message)
    }
}
