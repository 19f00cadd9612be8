import CharterCore
import Foundation

extension DSSEEnvelope {
    /// Larger envelopes are refused before parsing: a verdict attestation is a few kilobytes.
    package static let maximumSize = 16 << 20

    /// Reads a JSON envelope strictly: `payload`, `payloadType` and `signatures` must be present
    /// with the right types, `payload` and every `sig` must be base64 (standard or URL-safe, as
    /// DSSE allows), and duplicate member names are refused. Unknown members are ignored, as the
    /// spec requires. Errors name `source` and the field.
    package init(decoding bytes: [UInt8], source: String) throws {
        guard bytes.count <= Self.maximumSize else {
            throw GateError(.attestationMalformed, "\(source): \(bytes.count) bytes is more than a DSSE envelope may hold here (\(Self.maximumSize)); is it the right file?")
        }
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes, source: source)
        } catch {
            throw GateError(.attestationMalformed, "\(error.source):\(error.line):\(error.column): not a DSSE envelope: \(error.message)")
        }
        let envelope = try JSONFields(document, path: "", source: source, expected: "a DSSE envelope with payload, payloadType and signatures")
        let payloadType = try envelope.string("payloadType")
        guard let payload = DSSEBase64.decode(try envelope.string("payload")) else {
            throw envelope.error("payload", "is not base64 (standard or URL-safe alphabet)")
        }
        let signatures = try envelope.array("signatures").map { element in
            let signature = try JSONFields(element.value, path: element.path, source: source, expected: "a signature with sig and an optional keyid")
            guard let sig = DSSEBase64.decode(try signature.string("sig")) else {
                throw signature.error("sig", "is not base64 (standard or URL-safe alphabet)")
            }
            return DSSESignature(keyid: try signature.optionalString("keyid") ?? "", sig: sig)
        }
        self.init(payloadType: payloadType, payload: payload, signatures: signatures)
    }
}

/// Base64 as DSSE allows it: the standard or the URL-safe alphabet, padded or not, but not both
/// alphabets at once and nothing else (no whitespace, no stray characters).
enum DSSEBase64 {
    static func decode(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        let urlSafe = bytes.contains(UInt8(ascii: "-")) || bytes.contains(UInt8(ascii: "_"))
        let standard = bytes.contains(UInt8(ascii: "+")) || bytes.contains(UInt8(ascii: "/"))
        guard !(urlSafe && standard), bytes.count % 4 != 1 else { return nil }
        var normalized = bytes.map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "-"): UInt8(ascii: "+")
            case UInt8(ascii: "_"): UInt8(ascii: "/")
            default: byte
            }
        }
        if !normalized.contains(UInt8(ascii: "=")) {
            normalized += Array(repeating: UInt8(ascii: "="), count: (4 - normalized.count % 4) % 4)
        }
        return Data(base64Encoded: Data(normalized)).map(Array.init)
    }
}
