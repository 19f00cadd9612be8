import CharterCore
import CharterLedger
import Foundation

/// The in-toto Statement of a verdict `charter check` recorded, ready to sign. It checks the
/// ledger evidence against the verdict first, so Charter never signs an attestation that its
/// own verifier would deny for inconsistent evidence.
package struct VerdictAttestation: Sendable {
    package let predicate: VerdictPredicate
    package let statement: InTotoStatement

    /// - Parameters:
    ///   - artifacts: subjects besides the commit (`--subject NAME=sha256:…`); the commit the
    ///     verdict names, if any, is always the first subject.
    ///   - ledger: the verdict's `gate.verdict` entry, its inclusion proof and the checkpoint it leads to.
    package init(verdict: Verdict, waivers: [Waiver], artifacts: [StatementSubject], ledger: LedgerEvidence, created: Date, toolVersion: String) throws {
        let subjects = try (verdict.commit.map { [try StatementSubject.commit($0)] } ?? []) + artifacts
        guard !subjects.isEmpty else {
            throw GateError(.subjectInvalid, "an attestation needs a subject: run in a git checkout, or name an artifact with --subject NAME=sha256:<hex>")
        }
        try Self.check(ledger, records: verdict)
        predicate = try VerdictPredicate(verdict: verdict, waivers: waivers, ledger: ledger, created: created, toolVersion: toolVersion)
        statement = InTotoStatement(subjects: subjects, predicateType: VerdictPredicate.type, predicate: try predicate.jsonValue())
    }

    /// The DSSE envelope of the statement, signed with the ledger's key.
    package func signed(by signer: NoteSigner) throws -> DSSEEnvelope {
        try DSSEEnvelope.sign(payload: try statement.serialized(), payloadType: DSSEEnvelope.inTotoPayloadType, with: signer)
    }

    /// The entry must be this verdict's record, hash to the proof's leaf, survive the trip
    /// through JSON byte for byte, and the proof must lead to the checkpoint's root.
    private static func check(_ ledger: LedgerEvidence, records verdict: Verdict) throws {
        let entry = ledger.entry
        guard entry.kind.rawValue == "gate.verdict", entry.payload == (try CanonicalJSON.string(verdict.ledgerPayload)) else {
            throw mismatch("ledger entry \(entry.index) is not the gate.verdict record of this verdict")
        }
        guard try LedgerEntry(json: try entry.jsonValue(), source: "ledger entry \(entry.index)").canonicalBytes == entry.canonicalBytes else {
            throw mismatch("ledger entry \(entry.index) does not read back from JSON to the same bytes, so no verifier could hash it")
        }
        guard ledger.proof.index == entry.index, ledger.proof.leafHash == MerkleHash.leaf(entry.canonicalBytes) else {
            throw mismatch("the inclusion proof is for entry \(ledger.proof.index) with another leaf hash, not for entry \(entry.index)")
        }
        let checkpoint = try Checkpoint(text: try SignedNote(parsing: ledger.checkpoint, source: "the checkpoint").text)
        guard checkpoint.size == ledger.proof.treeSize, ledger.proof.verify(leafHash: ledger.proof.leafHash, root: checkpoint.root) else {
            throw mismatch("the inclusion proof (tree size \(ledger.proof.treeSize)) does not lead to the checkpoint's root (size \(checkpoint.size)); sign a checkpoint first and prove the entry at its size")
        }
    }

    private static func mismatch(_ problem: String) -> GateError {
        GateError(.evidenceMismatch, "cannot attest: \(problem); run `charter ledger verify`")
    }
}
