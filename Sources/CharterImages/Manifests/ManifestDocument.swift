import Yams

/// One YAML document of a manifest file, composed on its own so that a broken document does not
/// hide the others. Yams marks count from the document's first line; this turns them into the
/// file's lines.
struct ManifestDocument {
    let root: Node
    /// The document's text, for looking at what an unrendered template left behind.
    let text: Substring
    /// The file line just before `text` begins.
    let lineOffset: Int
    /// The chart template a Helm-rendered document came from: its `# Source:` comment.
    let helmSource: String?

    /// The file's 1-based line and column of a node; a node without a mark (never made by the
    /// parser) is placed at the document's first line.
    func position(of node: Node) -> (line: Int, column: Int) {
        guard let mark = node.mark else { return (lineOffset + 1, 1) }
        return (lineOffset + mark.line, mark.column)
    }

    /// Whether the node's own text starts with `{{`: Helm syntax that YAML read as a flow
    /// mapping (`image: {{ .Values.image }}`) rather than as the text it was meant to become.
    func isTemplate(_ node: Node) -> Bool {
        guard let mark = node.mark, let line = ManifestLines.line(mark.line, of: text) else { return false }
        return line.unicodeScalars.dropFirst(mark.column - 1).starts(with: "{{".unicodeScalars)
    }
}
