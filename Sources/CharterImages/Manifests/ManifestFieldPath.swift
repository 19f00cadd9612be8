/// Where a value stands in a document, as people write it: `spec.template.spec.containers[0].image`.
/// A key that a dot or bracket would make ambiguous is quoted: `metadata.labels["app.kubernetes.io/name"]`.
struct ManifestFieldPath: CustomStringConvertible {
    private(set) var description = ""

    static let root = ManifestFieldPath()

    private static let ambiguous: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "\""), UInt8(ascii: " ")]

    func key(_ name: String) -> ManifestFieldPath {
        var path = self
        if name.isEmpty || name.utf8.contains(where: Self.ambiguous.contains) {
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
