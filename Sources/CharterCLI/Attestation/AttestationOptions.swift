import ArgumentParser
import CharterCore
import CharterGate
import CharterLedger
import Foundation

/// `charter check`'s attestation options: sign the recorded verdict, or require that a valid
/// attestation exists for the commit being deployed.
struct AttestationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Sign the recorded verdict as an in-toto attestation (DSSE, Ed25519, the ledger's key) and write it to FILE.", valueName: "file"))
    var attest: String?

    @Option(name: .customLong("subject"), help: ArgumentHelp("An artifact the attestation covers besides the commit, NAME=sha256:HEX (repeatable).", valueName: "name=digest"))
    var subjects: [String] = []

    @Option(help: ArgumentHelp("Fail unless FILE is a valid attestation of a passing verdict for the commit checked (for deploy steps).", valueName: "file"))
    var requireAttestation: String?

    @Option(help: ArgumentHelp("With --require-attestation: the oldest attestation accepted, e.g. 24h or 7d.", valueName: "age"))
    var attestationMaxAge: String?

    func validate(recording: Bool) throws {
        if attest != nil, !recording {
            throw CLIError.usage("--attest signs the verdict's ledger record; it cannot be combined with --no-record")
        }
        if attest == nil, !subjects.isEmpty {
            throw CLIError.usage("--subject names what an attestation covers; add --attest FILE")
        }
        if attestationMaxAge != nil, requireAttestation == nil {
            throw CLIError.usage("--attestation-max-age goes with --require-attestation FILE")
        }
        // Before any gate runs, so a typo cannot leave a recorded verdict without its attestation.
        for subject in subjects {
            let parsed = try StatementSubject(parsing: subject)
            if parsed.digest["gitCommit"] != nil {
                throw CLIError.usage("--subject \(subject): the commit is attested from the checkout itself; --subject names artifacts, NAME=sha256:<hex>")
            }
        }
    }

    /// An attestation names the HEAD commit: the checked folder must be exactly that commit.
    func requireAttestable(_ root: String) throws {
        if let difference = GitHead.differenceFromHead(of: root) {
            throw CLIError.usage("cannot attest: \(difference)")
        }
    }

    /// The deploy check as a gate: passes only when the attestation admits `commit` under this
    /// workspace's trusted keys and was made under the policy in force (`policyDigest`); nil when
    /// no attestation is required.
    func requiredAttestation(commit: String?, policyDigest: String, workspace: Workspace) throws -> GateResult? {
        guard let path = requireAttestation else { return nil }
        guard let commit else {
            throw CLIError.usage("--require-attestation checks the attestation of the commit being deployed; run in a git checkout")
        }
        let age = try attestationMaxAge.map { text in
            guard let seconds = AgeText.parse(text) else { throw CLIError.usage("--attestation-max-age \(text) is not an age; write it like 24h, 7d or 2h30m") }
            return seconds
        }
        let keys = try workspace.keys.trustedVerifiers().map(AttestationKey.init(verifier:))
        let decision = AttestationVerifier(signingKeys: keys).verify(
            envelope: try InputFile.read(path, what: "attestation"), source: path,
            requirements: .init(subject: try SubjectDigest(algorithm: "gitCommit", hex: commit), allowedPolicyDigests: [policyDigest], maxAge: age))
        let reasons = decision.admitted ? [] : ["no valid attestation for commit \(commit) in \(path): " + decision.reasons.joined(separator: "; ")]
        return GateResult(gate: "attestation", passed: decision.admitted, findings: [], reasons: reasons, expiredWaivers: [])
    }

    /// Signs `verdict`, recorded as ledger entry `entry`, and writes the envelope: a fresh
    /// checkpoint and the entry's inclusion proof at its size go inside.
    func attest(_ verdict: Verdict, entry: LedgerEntry, waivers: [Waiver], ledger: Ledger, workspace: Workspace) throws -> String? {
        guard let path = attest else { return nil }
        let artifacts = try subjects.map { try StatementSubject(parsing: $0) }
        let signer = try workspace.keys.load()
        let stored = try ledger.checkpoint(signer: signer).checkpoint
        let proof = try ledger.inclusionProof(index: entry.index, size: stored.size)
        let attestation = try VerdictAttestation(verdict: verdict, waivers: waivers, artifacts: artifacts,
                                                 ledger: LedgerEvidence(entry: entry, proof: proof, checkpoint: stored.note),
                                                 created: Date(), toolVersion: CharterVersion.current)
        try ReportFile.write(Data(try attestation.signed(by: signer).encoded()), to: path)
        return path
    }
}
