import ArgumentParser
import CharterCore
import CharterGate
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Admit or deny a deploy: check a verdict attestation offline.",
        discussion: """
            Checks that the attestation (from `charter check --attest`) is a DSSE envelope signed \
            by a trusted key, names the subject, carries a passing verdict under an allowed policy, \
            is not older than --max-age, and that its ledger proof leads to a checkpoint a trusted \
            key signed. Trusted keys are --key files (a vkey or a PEM Ed25519 public key), else \
            this workspace's ledger keys. Exits 0 to admit and 1 to deny, printing every reason; \
            2 for a malformed option, 3 when a file cannot be read. docs/attestations.md.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The attestation to check (a DSSE envelope).", valueName: "file"))
    var attestation: String

    @Option(help: ArgumentHelp("What is being deployed: sha256:HEX for an artifact, gitCommit:HEX for a commit.", valueName: "digest"))
    var subject: String

    @Option(help: ArgumentHelp("A trusted public key file, vkey or PEM (repeatable; default: this workspace's ledger keys).", valueName: "file"))
    var key: [String] = []

    @Option(help: ArgumentHelp("The oldest attestation admitted, e.g. 24h, 7d, 2h30m.", valueName: "age"))
    var maxAge: String?

    @Option(help: ArgumentHelp("An allowed policy digest, sha256:HEX (repeatable; default: any).", valueName: "digest"))
    var policyDigest: [String] = []

    func run() throws {
        let expected = try SubjectDigest(parsing: subject)
        let age = try maxAge.map { text in
            guard let seconds = AgeText.parse(text) else { throw CLIError.usage("--max-age \(text) is not an age; write it like 24h, 7d or 2h30m") }
            return seconds
        }
        let keys = try trustedKeys()
        let bytes = try InputFile.read(attestation, what: "attestation")
        let decision = AttestationVerifier(signingKeys: keys).verify(
            envelope: bytes, source: attestation,
            requirements: .init(subject: expected, allowedPolicyDigests: policyDigest.isEmpty ? nil : policyDigest, maxAge: age))
        if global.json {
            FileStream.standardOutput.write(PrettyJSON.encode(decision.jsonValue))
        } else if decision.admitted {
            Output.text("admit: \(attestation) attests a passing verdict for \(expected), signed by \(decision.signedBy.joined(separator: ", "))")
        } else {
            Output.text("deny: \(decision.reasons[0])")
            for reason in decision.reasons.dropFirst() { Output.text("  also: \(reason)") }
        }
        if !decision.admitted { throw ExitCode(CharterExit.failed) }
    }

    private func trustedKeys() throws -> [AttestationKey] {
        guard key.isEmpty else {
            return try key.map { path in try AttestationKey(text: try InputFile.readText(path, what: "key file"), source: path) }
        }
        let workspace = try Workspace(global)
        let verifiers = try workspace.keys.trustedVerifiers()
        guard !verifiers.isEmpty else {
            throw CLIError.usage("no trusted key: pass --key FILE (the signer's vkey or PEM public key, from `charter key export`), or run where the ledger's keys are")
        }
        return verifiers.map(AttestationKey.init(verifier:))
    }
}
