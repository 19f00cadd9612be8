/// Finds Go template actions (`{{ .Values.image }}`, `{{- if .Values.enabled }}`) that Helm
/// would have replaced: a chart's template file, or a value copied from one, is not a manifest.
/// Actions inside comments are passed over: they change nothing YAML reads.
enum HelmTemplateSyntax {
    /// Whether a value holds a template action.
    static func isTemplate(_ value: String) -> Bool {
        guard let open = value.firstRange(of: "{{") else { return false }
        return value[open.upperBound...].contains("}}")
    }

    /// The 1-based line and column (in Unicode scalars, as libyaml counts) of the first action
    /// outside a comment.
    static func firstExpression(in text: Substring) -> (line: Int, column: Int)? {
        for (number, line) in ManifestLines(text) {
            guard let open = line.firstRange(of: "{{"), line[open.upperBound...].contains("}}") else { continue }
            if let comment = commentStart(in: line), comment < open.lowerBound { continue }
            return (number, line.unicodeScalars[..<open.lowerBound].count + 1)
        }
        return nil
    }

    /// Where a YAML comment begins: a `#` at the start of the line or after a space or tab.
    private static func commentStart(in line: Substring) -> Substring.Index? {
        var previous: Character = " "
        for index in line.indices {
            if line[index] == "#", previous == " " || previous == "\t" { return index }
            previous = line[index]
        }
        return nil
    }
}
