import Yams

/// The images of a Compose file's services (`services.<name>.image`), with `${VAR:-default}`
/// interpolated from the file's own defaults, and the services that only `build:` theirs.
enum ComposeImages {
    static func read(_ document: ManifestDocument, into collector: inout ManifestCollector) {
        let root = document.root
        guard case .mapping = root else {
            collector.problem(.wrongType, at: root, in: document, field: nil, "a Compose file is a mapping with `services:`, not \(root.typeDescription)")
            return
        }
        guard let services = collector.member("services", of: root, in: document), !services.isNull else { return }
        let servicesField = ManifestFieldPath.root.key("services")
        guard case .mapping = services else {
            collector.problem(.wrongType, at: services, in: document, field: servicesField,
                              "services is \(services.typeDescription); it must map each service's name to its settings")
            return
        }
        for (name, service) in collector.members(of: services, in: document) {
            guard collector.visit(service, in: document) else { return }
            let field = servicesField.key(name)
            guard case .mapping = service else {
                collector.problem(.wrongType, at: service, in: document, field: field, "\(field) is \(service.typeDescription); a service is a mapping")
                continue
            }
            let build = collector.member("build", of: service, in: document).flatMap { $0.isNull ? nil : $0 }
            if let image = collector.member("image", of: service, in: document), !image.isNull || build == nil {
                self.image(image, service: name, builds: build != nil, field: field.key("image"), in: document, into: &collector)
            } else if let build {
                collector.scan.builtServices.append(built(name, build, in: document, into: &collector))
            }
        }
    }

    private static func image(_ node: Node, service: String, builds: Bool, field: ManifestFieldPath, in document: ManifestDocument,
                              into collector: inout ManifestCollector) {
        guard let written = collector.imageText(of: node, field: field, in: document) else { return }
        switch ComposeInterpolation.interpolate(written) {
        case .text(let reference) where !reference.isEmpty:
            collector.image(written, reference: reference, at: node, in: document, field: field, context: .service(ComposeService(name: service, builds: builds)))
        case .text:
            collector.problem(.unresolvedVariable, at: node, in: document, field: field,
                              "\(field) `\(written)` comes out empty without its variables; give it a default such as `${TAG:-1.4}`")
        case .unknown(let reason):
            collector.problem(.unresolvedVariable, at: node, in: document, field: field,
                              "\(field) `\(written)`: \(reason); give it a default (`${IMAGE:-registry.example.com/app:1.4}`) to have it checked")
        }
    }

    /// `build: ./api` or `build: {context: ./api, dockerfile: Dockerfile.prod}`.
    private static func built(_ service: String, _ build: Node, in document: ManifestDocument, into collector: inout ManifestCollector) -> ComposeBuild {
        let (line, column) = document.position(of: build)
        let context = build.text ?? collector.member("context", of: build, in: document)?.text
        let dockerfile = collector.member("dockerfile", of: build, in: document)?.text
        return ComposeBuild(service: service, path: collector.path, line: line, column: column,
                            context: context.map(interpolated) ?? ".", dockerfile: dockerfile.map(interpolated))
    }

    /// The interpolated text, or the text as written when a variable has no default: a build
    /// path is shown to people, not judged.
    private static func interpolated(_ text: String) -> String {
        if case .text(let value) = ComposeInterpolation.interpolate(text) { return value }
        return text
    }
}
