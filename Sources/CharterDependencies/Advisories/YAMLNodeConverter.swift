import CharterCore
import Yams

/// Turns a composed YAML document into JSON without changing any text. OSV's own fields are
/// all strings, so a plain scalar there stays exactly as written: `1.10` stays "1.10" and
/// `2021-01-01T00:00:00Z` stays that text. Only inside `database_specific` and
/// `ecosystem_specific`, whose contents are free-form JSON, are plain `true`, `12` or `7.5` read
/// as booleans and numbers (the YAML 1.2 JSON-compatible forms). Plain `~`, `null` or nothing is
/// null everywhere; explicit tags (`!!int 3`, `!!str 3`) are honoured.
struct YAMLNodeConverter {
    let source: String
    /// What the JSON may still grow by: aliases let a small file repeat one subtree many times.
    private var budget: Int
    private let initialBudget: Int

    /// A rough share of the budget for one value, so millions of tiny aliased values also run out.
    private static let costPerValue = 16
    private static let freeFormKeys: Set<String> = ["database_specific", "ecosystem_specific"]

    init(source: String, budget: Int) {
        self.source = source
        self.budget = budget
        initialBudget = budget
    }

    mutating func value(of node: Node, freeForm: Bool) throws(DependenciesError) -> JSONValue {
        try spend(Self.costPerValue, at: node.mark)
        switch node {
        case .scalar(let scalar):
            try spend(scalar.string.utf8.count, at: scalar.mark)
            return try value(of: scalar, freeForm: freeForm)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            elements.reserveCapacity(sequence.count)
            for element in sequence {
                elements.append(try value(of: element, freeForm: freeForm))
            }
            return .array(elements)
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, member) in mapping {
                guard case .scalar(let name) = key else {
                    throw error(at: key.mark, "a mapping key must be text, not a list or mapping")
                }
                guard members[name.string] == nil else {
                    throw error(at: key.mark, "the key \"\(name.string)\" appears twice in one mapping")
                }
                members[name.string] = try value(of: member, freeForm: freeForm || Self.freeFormKeys.contains(name.string))
            }
            return .object(members)
        case .alias(let alias):
            throw error(at: alias.mark, "the alias *\(alias.anchor.rawValue) was not resolved")
        }
    }

    private func value(of scalar: Node.Scalar, freeForm: Bool) throws(DependenciesError) -> JSONValue {
        let text = scalar.string
        let tag = scalar.tag.description
        // libyaml tags quoted and block scalars as strings, so a tag still unresolved (the basic
        // resolver is never asked) marks a plain scalar, whose type is ours to decide.
        if tag == Tag.Name.implicit.rawValue {
            if Self.isNull(text) { return .null }
            return freeForm ? Self.typed(text) ?? .string(text) : .string(text)
        }
        switch Tag.Name(rawValue: tag) {
        case .str, .nonSpecific, .timestamp: return .string(text)
        case .null where Self.isNull(text): return .null
        case .bool: if let flag = Self.boolean(text) { return .bool(flag) }
        case .int, .float: if let number = Self.number(text) { return .number(number) }
        default: throw error(at: scalar.mark, "the tag \(tag) is not supported in an advisory; write the value as plain text")
        }
        throw error(at: scalar.mark, "\"\(text)\" is not a valid \(tag)")
    }

    private static func isNull(_ text: String) -> Bool {
        ["", "~", "null", "Null", "NULL"].contains(text)
    }

    private static func typed(_ text: String) -> JSONValue? {
        if let flag = boolean(text) { return .bool(flag) }
        return number(text).map(JSONValue.number)
    }

    private static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE": true
        case "false", "False", "FALSE": false
        default: nil
        }
    }

    /// YAML 1.2's decimal integers and floats (`-12`, `7.5`, `.5`, `1e3`); not hex, octal or
    /// `.inf`/`.nan`, which JSON cannot carry.
    private static func number(_ text: String) -> Double? {
        var bytes = Substring(text).utf8[...]
        if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let isDigit = { (byte: UInt8) in byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        let integer = bytes.prefix(while: isDigit)
        bytes = bytes.dropFirst(integer.count)
        var fraction = bytes.prefix(0)
        if bytes.first == UInt8(ascii: ".") {
            fraction = bytes.dropFirst().prefix(while: isDigit)
            bytes = bytes.dropFirst(1 + fraction.count)
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return nil }
        if let marker = bytes.first, marker == UInt8(ascii: "e") || marker == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            let exponent = bytes.prefix(while: isDigit)
            guard !exponent.isEmpty else { return nil }
            bytes = bytes.dropFirst(exponent.count)
        }
        guard bytes.isEmpty, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private mutating func spend(_ cost: Int, at mark: Mark?) throws(DependenciesError) {
        budget -= cost
        guard budget >= 0 else {
            throw error(at: mark, "expands past \(initialBudget >> 20) MiB (an alias repeated too often?); not an advisory")
        }
    }

    private func error(at mark: Mark?, _ message: String) -> DependenciesError {
        DependenciesError(.advisoryInvalid, "\(source):\(mark.map { "\($0.line):\($0.column):" } ?? "") \(message)")
    }
}
