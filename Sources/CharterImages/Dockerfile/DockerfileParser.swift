/// Parses a Dockerfile the way BuildKit reads it, in one pass over the lines, and never fails:
/// whatever Docker would reject is reported as a `DockerfileProblem` on its line and the rest of
/// the file is still parsed, so the rules can check everything that is readable.
///
/// - Parser directives (`# syntax=`, `# escape=`, `# check=`) count only at the very top; the
///   escape character they choose (`\` or a backtick) continues lines and escapes characters.
/// - A line ending in the escape character (blanks after it allowed) continues on the next line.
///   Comment lines and empty lines inside a continuation are skipped (an empty one is warned
///   about); continuation lines keep their leading blanks, as in Docker.
/// - RUN, COPY and ADD (also under ONBUILD) read heredocs: for each `<<NAME` on the line, in
///   order, the lines up to a line equal to NAME (after leading tabs, for `<<-NAME`).
/// - Instructions keep the 1-based lines they span, heredoc bodies included.
package enum DockerfileParser {
    package static func parse(_ text: String) -> Dockerfile {
        let lines = SourceLines(text)
        let directives = DirectiveScanner(lines)
        var reader = InstructionReader(lines: lines, directives: directives)
        reader.readAll()
        var assembler = StageAssembler(instructions: reader.instructions, escape: directives.escape)
        assembler.assemble()
        return Dockerfile(
            directives: directives.directives, escape: directives.escape, instructions: reader.instructions,
            stages: assembler.stages, globalArguments: assembler.globalArguments,
            problems: byLine(directives.problems + reader.problems + assembler.problems),
            lineCount: reader.lineCount)
    }

    /// Ordered by line, keeping the order found within a line.
    private static func byLine(_ problems: [DockerfileProblem]) -> [DockerfileProblem] {
        problems.enumerated().sorted { ($0.element.line, $0.offset) < ($1.element.line, $1.offset) }.map(\.element)
    }
}
