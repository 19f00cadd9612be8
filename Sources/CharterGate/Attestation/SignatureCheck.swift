/// Checks an envelope's signatures over its pre-authentication encoding against trusted keys,
/// as DSSE's multi-signature verification does with a threshold of one, and stricter in one way:
/// a signature that names a trusted key and does not verify denies the envelope even when
/// another signature verifies, because it means the envelope was altered after signing.
struct SignatureCheck {
    static let mostSignatures = 16

    let keys: [AttestationKey]

    struct Outcome {
        /// Key ids of the trusted keys whose signatures verified.
        var verifiedBy: [String] = []
        var problems: [String] = []
    }

    func check(_ envelope: DSSEEnvelope) -> Outcome {
        var outcome = Outcome()
        guard !keys.isEmpty else {
            outcome.problems.append("no key is trusted to sign attestations: pass the signer's public key (vkey or PEM)")
            return outcome
        }
        guard !envelope.signatures.isEmpty else {
            outcome.problems.append("the envelope has no signatures")
            return outcome
        }
        // Each signature costs a verification per trusted key: an envelope cannot make that unbounded.
        guard envelope.signatures.count <= Self.mostSignatures else {
            outcome.problems.append("the envelope has \(envelope.signatures.count) signatures; at most \(Self.mostSignatures) are checked")
            return outcome
        }
        let message = envelope.preAuthenticationEncoding
        var untrusted: [String] = []
        for (offset, signature) in envelope.signatures.enumerated() {
            // The key id is an unauthenticated hint: it narrows the keys tried, never decides.
            let hinted = keys.filter { $0.keyID == signature.keyid.lowercased() }
            if let key = (hinted.isEmpty ? keys : hinted).first(where: { $0.verifies(signature.sig, over: message) }) {
                if !outcome.verifiedBy.contains(key.keyID) { outcome.verifiedBy.append(key.keyID) }
            } else if let key = hinted.first {
                outcome.problems.append("signature \(offset + 1) names trusted key \(key.keyID) but does not verify over the payload: the envelope was altered after signing, or the signature belongs to another envelope")
            } else {
                untrusted.append(signature.keyid.isEmpty ? "signature \(offset + 1) (no keyid)" : signature.keyid)
            }
        }
        if outcome.verifiedBy.isEmpty && outcome.problems.isEmpty {
            outcome.problems.append("no signature is by a trusted key (signed by \(untrusted.joined(separator: ", ")); trusted: \(keys.map(\.keyID).joined(separator: ", "))): pass the signer's public key, or this attestation was not made by your pipeline")
        }
        return outcome
    }
}
