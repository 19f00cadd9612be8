/// The two kinds of deploy manifest whose image references Charter reads.
package enum ManifestFormat: String, Sendable, Codable, CaseIterable {
    /// Kubernetes objects in YAML, including `helm template` output and `kubectl get -o yaml` Lists.
    case kubernetes
    /// A Compose file (`compose.yaml`, `docker-compose.yml`, and their variants).
    case compose

    /// Compose by file name: `compose.yaml`, `compose.yml`, `docker-compose.yaml`,
    /// `docker-compose.yml`, and variants such as `compose.override.yaml` or
    /// `docker-compose.prod.yml`. Any other name is nil: Kubernetes files have no fixed name.
    package static func named(_ path: String) -> ManifestFormat? {
        let name = path.split(separator: "/").last.map { $0.lowercased() } ?? ""
        guard let stem = yamlStem(of: name) else { return nil }
        return ["compose", "docker-compose"].contains { stem == $0 || stem.hasPrefix($0 + ".") } ? .compose : nil
    }

    /// Whether the name ends in `.yaml` or `.yml`.
    package static func isYAML(_ path: String) -> Bool {
        yamlStem(of: path.lowercased()) != nil
    }

    private static func yamlStem(of name: String) -> Substring? {
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) && name.count > suffix.count {
            return name.dropLast(suffix.count)
        }
        return nil
    }

    /// Whether some document of the text has both `apiVersion:` and `kind:` at its top level, as
    /// every Kubernetes object does; `---` starts a new document. A chart's `values.yaml`, a CI
    /// workflow or an OpenAPI file has no such document.
    package static func looksLikeKubernetes(_ text: Substring) -> Bool {
        var hasAPIVersion = false
        var hasKind = false
        for (_, line) in ManifestLines(text) {
            if line.hasPrefix("---") {
                hasAPIVersion = false
                hasKind = false
            } else if line.hasPrefix("apiVersion:") {
                hasAPIVersion = true
            } else if line.hasPrefix("kind:") {
                hasKind = true
            }
            if hasAPIVersion && hasKind { return true }
        }
        return false
    }
}
