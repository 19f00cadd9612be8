import Yams

/// The documents of a YAML stream, each cut at its `---` line and composed alone, so a syntax
/// error costs only the document it is in (libyaml stops the whole stream at the first one).
/// YAML forbids `---` at the start of a line inside any scalar, so the cut never splits a value.
/// Documents that are empty or only comments (Helm renders these for disabled templates) yield
/// nothing.
struct ManifestYAMLDocuments: Sequence, IteratorProtocol {
    enum Element {
        case document(ManifestDocument)
        case problem(ManifestProblem)
    }

    private struct Piece {
        let text: Substring
        /// Lines of the file before this piece.
        let lineOffset: Int
    }

    private let path: String
    private let pieces: [Piece]
    private var nextPiece = 0
    private var current: (parser: Parser, piece: Piece, helmSource: String?)?

    init(_ text: String, path: String) {
        self.path = path
        pieces = Self.pieces(of: text[...])
    }

    mutating func next() -> Element? {
        while true {
            if let (parser, piece, helmSource) = current {
                do {
                    guard let root = try parser.nextRoot() else {
                        current = nil
                        continue
                    }
                    if case .scalar(let scalar) = root, scalar.string.isEmpty, scalar.style == .plain { continue }
                    return .document(ManifestDocument(root: root, text: piece.text, lineOffset: piece.lineOffset, helmSource: helmSource))
                } catch {
                    current = nil
                    return .problem(problem(error, in: piece))
                }
            }
            guard nextPiece < pieces.count else { return nil }
            let piece = pieces[nextPiece]
            nextPiece += 1
            if let refusal = ManifestYAMLGuard.refusal(of: piece.text) {
                return .problem(ManifestProblem(.unsupportedYAML, path: path, line: piece.lineOffset + refusal.line, refusal.message))
            }
            do {
                // The basic resolver leaves plain scalars untyped: manifests are read as text,
                // and the few fields that must be text are typed where they are read. The
                // encoding is named because Yams's default reads the environment every time.
                let parser = try Parser(yaml: String(piece.text), resolver: .basic, encoding: .utf8)
                current = (parser, piece, Self.helmSource(of: piece.text))
            } catch {
                return .problem(problem(error, in: piece))
            }
        }
    }

    /// A template left unrendered is the likelier cause of a syntax error than YAML itself, and
    /// the more useful thing to say.
    private func problem(_ error: any Error, in piece: Piece) -> ManifestProblem {
        if let template = HelmTemplateSyntax.firstExpression(in: piece.text) {
            return ManifestProblem(.unrenderedTemplate, path: path, line: piece.lineOffset + template.line, column: template.column,
                                   "Helm template syntax `{{ … }}` that was never rendered, so this document is not YAML yet; "
                                       + "render the chart (`helm template …`) and scan the output")
        }
        let (line, column, what) = Self.describe(error, in: piece)
        return ManifestProblem(.malformedYAML, path: path, line: line.map { $0 + piece.lineOffset }, column: column,
                               "YAML syntax error: \(what); fix this document (the file's other documents are still read)")
    }

    /// Where and what, from libyaml's report, with the lines of the file rather than the document.
    private static func describe(_ error: any Error, in piece: Piece) -> (line: Int?, column: Int?, String) {
        guard let error = error as? YamlError else { return (nil, nil, "\(error)") }
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line + piece.lineOffset))" } ?? ""
            return (mark.line, mark.column, "\(problem)\(during)")
        case .reader(let problem, let offset, _, _):
            let line = offset.map { offset in piece.text.utf8.prefix(offset).count { $0 == UInt8(ascii: "\n") } + 1 }
            return (line, nil, problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, context.mark.column, "the key \(duplicates.joined(separator: ", ")) appears twice in one mapping")
        default:
            return (nil, nil, "\(error)")
        }
    }

    /// Cuts before every `---` line; directive lines (`%YAML 1.2`) stay with the `---` after them.
    private static func pieces(of text: Substring) -> [Piece] {
        var pieces: [Piece] = []
        var start = text.startIndex
        var startLine = 0
        var inPrologue = false
        for (number, line) in ManifestLines(text) {
            let isDirective = line.utf8.first == UInt8(ascii: "%")
            let isDocumentStart = Self.isDocumentStart(line)
            let content = ManifestLines.trimmed(line)
            if isDirective || isDocumentStart, !inPrologue, line.startIndex > start {
                pieces.append(Piece(text: text[start..<line.startIndex], lineOffset: startLine))
                start = line.startIndex
                startLine = number - 1
            }
            if isDirective {
                inPrologue = true
            } else if isDocumentStart || !(content.isEmpty || content.first == "#") {
                inPrologue = false
            }
        }
        pieces.append(Piece(text: text[start...], lineOffset: startLine))
        return pieces
    }

    private static func isDocumentStart(_ line: Substring) -> Bool {
        guard line.utf8.starts(with: "---".utf8) else { return false }
        let after = line.utf8.dropFirst(3).first
        return after == nil || after == UInt8(ascii: " ") || after == UInt8(ascii: "\t") || after == UInt8(ascii: "\r")
    }

    /// `chart/templates/deployment.yaml` from the `# Source:` comment `helm template` writes at
    /// the top of each document.
    private static func helmSource(of text: Substring) -> String? {
        for (_, line) in ManifestLines(text) where !Self.isDocumentStart(line) {
            let content = ManifestLines.trimmed(line)
            if content.isEmpty { continue }
            guard content.first == "#" else { return nil }
            let comment = ManifestLines.trimmed(content.dropFirst())
            if comment.hasPrefix("Source:") {
                let source = ManifestLines.trimmed(comment.dropFirst("Source:".count))
                return source.isEmpty ? nil : String(source)
            }
        }
        return nil
    }
}
