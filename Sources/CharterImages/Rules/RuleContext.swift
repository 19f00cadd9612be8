/// Everything the rules read, worked out once per Dockerfile: the parse, the policy, each step of
/// each stage (ONBUILD triggers in place of their ONBUILD), each RUN read as shell, and the
/// secrets the probe found per instruction.
struct RuleContext {
    /// An instruction of a stage. For `ONBUILD RUN …`, `instruction` is the RUN and `location`
    /// the ONBUILD line, so content rules see what downstream builds will execute.
    struct Step {
        let stage: Int
        let instruction: Instruction
        let location: Instruction
        /// COPY and ADD: the sources (every word but the destination, heredoc markers left
        /// out), split once for the several rules that read them.
        let sources: [String]

        init(stage: Int, instruction: Instruction, location: Instruction) {
            self.stage = stage
            self.instruction = instruction
            self.location = location
            let copies = instruction.keyword == .copy || instruction.keyword == .add
            sources = copies ? instruction.words.dropLast().filter { HeredocMarker.marker($0) == nil } : []
        }
    }

    /// An image the build pulls (a stage's FROM or a `--from` source) and how it breaks the policy.
    struct PulledImage {
        let instruction: Instruction
        let reference: ImageReference
        let stage: Int
        /// Build arguments the name was built from (FROM only).
        let arguments: [String]
        let isBase: Bool
        let violations: [BaseImageViolation]
    }

    /// A RUN with its script. `script` is empty when the stage's SHELL is not a POSIX shell.
    struct RunStep {
        let step: Step
        let script: ShellScript
        /// `--mount=type=cache` targets: caches kept out of the image's layers.
        let cacheTargets: [String]
    }

    /// Secrets the probe found in one instruction (in its `probeText`).
    struct InstructionSecrets {
        let instruction: Instruction
        let secrets: [ProbedSecret]
    }

    let dockerfile: Dockerfile
    let policy: BaseImagePolicy
    let steps: [Step]
    /// `steps` by keyword, so each rule reads only the instructions it checks.
    private let stepsByKeyword: [InstructionKeyword: [Step]]
    let runs: [RunStep]
    let secrets: [InstructionSecrets]
    /// Stages whose layers end up in the final image (the final one and its FROM ancestors).
    let shipped: Set<Int>
    let images: [PulledImage]
    /// Every command of every RUN (substitutions included) with its RUN, by program name.
    private let commandsByName: [String: [(run: RunStep, command: ShellCommand)]]
    /// ENV and ARG pairs (global ARGs included) whose name says they hold a secret.
    let secretNamedPairs: [(instruction: Instruction, pair: KeyValue)]

    init(dockerfile: Dockerfile, policy: BaseImagePolicy, probe: any SecretProbe) {
        self.dockerfile = dockerfile
        self.policy = policy
        shipped = dockerfile.shippedStageIndexes
        var steps: [Step] = []
        var runs: [RunStep] = []
        var posixShell: [Bool] = []
        for stage in dockerfile.stages {
            var posix = true
            if case .stage(let parent) = stage.base { posix = posixShell[parent] }
            for instruction in stage.instructions {
                if instruction.keyword == .shell, case .exec(let arguments) = instruction.command {
                    posix = arguments.first.map { ShellCommand.shells.contains(ShellCommand.basename($0)) } ?? true
                }
                let step = Step(stage: stage.index, instruction: instruction.trigger ?? instruction, location: instruction)
                steps.append(step)
                if step.instruction.keyword == .run {
                    runs.append(RunStep(step: step, script: posix ? Self.script(of: step.instruction) : .empty, cacheTargets: Self.cacheTargets(of: step.instruction)))
                }
            }
            posixShell.append(posix)
        }
        self.steps = steps
        stepsByKeyword = Dictionary(grouping: steps, by: \.instruction.keyword)
        self.runs = runs
        secrets = dockerfile.instructions.compactMap { instruction in
            let found = probe.secrets(in: instruction.probeText)
            return found.isEmpty ? nil : InstructionSecrets(instruction: instruction, secrets: found)
        }
        images = Self.pulledImages(in: dockerfile, policy: policy)
        var commandsByName: [String: [(run: RunStep, command: ShellCommand)]] = [:]
        for run in runs {
            for command in run.script.allCommands {
                if let name = command.name { commandsByName[name, default: []].append((run, command)) }
            }
        }
        self.commandsByName = commandsByName
        secretNamedPairs = dockerfile.instructions.flatMap { instruction -> [(instruction: Instruction, pair: KeyValue)] in
            guard instruction.keyword == .env || instruction.keyword == .arg else { return [] }
            return instruction.pairs.filter { SecretNames.isSecret($0.key) }.map { (instruction, $0) }
        }
    }

    private static func pulledImages(in dockerfile: Dockerfile, policy: BaseImagePolicy) -> [PulledImage] {
        var images: [PulledImage] = []
        for stage in dockerfile.stages {
            if case .image(let reference, let arguments) = stage.base {
                images.append(PulledImage(instruction: stage.from, reference: reference, stage: stage.index, arguments: arguments, isBase: true, violations: policy.evaluate(reference)))
            }
            for source in stage.references {
                if case .image(let reference) = source.target {
                    images.append(PulledImage(instruction: source.instruction, reference: reference, stage: stage.index, arguments: [], isBase: false, violations: policy.evaluate(reference)))
                }
            }
        }
        return images
    }

    /// Steps of these kinds, in file order.
    func steps(_ keywords: InstructionKeyword...) -> [Step] {
        guard keywords.count > 1 else { return keywords.first.flatMap { stepsByKeyword[$0] } ?? [] }
        return steps.filter { keywords.contains($0.instruction.keyword) }
    }

    /// Every command run by one of `names`, in file order within each name.
    func commands(_ names: Set<String>) -> [(run: RunStep, command: ShellCommand)] {
        names.count == 1 ? names.first.flatMap { commandsByName[$0] } ?? [] : names.sorted().flatMap { commandsByName[$0] ?? [] }
    }

    /// Every environment variable the stage sets with ENV, its ancestors' included.
    func environment(of stageIndex: Int) -> [String: String] {
        var environment: [String: String] = [:]
        var chain: [Int] = []
        var next: Int? = stageIndex
        while let index = next, !chain.contains(index) {
            chain.append(index)
            if case .stage(let parent) = dockerfile.stages[index].base { next = parent } else { next = nil }
        }
        for index in chain.reversed() {
            for instruction in dockerfile.stages[index].instructions where instruction.keyword == .env {
                for pair in instruction.pairs { environment[pair.key] = pair.value ?? "" }
            }
        }
        return environment
    }

    /// The shell a RUN executes: its shell-form text, or for `RUN <<EOF` the heredoc (unless a
    /// `#!` line names another interpreter); heredocs fed to `sh`/`bash` are read as script too.
    static func script(of run: Instruction) -> ShellScript {
        switch run.command {
        case .exec(let arguments):
            return .exec(arguments)
        case .shell(let text):
            guard let first = run.heredocs.first else { return .parse(text) }
            let firstWord = String(text.prefix { $0 != " " && $0 != "\t" })
            if HeredocMarker.marker(firstWord) != nil {
                return Self.runsAsShell(first.content) ? .parse(first.content) : .empty
            }
            if ShellCommand.shells.contains(ShellCommand.basename(firstWord)) {
                return .parse(([text] + run.heredocs.map(\.content)).joined(separator: "\n"))
            }
            return .parse(text)
        case nil:
            return .empty
        }
    }

    private static func runsAsShell(_ script: String) -> Bool {
        guard script.hasPrefix("#!") else { return true }
        let line = script.prefix { $0 != "\n" }.dropFirst(2)
        let words = line.split(separator: " ").map { ShellCommand.basename(String($0)) }
        let interpreter = words.first == "env" ? words.dropFirst().first { !$0.hasPrefix("-") } : words.first
        return interpreter.map(ShellCommand.shells.contains) ?? true
    }

    private static func cacheTargets(of run: Instruction) -> [String] {
        run.flagValues("mount").map(MountSpecification.init).filter { $0.type == "cache" }.compactMap(\.target)
    }
}

extension Instruction {
    /// The text the secret probe reads: keyword, flags, arguments and heredoc bodies.
    var probeText: String {
        var text = ([keyword.rawValue] + flags.map(\.text) + [arguments]).joined(separator: " ")
        for heredoc in heredocs { text += "\n" + heredoc.content }
        return text
    }
}
