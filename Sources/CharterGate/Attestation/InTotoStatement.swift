import CharterCore

/// An in-toto Statement v1: what was attested (`subject`), the kind of claim (`predicateType`)
/// and the claim itself. Serialized as RFC 8785 canonical JSON, so the same statement always
/// signs to the same payload bytes.
package struct InTotoStatement: Sendable, Equatable {
    package static let typeV1 = "https://in-toto.io/Statement/v1"

    /// `_type`; anything but `typeV1` is read, then refused by the verifier with a reason.
    package let type: String
    package let subjects: [StatementSubject]
    package let predicateType: String
    package let predicate: JSONValue

    package init(subjects: [StatementSubject], predicateType: String, predicate: JSONValue, type: String = typeV1) {
        self.type = type
        self.subjects = subjects
        self.predicateType = predicateType
        self.predicate = predicate
    }

    package var jsonValue: JSONValue {
        .object([
            "_type": .string(type),
            "subject": .array(subjects.map(\.jsonValue)),
            "predicateType": .string(predicateType),
            "predicate": predicate,
        ])
    }

    /// The payload bytes of the envelope.
    package func serialized() throws -> [UInt8] {
        try CanonicalJSON.encode(jsonValue)
    }

    /// Reads a Statement from an envelope's payload. `source` names the envelope in errors.
    package init(parsing payload: [UInt8], source: String) throws {
        let document: JSONValue
        do {
            document = try JSONParser.parse(payload, source: "\(source) payload")
        } catch {
            throw GateError(.attestationMalformed, "\(error.source):\(error.line):\(error.column): the payload is not a JSON in-toto Statement: \(error.message)")
        }
        let fields = try JSONFields(document, path: "", source: "\(source) payload", expected: "an in-toto Statement")
        let subjects = try fields.array("subject").map { element in
            let subject = try JSONFields(element.value, path: element.path, source: fields.source, expected: "a subject with name and digest")
            let digest = try subject.object("digest", expected: "algorithm to hex, such as {\"sha256\": \"…\"}")
            let pairs = try digest.members.keys.sorted().map { algorithm in (algorithm, try digest.string(algorithm)) }
            return StatementSubject(name: try subject.optionalString("name") ?? "", digest: Dictionary(uniqueKeysWithValues: pairs))
        }
        let predicate = fields.members["predicate"] ?? .object([:])
        guard predicate.objectValue != nil || predicate == .null else {
            throw fields.error("predicate", "must be a JSON object")
        }
        self.init(
            subjects: subjects, predicateType: try fields.string("predicateType"),
            predicate: predicate == .null ? .object([:]) : predicate, type: try fields.string("_type"))
    }
}
