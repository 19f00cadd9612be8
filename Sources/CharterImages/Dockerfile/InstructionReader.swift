/// The line loop: comments, continuations, heredocs, then `InstructionLineParser` per instruction.
struct InstructionReader {
    private var lines: SourceLines
    private let escape: UInt8
    private let directiveLines: Int
    private var lineParser: InstructionLineParser
    private(set) var instructions: [Instruction] = []
    private(set) var problems: [DockerfileProblem] = []
    private(set) var lineCount = 0

    init(lines: SourceLines, directives: DirectiveScanner) {
        self.lines = lines
        escape = directives.escape
        directiveLines = directives.lineCount
        lineParser = InstructionLineParser(escape: escape)
    }

    mutating func readAll() {
        var previousEndLine: Int?
        while let line = lines.next() {
            let trimmed = SourceLines.trimmingLeadingSpace(line)
            if trimmed.isEmpty { continue }
            if trimmed.first == UInt8(ascii: "#") {
                noteMisplacedDirective(trimmed)
                continue
            }
            let startLine = lines.lineNumber
            var (logical, continues) = stripContinuation(trimmed)
            var joined = Array(logical)
            var sawEmptyLine = false
            while continues, let next = lines.next() {
                if SourceLines.isComment(next) { continue }
                if SourceLines.trimmingLeadingSpace(next).isEmpty {
                    sawEmptyLine = true
                    continue
                }
                (logical, continues) = stripContinuation(next)
                joined += logical
            }
            if sawEmptyLine {
                problems.append(DockerfileProblem(.warning, line: startLine, "empty line inside a continued instruction; Docker skips it, but a future Docker will reject it"))
            }
            let text = String(decoding: joined, as: UTF8.self)
            guard !InstructionLineParser.trimmed(Substring(text)).isEmpty else { continue }
            let heredocs = readHeredocs(for: text, startLine: startLine)
            let span = InstructionLineParser.Span(startLine: startLine, endLine: lines.lineNumber, previousEndLine: previousEndLine)
            if let instruction = lineParser.parse(text, span: span, heredocs: heredocs) {
                instructions.append(instruction)
            }
            previousEndLine = lines.lineNumber
        }
        lineCount = lines.lineNumber
        problems += lineParser.problems
    }

    /// Drops a trailing escape character (and blanks after it): the instruction continues.
    private func stripContinuation(_ line: ArraySlice<UInt8>) -> (ArraySlice<UInt8>, continues: Bool) {
        var end = line.endIndex
        while end > line.startIndex, DockerBytes.isBlank(line[end - 1]) { end -= 1 }
        guard end > line.startIndex, line[end - 1] == escape else { return (line, false) }
        return (line[line.startIndex..<(end - 1)], true)
    }

    /// Heredoc bodies for RUN, COPY and ADD lines (and ONBUILD of those) in shell form.
    private mutating func readHeredocs(for text: String, startLine: Int) -> [Heredoc] {
        guard Self.mayHaveHeredocs(text) else { return [] }
        var heredocs: [Heredoc] = []
        for marker in HeredocMarker.markers(in: text) {
            var content: [UInt8] = []
            let firstLine = lines.lineNumber + 1
            var terminated = false
            while let line = lines.next() {
                let body = marker.stripsTabs ? line.drop { $0 == UInt8(ascii: "\t") } : line
                if body.elementsEqual(marker.name.utf8) {
                    terminated = true
                    break
                }
                content += body
                content.append(UInt8(ascii: "\n"))
            }
            guard terminated else {
                problems.append(DockerfileProblem(.error, line: startLine, "heredoc `<<\(marker.name)` is not terminated: no line `\(marker.name)` follows before the end of the file"))
                break
            }
            heredocs.append(Heredoc(
                name: marker.name, content: String(decoding: content, as: UTF8.self), stripsTabs: marker.stripsTabs,
                expandsVariables: marker.expandsVariables, firstLine: firstLine))
        }
        return heredocs
    }

    /// The keyword (or ONBUILD's trigger) reads heredocs and the arguments are not exec form.
    private static func mayHaveHeredocs(_ text: String) -> Bool {
        guard DockerBytes.contains(text, "<<") else { return false }
        var words = text.split(whereSeparator: { DockerfileWords.isSpace($0.asciiValue ?? 0) })[...]
        if let first = words.first, first.uppercased() == "ONBUILD" { words = words.dropFirst() }
        guard let keyword = words.first.flatMap(InstructionKeyword.init(word:)), keyword.acceptsHeredocs else { return false }
        let arguments = words.dropFirst().drop { $0.hasPrefix("--") }
        return arguments.first?.hasPrefix("[") != true
    }

    /// A `# escape=` or `# syntax=` below the top is only a comment; say so, since it looks like
    /// it takes effect.
    private mutating func noteMisplacedDirective(_ line: ArraySlice<UInt8>) {
        guard lines.lineNumber > directiveLines, let (name, _) = DirectiveScanner.directive(in: line), ParserDirective.known.contains(name) else { return }
        problems.append(DockerfileProblem(.warning, line: lines.lineNumber, "`\(name)` parser directive is ignored here: directives must come before any comment, blank line or instruction"))
    }
}
