import CharterCore

/// Typed reads of one JSON object in an index, manifest or config. A field of the wrong type is
/// an error naming the file and the field's path; `null` reads as absent, as Docker writes it.
struct JSONFields {
    let members: [String: JSONValue]
    /// The file the object came from, for messages.
    let source: String
    /// The object's own path within the document (`config`, `manifests[2]`), empty at the top.
    let path: String

    init(_ value: JSONValue, source: String, path: String = "") throws(ImageArchiveError) {
        guard let members = value.objectValue else {
            throw ImageArchiveError(.malformed, "\(source): \(path.isEmpty ? "the document" : path) is not a JSON object")
        }
        self.members = members
        self.source = source
        self.path = path
    }

    /// Parses a whole document that must be an object.
    static func parse(_ bytes: [UInt8], source: String) throws(ImageArchiveError) -> JSONFields {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes, source: source, options: .lenient)
        } catch {
            throw ImageArchiveError(.malformed, "\(error.description): the file is not valid JSON")
        }
        return try JSONFields(value, source: source)
    }

    func field(_ key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    private func value(_ key: String) -> JSONValue? {
        guard let value = members[key], value != .null else { return nil }
        return value
    }

    private func wrongType(_ key: String, _ expected: String) -> ImageArchiveError {
        ImageArchiveError(.malformed, "\(source): \(field(key)) is not \(expected)")
    }

    func string(_ key: String) throws(ImageArchiveError) -> String? {
        guard let value = value(key) else { return nil }
        guard let text = value.stringValue else { throw wrongType(key, "a string") }
        return text
    }

    func requiredString(_ key: String) throws(ImageArchiveError) -> String {
        guard let text = try string(key) else {
            throw ImageArchiveError(.malformed, "\(source): \(field(key)) is missing")
        }
        return text
    }

    /// A non-negative integer (sizes, schema versions).
    func count(_ key: String) throws(ImageArchiveError) -> Int? {
        guard let value = value(key) else { return nil }
        guard let number = value.doubleValue, number >= 0, number <= 9_007_199_254_740_992, number.rounded() == number else {
            throw wrongType(key, "a non-negative integer")
        }
        return Int(number)
    }

    func bool(_ key: String) throws(ImageArchiveError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard let flag = value.boolValue else { throw wrongType(key, "true or false") }
        return flag
    }

    func strings(_ key: String) throws(ImageArchiveError) -> [String]? {
        guard let value = value(key) else { return nil }
        guard let items = value.arrayValue else { throw wrongType(key, "an array of strings") }
        var texts: [String] = []
        for item in items {
            guard let text = item.stringValue else { throw wrongType(key, "an array of strings") }
            texts.append(text)
        }
        return texts
    }

    /// A string-to-string object (labels, annotations).
    func stringMap(_ key: String) throws(ImageArchiveError) -> [String: String] {
        guard let value = value(key) else { return [:] }
        guard let object = value.objectValue else { throw wrongType(key, "an object of strings") }
        var map: [String: String] = [:]
        for (name, item) in object {
            guard let text = item.stringValue else { throw wrongType(key + "." + name, "a string") }
            map[name] = text
        }
        return map
    }

    /// The keys of an object used as a set (`ExposedPorts`, `Volumes`), sorted.
    func keys(_ key: String) throws(ImageArchiveError) -> [String] {
        guard let value = value(key) else { return [] }
        guard let object = value.objectValue else { throw wrongType(key, "an object") }
        return object.keys.sorted()
    }

    func object(_ key: String) throws(ImageArchiveError) -> JSONFields? {
        guard let value = value(key) else { return nil }
        return try JSONFields(value, source: source, path: field(key))
    }

    /// Each element of an array of objects.
    func objects(_ key: String) throws(ImageArchiveError) -> [JSONFields] {
        guard let value = value(key) else { return [] }
        guard let items = value.arrayValue else { throw wrongType(key, "an array") }
        var objects: [JSONFields] = []
        for (index, item) in items.enumerated() {
            objects.append(try JSONFields(item, source: source, path: "\(field(key))[\(index)]"))
        }
        return objects
    }
}
