import CharterCore

/// Why part of a manifest could not be read for image references, and where. A problem is not an
/// image: a gate that must see every image treats any problem as a reason to fail closed.
package struct ManifestProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    package enum Kind: String, Sendable, Codable {
        /// The file could not be opened, is not UTF-8, or is not a regular file.
        case unreadable
        /// A YAML syntax error; the other documents of the file are still read.
        case malformedYAML
        /// YAML that parses but that Charter refuses to expand: an alias inside a mapping key,
        /// or nesting deeper than any manifest needs.
        case unsupportedYAML
        /// Helm template syntax (`{{ .Values.image }}`) that was never rendered.
        case unrenderedTemplate
        /// A field that should be text is a list, a mapping, a number, true/false or empty.
        case wrongType
        /// A Compose `${VAR}` with no default, or a malformed interpolation.
        case unresolvedVariable
        /// Past the size or work bound.
        case tooLarge
    }

    package let kind: Kind
    package let path: String
    /// 1-based; nil when the problem concerns the whole file.
    package let line: Int?
    package let column: Int?
    /// The field at fault (`spec.template.spec.containers[0].image`), when there is one.
    package let field: String?
    /// What is wrong and what to do.
    package let message: String

    package init(_ kind: Kind, path: String, line: Int? = nil, column: Int? = nil, field: String? = nil, _ message: String) {
        self.kind = kind
        self.path = path
        self.line = line
        self.column = column
        self.field = field
        self.message = message
    }

    /// `k8s/app.yaml:12:14: spec.template.spec.containers[0].image is a mapping, …`
    package var description: String {
        let position = [line, column].compactMap(\.self).map(String.init).joined(separator: ":")
        return position.isEmpty ? "\(path): \(message)" : "\(path):\(position): \(message)"
    }
}
