/// One simple command of a shell script: its variable assignments and wrappers (`sudo`, `env`,
/// `nohup`…) set apart, so rules see the program that actually runs and its arguments.
package struct ShellCommand: Sendable, Equatable {
    /// The words as written from the first one that is not a shell keyword (`then`, `do`…),
    /// quotes removed, substitutions kept as their text (`$(curl …)`).
    package let words: [String]
    /// `NAME=value` prefixes (`DEBIAN_FRONTEND=noninteractive apt-get …`) and `env` assignments.
    package let assignments: [String: String]
    /// Programs that run the command for it, outermost first (`sudo`, `env`, `nohup`…).
    package let wrappers: [String]
    /// The program's file name without its folder (`apt-get` for `/usr/bin/apt-get`).
    package let name: String?
    /// The arguments after the program, redirections (`> /dev/null`, `2>&1`, `<<EOF`) removed.
    package let arguments: [String]

    package static let shells: Set<String> = ["sh", "bash", "dash", "ash", "zsh", "ksh", "mksh", "busybox"]

    /// Shell keywords that start a compound command; the program is the word after them.
    private static let reserved: Set<String> = ["if", "then", "else", "elif", "do", "while", "until", "!", "{", "}", "fi", "done", "esac"]
    /// Wrappers with no option values to skip.
    private static let plainWrappers: Set<String> = ["nohup", "time", "exec", "command", "builtin", "eatmydata", "chronic", "stdbuf"]
    /// sudo's options that take a value.
    private static let sudoValueOptions: Set<String> = ["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U", "-T", "--user", "--group"]

    package init(words: [String]) {
        var rest = words.drop(while: Self.reserved.contains)
        self.words = Array(rest)
        var assignments: [String: String] = [:]
        var wrappers: [String] = []
        while let first = rest.first {
            if let (name, value) = Self.assignment(first) {
                assignments[name] = value
                rest = rest.dropFirst()
            } else {
                let program = Self.basename(first)
                guard let skipped = Self.skipWrapper(program, rest.dropFirst(), assignments: &assignments) else { break }
                wrappers.append(program)
                rest = skipped
            }
        }
        self.assignments = assignments
        self.wrappers = wrappers
        name = rest.first.map(Self.basename)
        arguments = Self.withoutRedirections(rest.dropFirst())
    }

    /// Arguments that are not options (do not start with `-`).
    package var operands: [String] { arguments.filter { !$0.hasPrefix("-") } }

    /// Whether an option is present: long options by name (`--no-cache`), short ones also
    /// inside a cluster (`-qy` has `-y`).
    package func hasOption(_ options: String...) -> Bool {
        arguments.contains { argument in
            options.contains { option in
                if argument == option || argument.hasPrefix(option + "=") { return true }
                guard option.count == 2, option.hasPrefix("-"), argument.hasPrefix("-"), !argument.hasPrefix("--") else { return false }
                return argument.dropFirst().contains(option.last ?? "-")
            }
        }
    }

    /// The words after the first operand that equals `subcommand` (`apt-get -q install a b` → `a b`).
    package func arguments(after subcommand: String) -> ArraySlice<String>? {
        guard let index = arguments.firstIndex(of: subcommand) else { return nil }
        return arguments[(index + 1)...]
    }

    private static func skipWrapper(_ program: String, _ rest: ArraySlice<String>, assignments: inout [String: String]) -> ArraySlice<String>? {
        var rest = rest
        switch program {
        case _ where plainWrappers.contains(program):
            return rest.drop { $0.hasPrefix("-") }
        case "sudo":
            while let option = rest.first, option.hasPrefix("-") {
                rest = rest.dropFirst(sudoValueOptions.contains(option) ? 2 : 1)
                if option == "--" { break }
            }
            return rest
        case "env":
            while let word = rest.first {
                if word == "-u" || word == "--unset" {
                    rest = rest.dropFirst(2)
                } else if word.hasPrefix("-") {
                    rest = rest.dropFirst()
                } else if let (name, value) = assignment(word) {
                    assignments[name] = value
                    rest = rest.dropFirst()
                } else {
                    break
                }
            }
            return rest
        case "nice", "timeout":
            rest = rest.drop { $0.hasPrefix("-") }
            return program == "timeout" ? rest.dropFirst() : rest
        default:
            return nil
        }
    }

    static func assignment(_ word: String) -> (String, String)? {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return nil }
        let name = word[..<equals]
        guard let first = name.utf8.first, DockerBytes.isLetter(first) || first == UInt8(ascii: "_"),
            name.utf8.allSatisfy({ DockerBytes.isAlphanumeric($0) || $0 == UInt8(ascii: "_") })
        else { return nil }
        return (String(name), String(word[word.index(after: equals)...]))
    }

    static func basename(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), path.index(after: slash) < path.endIndex else { return path }
        return String(path[path.index(after: slash)...])
    }

    /// Drops `>file`, `2>&1`, `<<EOF`, and `>`/`2>`/`<` together with the word after them;
    /// process substitutions (`<(…)`) are arguments and stay.
    private static func withoutRedirections(_ words: ArraySlice<String>) -> [String] {
        var kept: [String] = []
        var skipNext = false
        for word in words {
            if skipNext {
                skipNext = false
                continue
            }
            let operatorPart = word.drop { $0.isASCII && $0.isNumber }
            let isProcessSubstitution = word.hasPrefix("<(") || word.hasPrefix(">(")
            guard !isProcessSubstitution, operatorPart.hasPrefix(">") || operatorPart.hasPrefix("<") || operatorPart.hasPrefix("&>") else {
                kept.append(word)
                continue
            }
            skipNext = operatorPart.allSatisfy { "<>&|".contains($0) }
        }
        return kept
    }
}
