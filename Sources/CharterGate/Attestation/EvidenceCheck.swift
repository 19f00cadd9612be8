import CharterCore
import CharterLedger

/// Checks a verdict predicate's ledger evidence offline: the entry is in a log whose checkpoint a
/// trusted key signed (entry → leaf hash → inclusion proof → signed root), and that entry is the
/// record of the very verdict the predicate states, so an attestation cannot borrow the proof of
/// another verdict.
struct EvidenceCheck {
    let logKeys: [AttestationKey]

    func problems(_ predicate: VerdictPredicate) -> [String] {
        inclusionProblems(predicate.ledger) + recordProblems(predicate)
    }

    private func inclusionProblems(_ evidence: LedgerEvidence) -> [String] {
        let source = "the ledger checkpoint (predicate.ledger.checkpoint)"
        do {
            let note = try SignedNote(parsing: evidence.checkpoint, source: source)
            let verifiers = logKeys.flatMap { $0.noteVerifiers(for: note) }
            guard !verifiers.isEmpty else {
                return ["no key is trusted to sign the ledger's checkpoints: pass the log's public key"]
            }
            _ = try OfflineVerifier(verifiers: verifiers).verify(entry: evidence.entry, proof: evidence.proof, checkpoint: evidence.checkpoint, checkpointSource: source)
            return []
        } catch let error as LedgerError {
            return ["ledger proof: \(error.message)"]
        } catch {
            return ["ledger proof: \(error)"]
        }
    }

    /// Compares the recorded `gate.verdict` payload (as `Verdict.ledgerPayload` writes it) with the predicate.
    private func recordProblems(_ predicate: VerdictPredicate) -> [String] {
        let entry = predicate.ledger.entry
        let label = "ledger entry \(entry.index)"
        guard entry.kind.rawValue == "gate.verdict" else {
            return ["\(label) is a \(entry.kind) entry, not the gate.verdict record of this verdict"]
        }
        guard let record = try? JSONParser.parse(entry.payload, source: label, options: .lenient) else {
            return ["\(label) has a payload that is not JSON"]
        }
        var problems: [String] = []
        let verdict = predicate.passed ? "pass" : "fail"
        if record["verdict"]?.stringValue != verdict {
            problems.append("\(label) records verdict \(record["verdict"]?.stringValue ?? "(none)"), but the attestation says \(verdict)")
        }
        if record["policy"]?["digest"]?.stringValue != predicate.policyDigest {
            problems.append("\(label) was judged under policy \(record["policy"]?["digest"]?.stringValue ?? "(none)"), but the attestation says \(predicate.policyDigest)")
        }
        if record["commit"]?.stringValue != predicate.commit {
            problems.append("\(label) is for commit \(record["commit"]?.stringValue ?? "(none)"), but the attestation says \(predicate.commit ?? "(none)")")
        }
        let recordedGates = record["gates"]?.objectValue ?? [:]
        if Set(recordedGates.keys) != Set(predicate.gates.map(\.name)) {
            problems.append("\(label) ran gates \(Self.list(recordedGates.keys)), but the attestation lists \(Self.list(predicate.gates.map(\.name)))")
        }
        for gate in predicate.gates {
            guard let recorded = recordedGates[gate.name] else { continue }
            if recorded["passed"]?.boolValue != gate.passed || Self.counts(recorded["counts"]) != gate.counts {
                problems.append("\(label) records another result for gate \(gate.name) than the attestation states")
            }
        }
        let recordedWaivers = Set(recordedGates.values.flatMap { $0["waived"]?.arrayValue ?? [] }.compactMap { $0["waiver"]?.stringValue })
        if recordedWaivers != Set(predicate.waivers.map(\.id)) {
            problems.append("\(label) used waivers \(Self.list(recordedWaivers)), but the attestation lists \(Self.list(predicate.waivers.map(\.id)))")
        }
        return problems
    }

    private static func list(_ names: some Collection<String>) -> String {
        names.isEmpty ? "(none)" : names.sorted().joined(separator: ", ")
    }

    private static func counts(_ value: JSONValue?) -> GateResult.Counts? {
        guard let failing = value?["failing"]?.doubleValue, let below = value?["belowThreshold"]?.doubleValue,
              let waived = value?["waived"]?.doubleValue, let baselined = value?["baselined"]?.doubleValue
        else { return nil }
        var counts = GateResult.Counts()
        counts.failing = Int(exactly: failing) ?? -1
        counts.belowThreshold = Int(exactly: below) ?? -1
        counts.waived = Int(exactly: waived) ?? -1
        counts.baselined = Int(exactly: baselined) ?? -1
        return counts
    }
}
