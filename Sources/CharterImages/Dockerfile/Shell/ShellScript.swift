/// A RUN command read as POSIX shell, deeply enough for rules to ask "which programs run, with
/// which arguments, and what pipes into what": pipelines of simple commands, the scripts inside
/// `$(…)`, backticks and `<(…)`, and heredoc bodies left out. It is not a shell interpreter:
/// control flow is flattened (`if …; then apt-get …; fi` yields the `apt-get` command) and
/// nothing is expanded.
package struct ShellScript: Sendable, Equatable {
    /// Commands joined by `|`, in the order written; `&&`, `||`, `;`, `&` and newlines separate pipelines.
    package let pipelines: [[ShellCommand]]
    /// Scripts from command and process substitutions, in the order they appear.
    package let substitutions: [ShellScript]

    /// Every pipeline, those inside substitutions included.
    package let allPipelines: [[ShellCommand]]
    /// Every simple command, those inside substitutions included.
    package let allCommands: [ShellCommand]

    init(pipelines: [[ShellCommand]], substitutions: [ShellScript]) {
        self.pipelines = pipelines
        self.substitutions = substitutions
        allPipelines = pipelines + substitutions.flatMap(\.allPipelines)
        allCommands = allPipelines.flatMap { $0 }
    }

    static let empty = ShellScript(pipelines: [], substitutions: [])

    package static func parse(_ text: String) -> ShellScript {
        var tokenizer = ShellTokenizer(Array(text.utf8), depth: 0)
        return tokenizer.run()
    }

    /// The script an exec-form command runs: the command itself, or for `["sh", "-c", "…"]` the
    /// script it hands to the shell.
    package static func exec(_ arguments: [String]) -> ShellScript {
        let command = ShellCommand(words: arguments)
        if let name = command.name, ShellCommand.shells.contains(name),
            let flag = command.arguments.firstIndex(where: { $0.hasPrefix("-") && $0.contains("c") }),
            flag + 1 < command.arguments.count {
            return parse(command.arguments[flag + 1])
        }
        return ShellScript(pipelines: command.name == nil ? [] : [[command]], substitutions: [])
    }
}
