/// Reads the parser directives at the very top of a Dockerfile. Directive lines look like
/// `# name=value` (blanks allowed around `#`, the name and `=`; the name is case-insensitive).
/// The first line that is not a known directive (an empty line, another comment, an unknown
/// directive, an instruction) ends them; any directive after that is only a comment.
struct DirectiveScanner {
    private(set) var directives: [ParserDirective] = []
    private(set) var problems: [DockerfileProblem] = []
    private(set) var escape = UInt8(ascii: "\\")
    /// Number of lines the directives occupy.
    private(set) var lineCount = 0

    init(_ lines: SourceLines) {
        var lines = lines
        while let line = lines.next(), let (name, value) = Self.directive(in: line), ParserDirective.known.contains(name) {
            lineCount = lines.lineNumber
            guard !directives.contains(where: { $0.name == name }) else {
                problems.append(DockerfileProblem(.error, line: lineCount, "only one `\(name)` parser directive may be used"))
                continue
            }
            directives.append(ParserDirective(name: name, value: value, line: lineCount))
            if name == "escape" { readEscape(value) }
        }
    }

    private mutating func readEscape(_ value: String) {
        switch value {
        case "\\": escape = UInt8(ascii: "\\")
        case "`": escape = UInt8(ascii: "`")
        default:
            problems.append(DockerfileProblem(.error, line: lineCount, "invalid escape character `\(value)`: the escape directive takes `\\` or a backtick"))
        }
    }

    /// `(lowercased name, value)` when `line` has the shape of a directive, known or not.
    static func directive(in line: ArraySlice<UInt8>) -> (String, String)? {
        var rest = SourceLines.trimmingLeadingSpace(line)
        guard rest.first == UInt8(ascii: "#") else { return nil }
        rest = rest.dropFirst().drop { DockerBytes.isBlank($0) }
        guard let first = rest.first, DockerBytes.isLetter(first) else { return nil }
        let name = rest.prefix { DockerBytes.isAlphanumeric($0) }
        rest = rest[name.endIndex...].drop { DockerBytes.isBlank($0) }
        guard rest.first == UInt8(ascii: "=") else { return nil }
        var value = rest.dropFirst().drop { DockerBytes.isBlank($0) }
        while let last = value.last, DockerBytes.isBlank(last) { value = value.dropLast() }
        guard !value.isEmpty else { return nil }
        return (String(decoding: name, as: UTF8.self).lowercased(), String(decoding: value, as: UTF8.self))
    }
}
