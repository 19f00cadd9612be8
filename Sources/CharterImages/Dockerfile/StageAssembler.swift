/// Groups instructions into build stages and resolves what each refers to, tracking variables as
/// Docker scopes them: ARGs before the first FROM are global and only FROM sees them; inside a
/// stage, `ARG NAME` brings a global default in, `ARG NAME=value` and `ENV` set values, and a
/// stage built FROM another inherits its environment.
struct StageAssembler {
    private let instructions: [Instruction]
    private let escape: UInt8
    private(set) var stages: [BuildStage] = []
    private(set) var globalArguments: [KeyValue] = []
    private(set) var problems: [DockerfileProblem] = []
    private var globals: [String: String?] = [:]
    private var environments: [[String: String]] = []

    init(instructions: [Instruction], escape: UInt8) {
        self.instructions = instructions
        self.escape = escape
    }

    /// `^[a-z][a-z0-9-_.]*$` after lowercasing, as BuildKit requires of stage names.
    static func isStageName(_ name: String) -> Bool {
        guard let first = name.utf8.first, DockerBytes.isLowercase(first) else { return false }
        return name.utf8.allSatisfy { DockerBytes.isLowercase($0) || DockerBytes.isDigit($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
    }

    mutating func assemble() {
        var index = 0
        while index < instructions.count {
            let instruction = instructions[index]
            index += 1
            guard instruction.keyword == .from else {
                if instruction.keyword == .arg {
                    declareGlobals(instruction)
                } else {
                    problems.append(DockerfileProblem(.error, line: instruction.startLine, "\(instruction.keyword.rawValue) comes before the first FROM; only ARG may"))
                }
                continue
            }
            let end = instructions[index...].firstIndex { $0.keyword == .from } ?? instructions.count
            stages.append(stage(from: instruction, body: Array(instructions[index..<end])))
            index = end
        }
        if stages.isEmpty {
            problems.append(DockerfileProblem(.error, line: instructions.first?.startLine ?? 1, "no FROM instruction: a Dockerfile must name the image it builds on"))
        }
    }

    private mutating func declareGlobals(_ instruction: Instruction) {
        for pair in instruction.pairs {
            let value = pair.rawValue.map { VariableExpander.expand($0, escape: escape, lookup: globalValue).value }
            globals[pair.key] = value
            globalArguments.append(KeyValue(key: pair.key, value: value, rawValue: pair.rawValue))
        }
    }

    private func globalValue(_ name: String) -> String? {
        globals[name] ?? nil
    }

    private mutating func stage(from instruction: Instruction, body: [Instruction]) -> BuildStage {
        let index = stages.count
        let words = instruction.words
        var name: String?
        if words.count == 3, words[1].lowercased() == "as" {
            name = words[2].lowercased()
            if let name, !Self.isStageName(name) {
                problems.append(DockerfileProblem(.error, line: instruction.startLine, "stage name `\(words[2])` must start with a letter and hold only letters, digits, `-`, `_` and `.`"))
            }
        } else if words.count != 1 {
            problems.append(DockerfileProblem(.error, line: instruction.startLine, "FROM takes `image` or `image AS name`, not `\(instruction.arguments)`"))
        }
        let base = resolveBase(words.first ?? "", line: instruction.startLine)
        var scope = StageScope(escape: escape, globals: globals)
        if case .stage(let parent) = base { scope.environment = environments[parent] }
        var users: [ResolvedValue] = []
        var workdirs: [ResolvedValue] = []
        var references: [StageReference] = []
        for step in body {
            switch step.keyword {
            case .arg, .env: scope.apply(step)
            case .user: users.append(scope.resolve(step.arguments, in: step))
            case .workdir: workdirs.append(scope.resolve(step.arguments, in: step))
            default: break
            }
            references += sourceReferences(of: step, scope: scope, stageIndex: index, name: name)
        }
        environments.append(scope.environment)
        return BuildStage(
            index: index, name: name, from: instruction, base: base, platform: instruction.flag("platform")?.value,
            instructions: body, users: users, workdirs: workdirs, references: references)
    }

    private mutating func resolveBase(_ written: String, line: Int) -> StageBase {
        let expansion = VariableExpander.expand(written, escape: escape, lookup: globalValue)
        guard expansion.unresolved.isEmpty else { return .unresolved(written: written, variables: expansion.unresolved) }
        let text = expansion.value
        let lowered = text.lowercased()
        if lowered == "scratch" { return .scratch }
        if let parent = stages.firstIndex(where: { $0.name == lowered }) { return .stage(parent) }
        do {
            return .image(try ImageReference(parsing: text), arguments: expansion.variables)
        } catch {
            problems.append(DockerfileProblem(.error, line: line, "FROM: \(error.message)"))
            return .invalid(written: written, error)
        }
    }

    /// `COPY --from=…` and each `RUN --mount=…` that has `from=…`.
    private func sourceReferences(of step: Instruction, scope: StageScope, stageIndex: Int, name: String?) -> [StageReference] {
        var written: [String] = []
        if step.keyword == .copy, let from = step.flag("from")?.value { written.append(from) }
        if step.keyword == .run {
            written += step.flagValues("mount").compactMap { MountSpecification($0).from }
        }
        return written.map { text in
            let resolved = scope.resolve(text, in: step)
            return StageReference(instruction: step, written: text, target: target(of: resolved, stageIndex: stageIndex))
        }
    }

    private func target(of resolved: ResolvedValue, stageIndex: Int) -> StageReference.Target {
        guard resolved.unresolved.isEmpty else { return .unresolved(resolved.unresolved) }
        let text = resolved.value.lowercased()
        if let number = Int(text), text.utf8.allSatisfy(DockerBytes.isDigit) {
            return number < stageIndex ? .stage(number) : .missingIndex(number)
        }
        if let index = stages.firstIndex(where: { $0.name == text }) { return .stage(index) }
        if let later = laterStageIndex(named: text, after: stageIndex) { return .laterStage(later) }
        do {
            return .image(try ImageReference(parsing: resolved.value))
        } catch {
            return .invalid(error)
        }
    }

    /// A stage named `name` after `stageIndex`, found by scanning the FROMs still to come.
    private func laterStageIndex(named name: String, after stageIndex: Int) -> Int? {
        var index = -1
        for instruction in instructions where instruction.keyword == .from {
            index += 1
            guard index > stageIndex else { continue }
            let words = instruction.words
            if words.count == 3, words[1].lowercased() == "as", words[2].lowercased() == name { return index }
        }
        return nil
    }
}
