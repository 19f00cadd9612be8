import Yams

/// The images of every container in a Kubernetes object. Built-in workloads are read where the
/// API keeps their pod spec, and a field of the wrong shape on that path is a problem; any other
/// kind (a CRD, an Argo Rollout, a Knative Service) is searched for `containers`,
/// `initContainers` and `ephemeralContainers` lists wherever they are. A `List` (or `PodList`,
/// `DeploymentList`… from `kubectl get -o yaml`) is read item by item.
struct KubernetesImages {
    /// Where each built-in workload keeps its pod spec.
    static let podSpecPaths: [String: [String]] = [
        "Pod": ["spec"],
        "PodTemplate": ["template", "spec"],
        "Deployment": ["spec", "template", "spec"],
        "StatefulSet": ["spec", "template", "spec"],
        "DaemonSet": ["spec", "template", "spec"],
        "ReplicaSet": ["spec", "template", "spec"],
        "ReplicationController": ["spec", "template", "spec"],
        "Job": ["spec", "template", "spec"],
        "CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
    ]
    /// The API groups those kinds live in (`v1`, `apps/v1`, `batch/v1`, old `extensions/v1beta1`);
    /// a custom resource that reuses one of their names is searched like any other.
    static let builtInGroups: Set<String> = ["", "apps", "extensions", "batch"]
    static let containerLists = ["containers", "initContainers", "ephemeralContainers"]
    /// Lists inside lists, as deep as is followed.
    static let deepestList = 8

    private struct Owner {
        let kind: String?
        let name: String?
        let namespace: String?
    }

    private let document: ManifestDocument

    static func read(_ document: ManifestDocument, into collector: inout ManifestCollector) {
        KubernetesImages(document: document).object(document.root, field: .root, lists: 0, into: &collector)
    }

    private func object(_ node: Node, field: ManifestFieldPath, lists: Int, into collector: inout ManifestCollector) {
        guard case .mapping = node, collector.visit(node, in: document) else { return }
        let kind = collector.member("kind", of: node, in: document)?.text
        if let kind, kind.hasSuffix("List"), let items = collector.member("items", of: node, in: document) {
            listItems(items, field: field.key("items"), lists: lists, into: &collector)
            return
        }
        let metadata = collector.member("metadata", of: node, in: document)
        let owner = Owner(kind: kind, name: metadata.flatMap { collector.member("name", of: $0, in: document)?.text },
                          namespace: metadata.flatMap { collector.member("namespace", of: $0, in: document)?.text })
        if let kind, let path = Self.podSpecPaths[kind], isBuiltIn(node, &collector) {
            podSpec(at: path, in: node, field: field, owner: owner, into: &collector)
        } else if kind != "CustomResourceDefinition" {
            // A CRD is a schema: its `containers` are property definitions, and it is often
            // the largest document of all.
            search(node, field: field, owner: owner, depth: 0, into: &collector)
        }
    }

    private func listItems(_ items: Node, field: ManifestFieldPath, lists: Int, into collector: inout ManifestCollector) {
        guard case .sequence(let sequence) = items else {
            collector.problem(.wrongType, at: items, in: document, field: field, "\(field) is \(items.typeDescription); a List keeps its objects in a list")
            return
        }
        guard lists < Self.deepestList else {
            collector.problem(.unsupportedYAML, at: items, in: document, field: field, "Lists nested more than \(Self.deepestList) deep are not read")
            return
        }
        for (index, item) in sequence.enumerated() {
            guard case .mapping = item else {
                collector.problem(.wrongType, at: item, in: document, field: field.index(index),
                                  "\(field.index(index)) is \(item.typeDescription); a List's items are objects with a kind")
                continue
            }
            object(item, field: field.index(index), lists: lists + 1, into: &collector)
        }
    }

    private func isBuiltIn(_ object: Node, _ collector: inout ManifestCollector) -> Bool {
        guard let apiVersion = collector.member("apiVersion", of: object, in: document)?.text else { return true }
        let group = apiVersion.firstIndex(of: "/").map { String(apiVersion[..<$0]) } ?? ""
        return Self.builtInGroups.contains(group)
    }

    /// Follows `path` to the pod spec; a step that is there but not a mapping is a problem.
    private func podSpec(at path: [String], in object: Node, field: ManifestFieldPath, owner: Owner, into collector: inout ManifestCollector) {
        var node = object
        var field = field
        for key in path {
            guard let next = collector.member(key, of: node, in: document), !next.isNull else { return }
            field = field.key(key)
            guard case .mapping = next else {
                collector.problem(.wrongType, at: next, in: document, field: field, "\(field) is \(next.typeDescription); it must be a mapping")
                return
            }
            node = next
        }
        for list in Self.containerLists {
            guard let containers = collector.member(list, of: node, in: document) else { continue }
            self.containers(containers, field: field.key(list), list: list, owner: owner, strict: true, into: &collector)
        }
    }

    /// Looks for container lists anywhere under `node`; depth counts what aliases add to the text's nesting.
    private func search(_ node: Node, field: ManifestFieldPath, owner: Owner, depth: Int, into collector: inout ManifestCollector) {
        guard collector.visit(node, in: document) else { return }
        guard depth < ManifestYAMLGuard.deepestNesting else {
            collector.problem(.unsupportedYAML, at: node, in: document, field: field,
                              "nests deeper than \(ManifestYAMLGuard.deepestNesting) levels through aliases; the rest of this object is not read")
            return
        }
        switch node {
        case .mapping:
            for (key, value) in collector.members(of: node, in: document) {
                if Self.containerLists.contains(key), case .sequence = value {
                    containers(value, field: field.key(key), list: key, owner: owner, strict: false, into: &collector)
                } else {
                    search(value, field: field.key(key), owner: owner, depth: depth + 1, into: &collector)
                }
            }
        case .sequence(let sequence):
            for (index, element) in sequence.enumerated() {
                search(element, field: field.index(index), owner: owner, depth: depth + 1, into: &collector)
            }
        case .scalar, .alias:
            return
        }
    }

    /// The images of one container list. `strict` where the API defines the list: then a list
    /// that is not a list, or an item that is not a container, is a problem rather than
    /// someone else's field of the same name.
    private func containers(_ node: Node, field: ManifestFieldPath, list: String, owner: Owner, strict: Bool, into collector: inout ManifestCollector) {
        guard case .sequence(let items) = node else {
            if strict, !node.isNull {
                collector.problem(.wrongType, at: node, in: document, field: field, "\(field) is \(node.typeDescription); it must be a list of containers")
            }
            return
        }
        for (index, item) in items.enumerated() {
            guard collector.visit(item, in: document) else { return }
            let itemField = field.index(index)
            guard case .mapping = item else {
                if strict {
                    collector.problem(.wrongType, at: item, in: document, field: itemField, "\(itemField) is \(item.typeDescription); a container is a mapping")
                }
                continue
            }
            guard let image = collector.member("image", of: item, in: document) else { continue }
            let imageField = itemField.key("image")
            // Only a value that is not text can be an action YAML read as a mapping.
            if image.text.map(HelmTemplateSyntax.isTemplate) ?? document.isTemplate(image) {
                collector.problem(.unrenderedTemplate, at: image, in: document, field: imageField,
                                  "\(imageField) is Helm template syntax that was never rendered; render the chart (`helm template …`) and scan the output")
                continue
            }
            guard let written = collector.imageText(of: image, field: imageField, in: document) else { continue }
            let container = KubernetesContainer(kind: owner.kind, name: owner.name, namespace: owner.namespace,
                                                container: collector.member("name", of: item, in: document)?.text, list: list, helmSource: document.helmSource)
            collector.image(written, at: image, in: document, field: imageField, context: .container(container))
        }
    }
}
