import CharterCore

/// Turns one logical line (continuations joined) into an `Instruction`: keyword, flags, then
/// the arguments read the way that instruction reads them. Problems are collected, never thrown:
/// a bad instruction is reported and skipped, and the rest of the file is still checked.
struct InstructionLineParser {
    let escape: UInt8
    private(set) var problems: [DockerfileProblem] = []

    init(escape: UInt8) {
        self.escape = escape
    }

    struct Span {
        let startLine: Int
        let endLine: Int
        /// End line of the instruction before, to hint at a forgotten line continuation.
        let previousEndLine: Int?
    }

    mutating func parse(_ line: String, span: Span, heredocs: [Heredoc], nested: Bool = false) -> Instruction? {
        let trimmed = Self.trimmed(Substring(line))
        let keywordWord = trimmed.prefix { !DockerfileWords.isSpace($0.asciiValue ?? 0) }
        let rest = Self.trimmed(trimmed[keywordWord.endIndex...])
        guard let keyword = InstructionKeyword(word: keywordWord) else {
            var message = "unknown instruction `\(keywordWord)`"
            if let previous = span.previousEndLine, previous == span.startLine - 1, keywordWord.first?.isLowercase == true {
                message += "; if it continues line \(previous), end that line with `\(Character(Unicode.Scalar(escape)))`"
            } else {
                message += " (instructions are " + InstructionKeyword.allCases.map(\.rawValue).joined(separator: ", ") + ")"
            }
            problems.append(DockerfileProblem(.error, line: span.startLine, message))
            return nil
        }
        if keyword == .onbuild { return parseOnbuild(rest, span: span, heredocs: heredocs, nested: nested) }
        let (flagWords, argumentText) = DockerfileWords.extractFlags(rest)
        let flags = flagWords.map(Self.flag)
        for flag in flags where !keyword.allowedFlags.contains(flag.name) {
            let accepted = keyword.allowedFlags.sorted().map { "--\($0)" }.joined(separator: ", ")
            problems.append(DockerfileProblem(.error, line: span.startLine, "unknown flag `--\(flag.name)` for \(keyword.rawValue)" + (accepted.isEmpty ? " (it takes none)" : " (it takes \(accepted))")))
        }
        let arguments = String(Self.trimmed(argumentText))
        guard !arguments.isEmpty else {
            problems.append(DockerfileProblem(.error, line: span.startLine, "\(keyword.rawValue) needs arguments"))
            return nil
        }
        var command: CommandForm?
        var pairs: [KeyValue] = []
        switch keyword {
        case .run, .cmd, .entrypoint:
            command = commandForm(arguments, keyword: keyword, line: span.startLine)
        case .shell:
            command = commandForm(arguments, keyword: keyword, line: span.startLine)
            if command?.isExec != true {
                problems.append(DockerfileProblem(.error, line: span.startLine, "SHELL takes a JSON array, such as [\"/bin/bash\", \"-c\"]"))
            }
        case .add, .copy, .volume:
            command = commandForm(arguments, keyword: keyword, line: span.startLine)
            if keyword != .volume, Self.wordCount(command) < 2 {
                problems.append(DockerfileProblem(.error, line: span.startLine, "\(keyword.rawValue) needs at least one source and a destination"))
            }
        case .healthcheck:
            command = healthcheck(arguments, line: span.startLine)
        case .env, .label:
            pairs = keyValues(arguments, keyword: keyword, line: span.startLine)
        case .arg:
            pairs = declarations(arguments)
        default:
            break
        }
        return Instruction(
            keyword: keyword, flags: flags, arguments: arguments, command: command, pairs: pairs,
            heredocs: heredocs, startLine: span.startLine, endLine: span.endLine)
    }

    private mutating func parseOnbuild(_ rest: Substring, span: Span, heredocs: [Heredoc], nested: Bool) -> Instruction? {
        let triggerWord = rest.prefix { !DockerfileWords.isSpace($0.asciiValue ?? 0) }.uppercased()
        guard !nested, !["ONBUILD", "FROM", "MAINTAINER"].contains(triggerWord) else {
            problems.append(DockerfileProblem(.error, line: span.startLine, "\(triggerWord) is not allowed as an ONBUILD trigger"))
            return nil
        }
        guard let trigger = parse(String(rest), span: span, heredocs: heredocs, nested: true) else { return nil }
        return Instruction(keyword: .onbuild, arguments: String(rest), heredocs: heredocs, startLine: span.startLine, endLine: span.endLine, trigger: trigger)
    }

    /// Exec form when the text is a JSON array of strings, shell form otherwise (as Docker does).
    /// Text that was evidently meant as exec form but is not valid JSON gets a warning, because
    /// Docker silently runs it through a shell instead.
    private mutating func commandForm(_ text: String, keyword: InstructionKeyword, line: Int) -> CommandForm {
        guard text.hasPrefix("[") else { return .shell(text) }
        do {
            let value = try JSONParser.parse(text, source: "\(keyword.rawValue) on line \(line)", options: .lenient)
            if let elements = value.arrayValue?.compactMap(\.stringValue), elements.count == value.arrayValue?.count {
                return .exec(elements)
            }
            if Self.looksLikeExecForm(text) {
                problems.append(DockerfileProblem(.warning, line: line, "\(keyword.rawValue) exec form must hold only strings; Docker runs this text through a shell instead"))
            }
        } catch {
            if Self.looksLikeExecForm(text) {
                problems.append(DockerfileProblem(.warning, line: line, "\(keyword.rawValue) looks like exec form but is not valid JSON (\(error.message) at column \(error.column)); Docker runs it through a shell as written — use double quotes"))
            }
        }
        return .shell(text)
    }

    /// `["…` or `['…` closed by `]`; a shell test such as `[ -f /x ] && …` is not.
    private static func looksLikeExecForm(_ text: String) -> Bool {
        let inner = text.dropFirst().drop { $0 == " " || $0 == "\t" }
        return (inner.hasPrefix("\"") || inner.hasPrefix("'")) && text.hasSuffix("]")
    }

    private mutating func healthcheck(_ text: String, line: Int) -> CommandForm? {
        let mode = text.prefix { !DockerfileWords.isSpace($0.asciiValue ?? 0) }
        let rest = Self.trimmed(text[mode.endIndex...])
        switch mode.uppercased() {
        case "NONE":
            if !rest.isEmpty { problems.append(DockerfileProblem(.error, line: line, "HEALTHCHECK NONE takes no arguments")) }
            return nil
        case "CMD" where !rest.isEmpty:
            return commandForm(String(rest), keyword: .healthcheck, line: line)
        default:
            problems.append(DockerfileProblem(.error, line: line, "HEALTHCHECK takes `NONE` or `CMD <command>`"))
            return nil
        }
    }

    /// ENV and LABEL: `name=value …`, or the legacy `name value` (everything after the first blank).
    private mutating func keyValues(_ text: String, keyword: InstructionKeyword, line: Int) -> [KeyValue] {
        let words = DockerfileWords.split(Substring(text), escape: escape)
        guard let first = words.first, first.utf8.contains(UInt8(ascii: "=")) else {
            let name = text.prefix { !DockerfileWords.isSpace($0.asciiValue ?? 0) }
            let value = Self.trimmed(text[name.endIndex...])
            guard !value.isEmpty else {
                problems.append(DockerfileProblem(.error, line: line, "\(keyword.rawValue) \(name) has no value; write \(name)=value"))
                return []
            }
            return [KeyValue(key: String(name), value: VariableExpander.unquote(value, escape: escape), rawValue: String(value))]
        }
        var pairs: [KeyValue] = []
        for word in words {
            guard let equals = word.firstIndex(of: "=") else {
                problems.append(DockerfileProblem(.error, line: line, "\(keyword.rawValue) word `\(word)` has no `=`; write name=value"))
                continue
            }
            let raw = String(word[word.index(after: equals)...])
            pairs.append(KeyValue(key: VariableExpander.unquote(word[..<equals], escape: escape), value: VariableExpander.unquote(raw, escape: escape), rawValue: raw))
        }
        return pairs
    }

    /// ARG: `name` or `name=default`, several per line.
    private func declarations(_ text: String) -> [KeyValue] {
        DockerfileWords.split(Substring(text), escape: escape).map { word in
            guard let equals = word.firstIndex(of: "=") else { return KeyValue(key: word, value: nil, rawValue: nil) }
            let raw = String(word[word.index(after: equals)...])
            return KeyValue(key: String(word[..<equals]), value: VariableExpander.unquote(raw, escape: escape), rawValue: raw)
        }
    }

    private static func flag(_ word: String) -> InstructionFlag {
        let body = word.dropFirst(2)
        guard let equals = body.firstIndex(of: "=") else { return InstructionFlag(name: String(body), value: nil) }
        return InstructionFlag(name: String(body[..<equals]), value: String(body[body.index(after: equals)...]))
    }

    private static func wordCount(_ command: CommandForm?) -> Int {
        switch command {
        case .exec(let elements): elements.count
        case .shell(let text): text.split(whereSeparator: { $0 == " " || $0 == "\t" }).count
        case nil: 0
        }
    }

    static func trimmed(_ text: Substring) -> Substring {
        let start = text.firstIndex { !DockerfileWords.isSpace($0.asciiValue ?? 0) } ?? text.endIndex
        let end = text.lastIndex { !DockerfileWords.isSpace($0.asciiValue ?? 0) }.map { text.index(after: $0) } ?? start
        return text[start..<max(start, end)]
    }
}
