import CharterCore

/// One element of a Statement's `subject`: a name and a set of digests (in-toto ResourceDescriptor).
package struct StatementSubject: Sendable, Equatable {
    package let name: String
    /// Algorithm → hex, as found; matching compares hex case-insensitively.
    package let digest: [String: String]

    package init(name: String, digest: [String: String]) {
        self.name = name
        self.digest = digest
    }

    package init(name: String, digest: SubjectDigest) {
        self.init(name: name, digest: [digest.algorithm: digest.hex])
    }

    /// The subject for the commit a verdict was reached on.
    package static func commit(_ hash: String) throws -> StatementSubject {
        StatementSubject(name: "commit", digest: try SubjectDigest(algorithm: "gitCommit", hex: hash))
    }

    /// `NAME=ALGORITHM:HEX`, as `charter check --subject` takes it.
    package init(parsing text: String) throws {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw GateError(.subjectInvalid, "subject \"\(text)\" must look like NAME=sha256:<64 hex digits>, e.g. app.tar=sha256:…")
        }
        self.init(name: String(text[..<equals]), digest: try SubjectDigest(parsing: String(text[text.index(after: equals)...])))
    }

    package var jsonValue: JSONValue {
        .object(["name": .string(name), "digest": .object(digest.mapValues(JSONValue.string))])
    }

    package func matches(_ expected: SubjectDigest) -> Bool {
        digest[expected.algorithm]?.lowercased() == expected.hex
    }
}
