import CharterCore
import CharterLedger
import Foundation

/// A DSSE v1 envelope (secure-systems-lab/dsse): a payload, its type, and signatures over the
/// pre-authentication encoding of both, so the type is signed too and nothing is canonicalized
/// before verifying.
package struct DSSEEnvelope: Sendable, Equatable {
    /// The payload type of an in-toto Statement in JSON.
    package static let inTotoPayloadType = "application/vnd.in-toto+json"

    package let payloadType: String
    package let payload: [UInt8]
    package let signatures: [DSSESignature]

    package init(payloadType: String, payload: [UInt8], signatures: [DSSESignature]) {
        self.payloadType = payloadType
        self.payload = payload
        self.signatures = signatures
    }

    /// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths in decimal bytes.
    package static func preAuthenticationEncoding(payloadType: String, payload: [UInt8]) -> [UInt8] {
        let type = Array(payloadType.utf8)
        var bytes = Array("DSSEv1 \(type.count) ".utf8)
        bytes.reserveCapacity(bytes.count + type.count + payload.count + 24)
        bytes += type
        bytes += Array(" \(payload.count) ".utf8)
        bytes += payload
        return bytes
    }

    /// The bytes every signature in this envelope signs.
    package var preAuthenticationEncoding: [UInt8] {
        Self.preAuthenticationEncoding(payloadType: payloadType, payload: payload)
    }

    /// Signs `payload` as `payloadType` with the ledger's Ed25519 key; the key id is
    /// `AttestationKey.keyID` of its public half.
    package static func sign(payload: [UInt8], payloadType: String, with signer: NoteSigner) throws -> DSSEEnvelope {
        let signature = try signer.signature(for: preAuthenticationEncoding(payloadType: payloadType, payload: payload))
        let keyID = AttestationKey(verifier: signer.verifier).keyID
        return DSSEEnvelope(payloadType: payloadType, payload: payload, signatures: [DSSESignature(keyid: keyID, sig: signature)])
    }

    /// The envelope as one line of canonical JSON (RFC 8785) and a newline, so a file of them is
    /// also an in-toto JSON Lines bundle. Base64 is the standard, padded alphabet.
    package func encoded() throws -> [UInt8] {
        let value: JSONValue = .object([
            "payloadType": .string(payloadType),
            "payload": .string(Data(payload).base64EncodedString()),
            "signatures": .array(signatures.map { signature in
                .object(["keyid": .string(signature.keyid), "sig": .string(Data(signature.sig).base64EncodedString())])
            }),
        ])
        return try CanonicalJSON.encode(value) + [UInt8(ascii: "\n")]
    }
}

/// One signature of an envelope. `keyid` is an unauthenticated hint (empty when unset) that only
/// narrows which trusted keys are tried.
package struct DSSESignature: Sendable, Equatable {
    package let keyid: String
    package let sig: [UInt8]

    package init(keyid: String, sig: [UInt8]) {
        self.keyid = keyid
        self.sig = sig
    }
}
