/// Docker's word processing for FROM, USER, WORKDIR, COPY and friends: quotes and the escape
/// character removed, and `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
/// `${VAR:+alternative}`, `${VAR+alternative}`, `${VAR:?message}` and `${VAR?message}` expanded.
///
/// Without a lookup (`unquoting`) variables stay as written. Variables that are unset and have no
/// default are recorded in `unresolved`, so a caller can tell "the value" from "what this build
/// happens to get unless a build argument says otherwise". Pattern operations (`${VAR#…}`,
/// `${VAR%…}`, `${VAR/…}`) are not evaluated; they too count as unresolved.
struct VariableExpander {
    /// The value of a variable, nil when it is unset.
    typealias Lookup = (String) -> String?

    struct Expansion: Sendable, Equatable {
        var value: String
        /// Variables whose value the result depends on but which are not set.
        var unresolved: [String]
        /// Every variable read, set or not.
        var variables: [String]
    }

    /// Deeper nesting than this (`${a:-${b:-${c…`) is left as literal text: no real Dockerfile nests
    /// so far, and hostile input must not exhaust the stack.
    static let maximumDepth = 16

    private let bytes: [UInt8]
    private let escape: UInt8
    private let lookup: Lookup?
    private var position = 0
    private var unresolved: [String] = []
    private var variables: [String] = []

    private init(_ text: some StringProtocol, escape: UInt8, lookup: Lookup?) {
        bytes = Array(text.utf8)
        self.escape = escape
        self.lookup = lookup
    }

    static func expand(_ text: some StringProtocol, escape: UInt8, lookup: @escaping Lookup) -> Expansion {
        var expander = VariableExpander(text, escape: escape, lookup: lookup)
        let value = expander.process(until: nil, depth: 0)
        return Expansion(value: String(decoding: value, as: UTF8.self), unresolved: expander.unresolved, variables: expander.variables)
    }

    /// Quotes and escapes removed, `$` expressions kept as written.
    static func unquote(_ text: some StringProtocol, escape: UInt8) -> String {
        var expander = VariableExpander(text, escape: escape, lookup: nil)
        return String(decoding: expander.process(until: nil, depth: 0), as: UTF8.self)
    }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func process(until stop: UInt8?, depth: Int) -> [UInt8] {
        var output: [UInt8] = []
        while let byte = current {
            if byte == stop { return output }
            position += 1
            switch byte {
            case UInt8(ascii: "'"):
                while let inner = current, inner != UInt8(ascii: "'") {
                    output.append(inner)
                    position += 1
                }
                position += 1
            case UInt8(ascii: "\""):
                processDoubleQuoted(into: &output, depth: depth)
            case UInt8(ascii: "$"):
                output += dollar(depth: depth)
            case escape:
                if let next = current {
                    output.append(next)
                    position += 1
                }
            default:
                output.append(byte)
            }
        }
        return output
    }

    private mutating func processDoubleQuoted(into output: inout [UInt8], depth: Int) {
        while let byte = current {
            position += 1
            if byte == UInt8(ascii: "\"") { return }
            if byte == UInt8(ascii: "$") {
                output += dollar(depth: depth)
            } else if byte == escape, let next = current {
                if next == UInt8(ascii: "\"") || next == UInt8(ascii: "$") || next == escape {
                    output.append(next)
                    position += 1
                } else {
                    output.append(byte)
                }
            } else {
                output.append(byte)
            }
        }
    }

    /// After a `$`: a name, a `${…}` expression, or a literal `$`.
    private mutating func dollar(depth: Int) -> [UInt8] {
        let start = position - 1
        guard current == UInt8(ascii: "{") else {
            let name = readName()
            guard !name.isEmpty else { return [UInt8(ascii: "$")] }
            guard lookup != nil else { return Array(bytes[start..<position]) }
            return Array(value(of: name).utf8)
        }
        position += 1
        let name = readName()
        guard lookup != nil, depth < Self.maximumDepth else {
            skipBraced()
            return Array(bytes[start..<min(position, bytes.count)])
        }
        guard let operation = current else { return Array(bytes[start...]) }
        position += 1
        if operation == UInt8(ascii: "}") {
            return Array(value(of: name).utf8)
        }
        var modifier = operation
        var colon = false
        if operation == UInt8(ascii: ":"), let next = current, [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "?")].contains(next) {
            colon = true
            modifier = next
            position += 1
        }
        guard [UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "?")].contains(modifier) else {
            skipBraced()
            noteUnresolved(name)
            return []
        }
        variables.append(name)
        let value = lookup?(name)
        let present = colon ? !(value ?? "").isEmpty : value != nil
        // The word after the operator is read only when it is used, so an unused default does not
        // count its own variables as needed.
        let usesWord = modifier == UInt8(ascii: "-") ? !present : modifier == UInt8(ascii: "+") && present
        var word: [UInt8] = []
        if usesWord {
            word = process(until: UInt8(ascii: "}"), depth: depth + 1)
            position += 1
        } else {
            skipBraced()
        }
        switch modifier {
        case UInt8(ascii: "-"):
            return usesWord ? word : Array((value ?? "").utf8)
        case UInt8(ascii: "+"):
            return word
        default:
            if !present { noteUnresolved(name) }
            return Array((value ?? "").utf8)
        }
    }

    private mutating func value(of name: String) -> String {
        variables.append(name)
        guard let value = lookup?(name) else {
            noteUnresolved(name)
            return ""
        }
        return value
    }

    private mutating func noteUnresolved(_ name: String) {
        if !unresolved.contains(name) { unresolved.append(name) }
    }

    /// Letters, digits and `_` (a leading digit run is a name of its own, as in the shell).
    private mutating func readName() -> String {
        let start = position
        if let first = current, DockerBytes.isDigit(first) {
            while let byte = current, DockerBytes.isDigit(byte) { position += 1 }
        } else {
            while let byte = current, DockerBytes.isAlphanumeric(byte) || byte == UInt8(ascii: "_") { position += 1 }
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Moves past the `}` that closes the current `${`, counting nested `${`.
    private mutating func skipBraced() {
        var open = 1
        while let byte = current {
            position += 1
            if byte == UInt8(ascii: "{") && position >= 2 && bytes[position - 2] == UInt8(ascii: "$") {
                open += 1
            } else if byte == UInt8(ascii: "}") {
                open -= 1
                if open == 0 { return }
            }
        }
    }
}
