/// Questions several rules ask of a Dockerfile.
extension RuleContext {
    /// Whether a command of the same RUN matches `predicate` (cleanup after an install, say).
    func run(_ run: RunStep, has predicate: (ShellCommand) -> Bool) -> Bool {
        run.script.allCommands.contains(where: predicate)
    }

    /// Whether the RUN mounts a cache at (or above) one of `paths`, keeping it out of the layer.
    func run(_ run: RunStep, cachesAny paths: [String]) -> Bool {
        run.cacheTargets.contains { target in
            let target = target.hasSuffix("/") ? String(target.dropLast()) : target
            return paths.contains { $0 == target || $0.hasPrefix(target + "/") }
        }
    }

    /// `rm` of one of `paths` (or something under them) in the same RUN.
    func run(_ run: RunStep, removesAny paths: [String]) -> Bool {
        self.run(run) { command in
            command.name == "rm" && command.operands.contains { operand in paths.contains { operand.hasPrefix($0) } }
        }
    }
}

extension ShellCommand {
    /// The command as written, for previews.
    var excerpt: String { words.joined(separator: " ") }

    /// The operands after the first of `subcommands`, skipping the values of `valueOptions`:
    /// the package names of `apt-get install -t bookworm a b`.
    func operands(after subcommands: Set<String>, valueOptions: Set<String> = []) -> [String]? {
        guard let index = arguments.firstIndex(where: subcommands.contains) else { return nil }
        var operands: [String] = []
        var skipNext = false
        for argument in arguments[(index + 1)...] {
            if skipNext {
                skipNext = false
            } else if valueOptions.contains(argument) {
                skipNext = true
            } else if !argument.hasPrefix("-") {
                operands.append(argument)
            }
        }
        return operands
    }

    /// The first operand, which for package managers is the subcommand (`install`, `add`),
    /// skipping the values of `valueOptions` (`apt-get -o Opt=1 install`).
    func subcommand(skipping valueOptions: Set<String> = []) -> String? {
        var skipNext = false
        for argument in arguments {
            if skipNext {
                skipNext = false
            } else if valueOptions.contains(argument) {
                skipNext = true
            } else if !argument.hasPrefix("-") {
                return argument
            }
        }
        return nil
    }
}
