import Yams

/// Reading manifest fields from composed YAML: members through merge keys, and which scalars are
/// text. Kubernetes and Compose both decode YAML into JSON-like values, so a plain `1.0`, `true`
/// or `~` is a number, a boolean or null there, never the text it looks like.
extension Node {
    /// How many merge keys (`<<: *defaults`) are followed through one another.
    private static let deepestMerge = 8

    /// The value under `key`: the mapping's own, else the first merged mapping's (YAML's `<<`).
    /// `scanned` grows by the members and merged mappings looked at, and the search gives up
    /// (nil) past `limit`: an alias makes one mapping of a million keys cheap to repeat a million
    /// times, and merges of merges multiply.
    func member(_ key: String, scanned: inout Int, limit: Int) -> Node? {
        member(key, merges: 0, scanned: &scanned, limit: limit)
    }

    private func member(_ key: String, merges: Int, scanned: inout Int, limit: Int) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        var merge: Node?
        // By index: iterating a Yams mapping copies all of its pairs first.
        for index in mapping.indices {
            let (name, value) = mapping[index]
            scanned += 1
            guard scanned <= limit else { return nil }
            guard case .scalar(let scalar) = name else { continue }
            if Self.isMergeKey(scalar) {
                merge = value
            } else if scalar.string == key {
                return value
            }
        }
        guard merges < Self.deepestMerge, let merge else { return nil }
        for source in Self.sources(of: merge) {
            scanned += 1
            guard scanned <= limit else { return nil }
            if let found = source.member(key, merges: merges + 1, scanned: &scanned, limit: limit) { return found }
        }
        return nil
    }

    /// The members with text keys, merged ones after the mapping's own and only where the
    /// mapping does not set the key itself; `scanned` and `limit` as for `member` (past the
    /// limit, the members so far).
    func members(scanned: inout Int, limit: Int) -> [(key: String, value: Node)] {
        members(merges: 0, scanned: &scanned, limit: limit)
    }

    private func members(merges: Int, scanned: inout Int, limit: Int) -> [(key: String, value: Node)] {
        guard case .mapping(let mapping) = self else { return [] }
        var own: [(key: String, value: Node)] = []
        var merge: Node?
        for index in mapping.indices {
            let (name, value) = mapping[index]
            scanned += 1
            guard scanned <= limit else { return own }
            guard case .scalar(let scalar) = name else { continue }
            if Self.isMergeKey(scalar) {
                merge = value
            } else {
                own.append((scalar.string, value))
            }
        }
        guard merges < Self.deepestMerge, let merge else { return own }
        var seen = Set(own.map(\.key))
        for source in Self.sources(of: merge) {
            scanned += 1
            guard scanned <= limit else { return own }
            for member in source.members(merges: merges + 1, scanned: &scanned, limit: limit) where seen.insert(member.key).inserted {
                own.append(member)
            }
        }
        return own
    }

    private static func isMergeKey(_ scalar: Node.Scalar) -> Bool {
        scalar.string == "<<" && scalar.style == .plain
    }

    /// What a merge key merges: one mapping, or a list of them in order of precedence.
    private static func sources(of merge: Node) -> Node.Sequence {
        merge.sequence ?? Node.Sequence([merge])
    }

    /// The scalar's text when YAML reads it as a string: quoted, a block scalar, tagged `!!str`
    /// or plain and not null, a boolean or a number.
    var text: String? {
        guard case .scalar(let scalar) = self else { return nil }
        switch scalarType(scalar) {
        case .text: return scalar.string
        default: return nil
        }
    }

    /// A null scalar (`~`, `null`, or nothing at all): YAML's way of leaving a field unset.
    var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        return scalarType(scalar) == .null
    }

    /// What the node is, to say why it is not the text a field needs.
    var typeDescription: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar):
            switch scalarType(scalar) {
            case .text: scalar.string.isEmpty ? "empty" : "text"
            case .null: "empty (null)"
            case .boolean: "true/false"
            case .number: "a number"
            }
        }
    }

    private enum ScalarType { case text, null, boolean, number }

    private func scalarType(_ scalar: Node.Scalar) -> ScalarType {
        // Only a plain scalar the parser left untyped is typed by how it reads.
        let tag = Tag.Name(rawValue: scalar.tag.rawValue)
        guard scalar.style == .plain, tag == .implicit else {
            switch tag {
            case .null: return .null
            case .bool: return .boolean
            case .int, .float: return .number
            default: return .text
            }
        }
        let text = scalar.string
        guard let first = text.utf8.first else { return .null }
        switch first {
        case UInt8(ascii: "~"), UInt8(ascii: "n"), UInt8(ascii: "N"):
            if ["~", "null", "Null", "NULL"].contains(text) { return .null }
        case UInt8(ascii: "t"), UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"):
            if ["true", "True", "TRUE", "false", "False", "FALSE"].contains(text) { return .boolean }
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "+"), UInt8(ascii: "-"):
            if Self.isNumber(text) { return .number }
        default:
            break
        }
        return .text
    }

    /// YAML's numbers: decimal integers and floats (`-12`, `7.5`, `.5`, `1e3`), `0x1F`, `0o17`,
    /// `.inf` and `.nan`.
    private static func isNumber(_ text: String) -> Bool {
        if [".inf", ".Inf", ".INF", "+.inf", "-.inf", "+.Inf", "-.Inf", ".nan", ".NaN", ".NAN"].contains(text) { return true }
        if text.hasPrefix("0x") { return text.count > 2 && Int(text.dropFirst(2), radix: 16) != nil }
        if text.hasPrefix("0o") { return text.count > 2 && Int(text.dropFirst(2), radix: 8) != nil }
        let decimal = text.allSatisfy { $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }
        return decimal && text.contains { $0.isNumber } && Double(text) != nil
    }
}
