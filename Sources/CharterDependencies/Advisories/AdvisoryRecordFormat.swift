import CharterCore

/// How one advisory record is written: OSV's JSON, or the same fields in YAML.
enum AdvisoryRecordFormat: Sendable {
    case json
    case yaml

    /// By the name's extension (`.json`, `.yaml`, `.yml`, in any case); nil for anything else.
    init?(fileName: String) {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".json") {
            self = .json
        } else if lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") {
            self = .yaml
        } else {
            return nil
        }
    }

    /// The record and the JSON to store for it: the bytes as given for JSON, the canonical JSON
    /// of the converted document for YAML.
    func record(from bytes: [UInt8], source: String) throws(DependenciesError) -> (record: OSVRecord, json: [UInt8]) {
        switch self {
        case .json:
            return (try OSVRecord.parse(bytes, source: source), bytes)
        case .yaml:
            let document = try YAMLAdvisory.json(from: bytes, source: source)
            let record = try OSVRecord(json: document, source: source)
            do {
                return (record, try CanonicalJSON.encode(document))
            } catch {
                throw DependenciesError(.advisoryInvalid, "\(source): \(error.message)")
            }
        }
    }
}
