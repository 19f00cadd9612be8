import Yams

/// A node of `charter.yml` with the dotted field name and line it came from, so every error
/// says where to look: `charter.yml:12: gates.secrets.fail-on: expected a list of levels`.
struct YAMLField {
    let file: String
    let name: String
    let node: Node

    /// Yams marks are 1-based already.
    var line: Int { node.mark?.line ?? 0 }

    func error(_ expected: String) -> GateError {
        GateError(.policyInvalid, "\(file):\(line): \(name): \(expected)")
    }

    /// The mapping's members, refusing keys this policy version does not know (a typo would
    /// otherwise silently turn a rule off).
    func members(allowed: Set<String>) throws -> [String: YAMLField] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping of keys to values") }
        var members: [String: YAMLField] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { throw error("keys must be plain strings") }
            guard allowed.contains(name) else {
                throw YAMLField(file: file, name: self.name, node: key)
                    .error("unknown key \"\(name)\"; expected one of: \(allowed.sorted().joined(separator: ", "))")
            }
            members[name] = YAMLField(file: file, name: self.name.isEmpty ? name : self.name + "." + name, node: value)
        }
        return members
    }

    func string() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a text value") }
        return scalar.string
    }

    func int() throws -> Int {
        guard let value = node.int else { throw error("expected a whole number") }
        return value
    }

    func bool() throws -> Bool {
        guard let value = node.bool else { throw error("expected true or false") }
        return value
    }

    func items() throws -> [YAMLField] {
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { YAMLField(file: file, name: "\(name)[\($0.offset)]", node: $0.element) }
    }

    func strings() throws -> [String] {
        try items().map { try $0.string() }
    }
}
