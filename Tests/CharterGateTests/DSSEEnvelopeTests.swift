import CharterCore
import CharterGate
import CharterLedger
import Foundation
import Testing

/// The DSSE v1 envelope: the pre-authentication encoding byte for byte as the spec defines it,
/// JSON written and read back, and strict reading that names the field at fault.
@Suite struct DSSEEnvelopeTests {
    /// The example of the DSSE protocol spec (v1.0.2, "Test Vectors").
    @Test func preAuthenticationEncodingMatchesTheSpecExample() {
        let pae = DSSEEnvelope.preAuthenticationEncoding(payloadType: "http://example.com/HelloWorld", payload: Array("hello world".utf8))
        #expect(String(decoding: pae, as: UTF8.self) == "DSSEv1 29 http://example.com/HelloWorld 11 hello world")
    }

    @Test(arguments: [
        ("", "", "DSSEv1 0  0 "),
        ("application/vnd.in-toto+json", "{}", "DSSEv1 28 application/vnd.in-toto+json 2 {}"),
        // Lengths count bytes, not characters.
        ("t\u{e9}", "\u{1F600}", "DSSEv1 3 t\u{e9} 4 \u{1F600}"),
    ])
    func lengthsAreDecimalByteCounts(type: String, body: String, expected: String) {
        let pae = DSSEEnvelope.preAuthenticationEncoding(payloadType: type, payload: Array(body.utf8))
        #expect(pae == Array(expected.utf8))
    }

    @Test func signatureCoversThePreAuthenticationEncoding() throws {
        let signer = try NoteSigner.generate(name: "ci.example.com/charter")
        let envelope = try DSSEEnvelope.sign(payload: Array("{\"a\":1}".utf8), payloadType: DSSEEnvelope.inTotoPayloadType, with: signer)
        let key = AttestationKey(verifier: signer.verifier)
        #expect(envelope.signatures.count == 1)
        #expect(envelope.signatures[0].keyid == key.keyID)
        #expect(key.verifies(envelope.signatures[0].sig, over: envelope.preAuthenticationEncoding))
        #expect(!key.verifies(envelope.signatures[0].sig, over: envelope.payload))
    }

    @Test func encodesOneCanonicalLineAndReadsItBack() throws {
        let envelope = DSSEEnvelope(
            payloadType: "application/vnd.in-toto+json", payload: Array("{\"_type\":\"x\"}".utf8),
            signatures: [DSSESignature(keyid: "k1", sig: [1, 2, 3, 250]), DSSESignature(keyid: "", sig: [9])])
        let bytes = try envelope.encoded()
        #expect(bytes.last == UInt8(ascii: "\n"))
        #expect(bytes.filter { $0 == UInt8(ascii: "\n") }.count == 1)
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"payload":"eyJfdHlwZSI6IngifQ==","payloadType":"application/vnd.in-toto+json","signatures":[{"keyid":"k1","sig":"AQID+g=="},{"keyid":"","sig":"CQ=="}]}"# + "\n")
        #expect(try DSSEEnvelope(decoding: bytes, source: "e.json") == envelope)
    }

    @Test(arguments: [
        ("AQID+g==", [1, 2, 3, 250]),
        ("AQID-g==", [1, 2, 3, 250]),
        ("AQID-g", [1, 2, 3, 250]),
        ("AQID+g", [1, 2, 3, 250]),
        ("", []),
    ] as [(String, [UInt8])])
    func readsStandardAndURLSafeBase64(text: String, bytes: [UInt8]) throws {
        let json = #"{"payload":"\#(text)","payloadType":"t","signatures":[{"sig":"\#(text)"}]}"#
        let envelope = try DSSEEnvelope(decoding: Array(json.utf8), source: "e.json")
        #expect(envelope.payload == bytes)
        #expect(envelope.signatures == [DSSESignature(keyid: "", sig: bytes)])
    }

    @Test func ignoresUnknownMembers() throws {
        let json = #"{"payload":"","payloadType":"t","signatures":[{"sig":"","keyid":"k","extension":{"a":1}}],"note":"x"}"#
        let envelope = try DSSEEnvelope(decoding: Array(json.utf8), source: "e.json")
        #expect(envelope.signatures == [DSSESignature(keyid: "k", sig: [])])
    }

    static let malformed: [(String, String)] = [
        (#"not json"#, "e.json:1:1: not a DSSE envelope"),
        (#"[1]"#, "the document must be a JSON object"),
        (#"{"payloadType":"t","signatures":[]}"#, #"field "payload" is missing"#),
        (#"{"payload":"","signatures":[]}"#, #"field "payloadType" is missing"#),
        (#"{"payload":"","payloadType":"t"}"#, #"field "signatures" is missing"#),
        (#"{"payload":7,"payloadType":"t","signatures":[]}"#, #"field "payload" must be a string"#),
        (#"{"payload":"","payloadType":["t"],"signatures":[]}"#, #"field "payloadType" must be a string"#),
        (#"{"payload":"","payloadType":"t","signatures":{}}"#, #"field "signatures" must be an array"#),
        (#"{"payload":"a b=","payloadType":"t","signatures":[]}"#, #"field "payload" is not base64"#),
        (#"{"payload":"QQ=\n","payloadType":"t","signatures":[]}"#, #"field "payload" is not base64"#),
        (#"{"payload":"A+-B","payloadType":"t","signatures":[]}"#, #"field "payload" is not base64"#),
        (#"{"payload":"QUJDR","payloadType":"t","signatures":[]}"#, #"field "payload" is not base64"#),
        (#"{"payload":"","payloadType":"t","signatures":["sig"]}"#, #"field "signatures[0]" must be a JSON object"#),
        (#"{"payload":"","payloadType":"t","signatures":[{"sig":""},{"keyid":"k"}]}"#, #"field "signatures[1].sig" is missing"#),
        (#"{"payload":"","payloadType":"t","signatures":[{"sig":"%%"}]}"#, #"field "signatures[0].sig" is not base64"#),
        (#"{"payload":"","payloadType":"t","signatures":[{"sig":"","keyid":5}]}"#, #"field "signatures[0].keyid" must be a string"#),
        (#"{"payload":"","payload":"","payloadType":"t","signatures":[]}"#, "duplicate"),
    ]

    @Test(arguments: malformed)
    func strictReadingNamesTheField(json: String, message: String) {
        #expect {
            try DSSEEnvelope(decoding: Array(json.utf8), source: "e.json")
        } throws: { error in
            guard let error = error as? GateError else { return false }
            return error.code == .attestationMalformed && error.message.contains(message) && error.message.contains("e.json")
        }
    }

    @Test func refusesOversizedInputBeforeParsing() {
        let bytes = [UInt8](repeating: UInt8(ascii: " "), count: DSSEEnvelope.maximumSize + 1)
        #expect(throws: GateError.self) { try DSSEEnvelope(decoding: bytes, source: "huge.json") }
    }
}
