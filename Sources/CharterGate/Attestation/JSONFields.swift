import CharterCore

/// Reads the members of one JSON object by name. Every error names the file and the member's
/// full path (`predicate.ledger.proof`), so a hand-edited or truncated attestation says exactly
/// which field is wrong. Members nobody asks for are ignored, as DSSE and in-toto require.
struct JSONFields {
    let members: [String: JSONValue]
    /// The dotted path of this object, empty for the document itself.
    let path: String
    let source: String

    init(_ value: JSONValue, path: String, source: String, expected: String) throws {
        guard case .object(let members) = value else {
            let location = path.isEmpty ? "the document" : "field \"\(path)\""
            throw GateError(.attestationMalformed, "\(source): \(location) must be a JSON object (\(expected))")
        }
        self.members = members
        self.path = path
        self.source = source
    }

    func name(_ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    func error(_ key: String, _ problem: String) -> GateError {
        GateError(.attestationMalformed, "\(source): field \"\(name(key))\" \(problem)")
    }

    func value(_ key: String) throws -> JSONValue {
        guard let value = members[key], value != .null else { throw error(key, "is missing") }
        return value
    }

    func string(_ key: String) throws -> String {
        guard let text = try value(key).stringValue else { throw error(key, "must be a string") }
        return text
    }

    /// nil when the member is absent or null.
    func optionalString(_ key: String) throws -> String? {
        guard let value = members[key], value != .null else { return nil }
        guard let text = value.stringValue else { throw error(key, "must be a string") }
        return text
    }

    func bool(_ key: String) throws -> Bool {
        guard let flag = try value(key).boolValue else { throw error(key, "must be true or false") }
        return flag
    }

    /// A non-negative integer that JSON numbers hold exactly (below 2^53).
    func count(_ key: String) throws -> Int {
        guard let number = try value(key).doubleValue, number >= 0, number == number.rounded(), number < 9_007_199_254_740_992 else {
            throw error(key, "must be a non-negative integer")
        }
        return Int(number)
    }

    func object(_ key: String, expected: String) throws -> JSONFields {
        try JSONFields(try value(key), path: name(key), source: source, expected: expected)
    }

    /// The elements of an array member, each with its path (`subject[2]`).
    func array(_ key: String) throws -> [(path: String, value: JSONValue)] {
        guard let elements = try value(key).arrayValue else { throw error(key, "must be an array") }
        return elements.enumerated().map { ("\(name(key))[\($0.offset)]", $0.element) }
    }
}
