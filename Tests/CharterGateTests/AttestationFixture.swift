import CharterCore
import CharterGate
import CharterLedger
import CharterTestSupport
import Foundation
import Testing

/// A verdict recorded in a small ledger (other entries before and after it), its inclusion proof
/// and a checkpoint signed over the whole tree, with the keys that sign them. Nothing here looks
/// like a real secret: findings come from `GateFixtures`.
struct AttestationFixture {
    typealias F = GateFixtures

    static let commit = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
    static let imageHex = String(repeating: "ab", count: 31) + "0f"
    static let created = F.day("2026-02-01T12:00:00Z")
    static let waivers = [F.waiver("W-001", .fingerprint(F.fingerprint(1)), expires: "2026-03-31", approver: "bob@example.com", reason: "fixture token, rotated")]
    static let policy = GatePolicy(
        file: "charter.yml", digest: "sha256:" + String(repeating: "d1", count: 32), secrets: SecretsGatePolicy(), waivers: waivers, maxWaiverDays: 90)

    /// Signs attestations.
    let signer: NoteSigner
    /// Signs the ledger's checkpoints; the same key unless a test separates them.
    let logSigner: NoteSigner
    let verdict: Verdict
    let entries: [LedgerEntry]
    let evidence: LedgerEvidence

    /// - Parameters:
    ///   - passing: whether the secrets gate passes (a waived high finding and a low one) or
    ///     also holds an unwaived high finding.
    ///   - position: where the verdict's entry sits among `size` entries.
    init(passing: Bool = true, position: Int = 5, size: Int = 8, signer: NoteSigner? = nil, logSigner: NoteSigner? = nil) throws {
        let signer = try signer ?? NoteSigner.generate(name: "ci.example.com/charter")
        self.signer = signer
        self.logSigner = logSigner ?? signer
        var findings = [F.finding(1, level: .high), F.finding(2, level: .low)]
        if !passing { findings.append(F.finding(3, path: "src/leak.env", level: .high)) }
        let judge = GateJudge(waivers: Self.waivers, failOn: [.medium, .high], now: Self.created)
        let verdict = Verdict(
            gates: [judge.judge(gate: "secrets", findings: findings), GateJudge(waivers: [], failOn: [.high]).judge(gate: "deps", findings: [])],
            policy: Self.policy, commit: Self.commit)
        let record = try CanonicalJSON.string(verdict.ledgerPayload)
        let entries = try (0..<size).map { index in
            index == position
                ? LedgerEntry(index: UInt64(index), time: "2026-02-01T11:59:30.000Z", kind: try EntryKind(validating: "gate.verdict"),
                              actor: "ci@example.com", subject: Self.commit, reason: nil, payload: record)
                : LedgerEntry(index: UInt64(index), time: "2026-02-01T10:00:00.000Z", kind: try EntryKind(validating: "custom.note"),
                              actor: "ops@example.com", subject: "note \(index)", reason: nil, payload: #"{"n":\#(index)}"#)
        }
        self.verdict = verdict
        self.entries = entries
        evidence = try Self.evidence(for: position, in: entries, signedBy: self.logSigner)
    }

    /// The entry at `index`, its proof and a checkpoint over all of `entries`.
    static func evidence(for index: Int, in entries: [LedgerEntry], signedBy signer: NoteSigner) throws -> LedgerEvidence {
        let tree = InMemoryTree(leaves: entries.map { MerkleHash.leaf($0.canonicalBytes) })
        let size = UInt64(entries.count)
        let root = tree.root(0..<entries.count)
        var merkle = MerkleTree { level, index in tree.node(level: level, index: index) }
        let hashes = try merkle.inclusionProof(index: UInt64(index), size: size)
        let proof = try inclusionProof(index: UInt64(index), treeSize: size, leafHash: tree.leaves[index], hashes: hashes, root: root)
        let note = try SignedNote.sign(Checkpoint(origin: signer.name, size: size, root: root).text, with: signer)
        return LedgerEvidence(entry: entries[index], proof: proof, checkpoint: note.serialized)
    }

    /// An inclusion proof through its documented JSON form (the only way to make one outside the ledger).
    static func inclusionProof(index: UInt64, treeSize: UInt64, leafHash: [UInt8], hashes: [[UInt8]], root: [UInt8]) throws -> InclusionProof {
        let json: JSONValue = [
            "type": "inclusion", "index": .number(Double(index)), "treeSize": .number(Double(treeSize)),
            "leafHash": .string(Data(leafHash).base64EncodedString()),
            "hashes": .array(hashes.map { .string(Data($0).base64EncodedString()) }),
            "rootHash": .string(Data(root).base64EncodedString()),
        ]
        return try json.decode(InclusionProof.self)
    }

    static var image: SubjectDigest {
        get throws { try SubjectDigest(algorithm: "sha256", hex: imageHex) }
    }

    func attestation(created: Date = created, evidence: LedgerEvidence? = nil) throws -> VerdictAttestation {
        try VerdictAttestation(
            verdict: verdict, waivers: Self.waivers, artifacts: [StatementSubject(name: "app.tar", digest: try Self.image)],
            ledger: evidence ?? self.evidence, created: created, toolVersion: "0.5.0")
    }

    func envelope(created: Date = created) throws -> DSSEEnvelope {
        try attestation(created: created).signed(by: signer)
    }

    /// The statement with its predicate changed at `path` (`["ledger", "proof", "hashes"]`), signed
    /// again by the trusted key: what a compromised or buggy pipeline could produce.
    func resigned(_ path: [String], _ change: (JSONValue) throws -> JSONValue, by key: NoteSigner? = nil) throws -> [UInt8] {
        let statement = try attestation().statement
        let altered = InTotoStatement(subjects: statement.subjects, predicateType: statement.predicateType, predicate: try Self.replacing(path, in: statement.predicate, change))
        return try DSSEEnvelope.sign(payload: try altered.serialized(), payloadType: DSSEEnvelope.inTotoPayloadType, with: key ?? signer).encoded()
    }

    static func replacing(_ path: [String], in value: JSONValue, _ change: (JSONValue) throws -> JSONValue) rethrows -> JSONValue {
        guard let key = path.first else { return try change(value) }
        switch value {
        case .object(var members):
            members[key] = try replacing(Array(path.dropFirst()), in: members[key] ?? .null, change)
            return .object(members)
        case .array(var elements):
            guard let index = Int(key), elements.indices.contains(index) else { return value }
            elements[index] = try replacing(Array(path.dropFirst()), in: elements[index], change)
            return .array(elements)
        default:
            return value
        }
    }

    func verifier(logKeys: [AttestationKey]? = nil) -> AttestationVerifier {
        AttestationVerifier(signingKeys: [AttestationKey(verifier: signer.verifier)], logKeys: logKeys)
    }

    static func requirements(
        subject: SubjectDigest? = nil, policies: [String]? = nil, maxAge: TimeInterval? = 86_400, now: Date = created.addingTimeInterval(600)
    ) throws -> AttestationVerifier.Requirements {
        AttestationVerifier.Requirements(subject: try subject ?? image, allowedPolicyDigests: policies, maxAge: maxAge, now: now)
    }

    func decide(_ bytes: [UInt8], _ requirements: AttestationVerifier.Requirements? = nil, logKeys: [AttestationKey]? = nil) throws -> AdmissionDecision {
        verifier(logKeys: logKeys).verify(envelope: bytes, source: "attestation.json", requirements: try requirements ?? Self.requirements())
    }
}
