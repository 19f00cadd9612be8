import CharterCore

/// One container image reference a deploy manifest names, as written, with where it stands and
/// which workload or service runs it. Only the raw text: parsing it into registry, repository,
/// tag and digest is the image policy's business.
package struct ManifestImage: Sendable, Hashable, Codable {
    /// The reference to check. For Compose it is the text after `${VAR:-default}` interpolation
    /// from the defaults written in the file; otherwise it is `written`.
    package let reference: String
    /// The value exactly as the file holds it (after YAML unquoting), so a report can show both.
    package let written: String
    /// Where the value stands, relative to the scanned root. An alias (`image: *base`) has no
    /// text of its own, so it points at the anchored value, which is where a fix is made.
    package let path: String
    package let line: Int
    package let column: Int
    /// The field that holds it: `spec.template.spec.containers[0].image`, `services.web.image`.
    package let field: String
    package let context: ManifestImageContext

    package init(reference: String, written: String, path: String, line: Int, column: Int, field: String, context: ManifestImageContext) {
        self.reference = reference
        self.written = written
        self.path = path
        self.line = line
        self.column = column
        self.field = field
        self.context = context
    }

    package var location: SourceLocation { SourceLocation(path: path, line: line, column: column) }
}

/// What runs an image: a container of a Kubernetes object, or a Compose service.
package enum ManifestImageContext: Sendable, Hashable, Codable {
    case container(KubernetesContainer)
    case service(ComposeService)

    /// `Deployment/web container app`, `service api`: short enough for a finding's title.
    package var summary: String {
        switch self {
        case .container(let container): container.summary
        case .service(let service): service.summary
        }
    }
}

/// A container (or init or ephemeral container) of a Kubernetes object.
package struct KubernetesContainer: Sendable, Hashable, Codable {
    /// The object's `kind`; nil when the document has none.
    package let kind: String?
    /// `metadata.name` and `metadata.namespace` when they are text.
    package let name: String?
    package let namespace: String?
    /// The container's `name`, when it is text.
    package let container: String?
    /// `containers`, `initContainers` or `ephemeralContainers`.
    package let list: String
    /// The chart template a Helm-rendered document came from (its `# Source:` comment).
    package let helmSource: String?

    package init(kind: String?, name: String?, namespace: String?, container: String?, list: String, helmSource: String?) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.container = container
        self.list = list
        self.helmSource = helmSource
    }

    package var summary: String {
        let object = [kind ?? "object", name].compactMap(\.self).joined(separator: "/")
        let role = switch list {
        case "initContainers": "init container"
        case "ephemeralContainers": "ephemeral container"
        default: "container"
        }
        return container.map { "\(object) \(role) \($0)" } ?? "\(object) \(role)"
    }
}

/// A Compose service that names an image.
package struct ComposeService: Sendable, Hashable, Codable {
    package let name: String
    /// The service also has `build:`: Compose builds the image and tags it with this reference,
    /// so the base image to judge is the one in the Dockerfile the build names.
    package let builds: Bool

    package init(name: String, builds: Bool) {
        self.name = name
        self.builds = builds
    }

    package var summary: String { builds ? "service \(name) (built here)" : "service \(name)" }
}
