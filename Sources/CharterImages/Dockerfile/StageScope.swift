/// The variables visible inside one stage: its ARGs (a bare `ARG NAME` takes the global default)
/// and its environment (ENV, and an earlier stage's ENV when built FROM it).
struct StageScope {
    let escape: UInt8
    let globals: [String: String?]
    var environment: [String: String] = [:]
    private var arguments: [String: String?] = [:]

    init(escape: UInt8, globals: [String: String?]) {
        self.escape = escape
        self.globals = globals
    }

    /// ENV wins over ARG of the same name, as in Docker.
    func value(of name: String) -> String? {
        if let value = environment[name] { return value }
        return arguments[name] ?? nil
    }

    mutating func apply(_ instruction: Instruction) {
        for pair in instruction.pairs {
            let value = pair.rawValue.map { expand($0).value }
            if instruction.keyword == .env {
                environment[pair.key] = value ?? ""
            } else {
                let inherited: String? = globals[pair.key] ?? nil
                arguments[pair.key] = .some(value ?? inherited)
            }
        }
    }

    func expand(_ text: String) -> VariableExpander.Expansion {
        VariableExpander.expand(text, escape: escape, lookup: value(of:))
    }

    func resolve(_ text: String, in instruction: Instruction) -> ResolvedValue {
        let expansion = expand(text)
        return ResolvedValue(instruction: instruction, value: expansion.value, unresolved: expansion.unresolved)
    }
}
