/// Where a value stands in a document, as people write it: `spec.template.spec.containers[0].image`.
/// A key that a dot or bracket would make ambiguous is quoted: `metadata.labels["app.kubernetes.io/name"]`.
struct ManifestFieldPath: CustomStringConvertible {
    private(set) var description = ""

    static let root = ManifestFieldPath()

    func key(_ name: String) -> ManifestFieldPath {
        var path = self
        let ambiguous = name.utf8.contains { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: " ") }
        if name.isEmpty || ambiguous {
            path.description += "[\"\(name)\"]"
        } else {
            path.description += description.isEmpty ? name : "." + name
        }
        return path
    }

    func index(_ position: Int) -> ManifestFieldPath {
        var path = self
        path.description += "[\(position)]"
        return path
    }

    /// Several keys in turn: `spec`, `template`, `spec`.
    func keys(_ names: [String]) -> ManifestFieldPath {
        names.reduce(self) { $0.key($1) }
    }
}
