/// One Dockerfile instruction, continuation lines joined and heredocs attached, with the physical
/// lines it spans so a finding can point at it.
package struct Instruction: Sendable, Equatable {
    package let keyword: InstructionKeyword
    package let flags: [InstructionFlag]
    /// Everything after the flags, trimmed, continuation lines joined as Docker joins them.
    package let arguments: String
    /// RUN, CMD, ENTRYPOINT, SHELL and HEALTHCHECK CMD: the command in exec or shell form.
    /// ADD, COPY and VOLUME: `.exec` for the JSON form, otherwise `.shell` with the arguments.
    package let command: CommandForm?
    /// ENV and LABEL pairs, ARG declarations.
    package let pairs: [KeyValue]
    package let heredocs: [Heredoc]
    /// 1-based line of the keyword.
    package let startLine: Int
    /// 1-based last line: the final continuation line or heredoc terminator.
    package let endLine: Int
    /// ONBUILD's trigger instruction, held in an array to keep the type a plain value.
    private let triggers: [Instruction]

    package init(
        keyword: InstructionKeyword, flags: [InstructionFlag] = [], arguments: String, command: CommandForm? = nil,
        pairs: [KeyValue] = [], heredocs: [Heredoc] = [], startLine: Int, endLine: Int, trigger: Instruction? = nil
    ) {
        self.keyword = keyword
        self.flags = flags
        self.arguments = arguments
        self.command = command
        self.pairs = pairs
        self.heredocs = heredocs
        self.startLine = startLine
        self.endLine = endLine
        self.triggers = trigger.map { [$0] } ?? []
    }

    /// For `ONBUILD RUN …`, the `RUN` that downstream builds will execute.
    package var trigger: Instruction? { triggers.first }

    /// The last flag named `name` (Docker lets a later flag override an earlier one).
    package func flag(_ name: String) -> InstructionFlag? {
        flags.last { $0.name == name }
    }

    /// All values of a repeatable flag such as `--mount`.
    package func flagValues(_ name: String) -> [String] {
        flags.compactMap { $0.name == name ? $0.value : nil }
    }

    /// The arguments split on blanks: FROM's words, COPY's sources and destination, EXPOSE's
    /// ports. Exec-form ADD/COPY/VOLUME give their JSON elements.
    package var words: [String] {
        if case .exec(let elements) = command, !keyword.takesCommand { return elements }
        return arguments.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }

    /// Keyword, flags, arguments with runs of blanks collapsed, then heredoc contents: the same for
    /// the same instruction wherever it sits in the file, so it can feed a stable fingerprint.
    package var normalizedText: String {
        var bytes = Array(keyword.rawValue.utf8)
        for flag in flags {
            bytes.append(UInt8(ascii: " "))
            bytes += flag.text.utf8
        }
        var blank = true
        for byte in arguments.utf8 {
            if DockerBytes.isBlank(byte) {
                blank = true
                continue
            }
            if blank { bytes.append(UInt8(ascii: " ")) }
            blank = false
            bytes.append(byte)
        }
        for heredoc in heredocs {
            bytes.append(UInt8(ascii: "\n"))
            bytes += heredoc.content.utf8
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
