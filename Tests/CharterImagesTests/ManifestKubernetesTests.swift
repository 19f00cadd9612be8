@testable import CharterImages
import Testing

/// Kubernetes objects: every built-in workload at its own pod-spec path, Lists, Helm-rendered
/// streams, custom resources by the generic rule, anchors and merge keys, and files with no image.
@Suite struct ManifestKubernetesTests {
    struct Workload: Sendable, CustomTestStringConvertible {
        let kind: String
        let apiVersion: String
        /// The keys from the object down to its pod spec.
        let path: [String]

        var testDescription: String { kind }

        /// The object with one container, one init container and, for bare Pods, one ephemeral
        /// container, nested under `path`, each key two spaces deeper.
        var yaml: String {
            var lines = ["apiVersion: \(apiVersion)", "kind: \(kind)", "metadata:", "  name: web", "  namespace: shop"]
            for (depth, key) in path.enumerated() {
                lines.append(String(repeating: "  ", count: depth) + key + ":")
            }
            let indent = String(repeating: "  ", count: path.count)
            lines += [
                indent + "initContainers:",
                indent + "  - name: migrate",
                indent + "    image: registry.example.com/migrate:2.0",
                indent + "containers:",
                indent + "  - name: app",
                indent + "    image: registry.example.com/app@sha256:" + String(repeating: "a", count: 64),
                indent + "    ports: [{containerPort: 8080}]",
                indent + "  - name: sidecar",
                indent + "    image: \"envoyproxy/envoy:v1.30\"",
            ]
            if kind == "Pod" {
                lines += [indent + "ephemeralContainers:", indent + "  - name: debug", indent + "    image: busybox"]
            }
            return lines.joined(separator: "\n") + "\n"
        }
    }

    static let workloads: [Workload] = [
        Workload(kind: "Pod", apiVersion: "v1", path: ["spec"]),
        Workload(kind: "PodTemplate", apiVersion: "v1", path: ["template", "spec"]),
        Workload(kind: "Deployment", apiVersion: "apps/v1", path: ["spec", "template", "spec"]),
        Workload(kind: "StatefulSet", apiVersion: "apps/v1", path: ["spec", "template", "spec"]),
        Workload(kind: "DaemonSet", apiVersion: "apps/v1", path: ["spec", "template", "spec"]),
        Workload(kind: "ReplicaSet", apiVersion: "apps/v1", path: ["spec", "template", "spec"]),
        Workload(kind: "ReplicationController", apiVersion: "v1", path: ["spec", "template", "spec"]),
        Workload(kind: "Job", apiVersion: "batch/v1", path: ["spec", "template", "spec"]),
        Workload(kind: "Deployment", apiVersion: "extensions/v1beta1", path: ["spec", "template", "spec"]),
        Workload(kind: "CronJob", apiVersion: "batch/v1", path: ["spec", "jobTemplate", "spec", "template", "spec"]),
    ]

    @Test(arguments: workloads)
    func everyWorkloadKindAtItsPodSpec(_ workload: Workload) {
        let scan = ManifestImages.scan(workload.yaml, path: "k8s/web.yaml")
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        let spec = workload.path.joined(separator: ".")
        let first = 6 + workload.path.count
        let column = 2 * workload.path.count + 12
        var expected = [
            "\(first + 2):\(column) registry.example.com/migrate:2.0 \(spec).initContainers[0].image (\(workload.kind)/web init container migrate)",
            "\(first + 5):\(column) registry.example.com/app@sha256:\(String(repeating: "a", count: 64)) \(spec).containers[0].image (\(workload.kind)/web container app)",
            "\(first + 8):\(column) envoyproxy/envoy:v1.30 \(spec).containers[1].image (\(workload.kind)/web container sidecar)",
        ]
        if workload.kind == "Pod" {
            expected.append("\(first + 11):\(column) busybox spec.ephemeralContainers[0].image (Pod/web ephemeral container debug)")
        }
        #expect(ManifestSummary.images(scan).sorted() == expected.sorted())
        #expect(scan.images.allSatisfy { $0.path == "k8s/web.yaml" && $0.written == $0.reference })
        guard case .container(let container) = scan.images.first?.context else {
            Issue.record("not a container: \(String(describing: scan.images.first))")
            return
        }
        #expect(container.namespace == "shop")
        #expect(container.helmSource == nil)
    }

    /// `kubectl get -o yaml` writes a `List` (or `DeploymentList`…), each item a whole object.
    @Test(arguments: ["List", "DeploymentList"])
    func listsAreReadItemByItem(_ kind: String) {
        let yaml = """
            apiVersion: v1
            kind: \(kind)
            items:
            - apiVersion: apps/v1
              kind: Deployment
              metadata: {name: api}
              spec:
                template:
                  spec:
                    containers:
                    - {name: api, image: "ghcr.io/acme/api:1.4"}
            - apiVersion: v1
              kind: Service
              metadata: {name: api}
              spec: {ports: [{port: 80}]}
            - apiVersion: v1
              kind: List
              items:
              - apiVersion: v1
                kind: Pod
                metadata: {name: one-off}
                spec:
                  containers:
                  - name: shell
                    image: alpine:3.20
            metadata:
              resourceVersion: ""

            """
        let scan = ManifestImages.scan(yaml, path: "dump.yaml")
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(ManifestSummary.images(scan) == [
            "11:30 ghcr.io/acme/api:1.4 items[0].spec.template.spec.containers[0].image (Deployment/api container api)",
            "25:16 alpine:3.20 items[2].items[0].spec.containers[0].image (Pod/one-off container shell)",
        ])
    }

    /// `helm template` output: a `# Source:` comment opening each document, documents that
    /// rendered to nothing or to comments only, and a Windows line ending or two.
    @Test func helmRenderedStream() {
        let yaml = """
            ---
            # Source: shop/templates/serviceaccount.yaml
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: shop
            ---
            # Source: shop/templates/hpa.yaml
            # autoscaling is disabled in values.yaml
            ---
            ---
            # Source: shop/templates/deployment.yaml
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: shop-web
              labels:
                app.kubernetes.io/name: shop
            spec:
              template:
                spec:
                  containers:
                    - name: web\r
                      image: "registry.example.com/shop/web:3.1.0"\r
                      args: ["--port", "8080"]
            ---
            # Source: shop/templates/tests/test-connection.yaml
            apiVersion: v1
            kind: Pod
            metadata:
              name: "shop-test-connection"
              annotations:
                "helm.sh/hook": test
            spec:
              containers:
                - name: wget
                  image: busybox:1.36
              restartPolicy: Never

            """
        let scan = ManifestImages.scan(yaml, path: "rendered.yaml")
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(ManifestSummary.images(scan) == [
            "24:18 registry.example.com/shop/web:3.1.0 spec.template.spec.containers[0].image (Deployment/shop-web container web)",
            "37:14 busybox:1.36 spec.containers[0].image (Pod/shop-test-connection container wget)",
        ])
        let sources = scan.images.map { image -> String? in
            guard case .container(let container) = image.context else { return nil }
            return container.helmSource
        }
        #expect(sources == ["shop/templates/deployment.yaml", "shop/templates/tests/test-connection.yaml"])
    }

    /// Kinds Charter does not know are searched for container lists wherever they are; a built-in
    /// kind's name in a custom API group is such a kind too.
    @Test func customResourcesByTheGenericRule() {
        let yaml = """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: canary
            spec:
              strategy:
                canary: {steps: [{setWeight: 20}]}
              template:
                spec:
                  initContainers:
                  - name: warm
                    image: registry.example.com/warm:1
                  containers:
                  - name: app
                    image: registry.example.com/app:2
            ---
            apiVersion: example.com/v1
            kind: Deployment
            metadata:
              name: not-apps
            spec:
              workers:
                pool:
                  containers:
                  - image: registry.example.com/worker:3
                  - name: no-image-here
              ephemeralContainers:
              - name: debug
                image: busybox
              containers: 3
              settings:
                containers: {count: 2}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.com
            spec:
              versions:
              - name: v1
                schema:
                  openAPIV3Schema:
                    properties:
                      containers:
                        type: array
                        items: {type: object, properties: {image: {type: string}}}

            """
        let scan = ManifestImages.scan(yaml, path: "crds.yaml")
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(ManifestSummary.images(scan) == [
            "12:16 registry.example.com/warm:1 spec.template.spec.initContainers[0].image (Rollout/canary init container warm)",
            "15:16 registry.example.com/app:2 spec.template.spec.containers[0].image (Rollout/canary container app)",
            "25:16 registry.example.com/worker:3 spec.workers.pool.containers[0].image (Deployment/not-apps container)",
            "29:12 busybox spec.ephemeralContainers[0].image (Deployment/not-apps ephemeral container debug)",
        ])
    }

    /// Anchors, aliases and merge keys are resolved; an aliased image is placed at its anchor
    /// (`&image`, just before the text), and named by the field that uses it.
    @Test func anchorsAliasesAndMergeKeys() {
        let yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
            spec:
              template:
                spec:
                  containers:
                  - &app
                    name: app
                    image: &image registry.example.com/api:5.2
                    env: [{name: MODE, value: web}]
                  - <<: *app
                    name: worker
                  - name: cron
                    image: *image
                  - <<: [{name: overridden, image: "registry.example.com/merged:1"}, *app]
                    name: merged

            """
        let scan = ManifestImages.scan(yaml, path: "api.yaml")
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(ManifestSummary.images(scan) == [
            "11:16 registry.example.com/api:5.2 spec.template.spec.containers[0].image (Deployment/api container app)",
            "11:16 registry.example.com/api:5.2 spec.template.spec.containers[1].image (Deployment/api container worker)",
            "11:16 registry.example.com/api:5.2 spec.template.spec.containers[2].image (Deployment/api container cron)",
            "17:40 registry.example.com/merged:1 spec.template.spec.containers[3].image (Deployment/api container merged)",
        ])
    }

    @Test(arguments: [
        ("service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n"),
        ("config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  app.yaml: |\n    containers:\n    - image: not-a-real-one\n"),
        ("empty.yaml", ""),
        ("comments.yaml", "# nothing rendered\n---\n# still nothing\n...\n"),
        ("pod-without-image.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec:\n  containers:\n  - name: app\n"),
    ])
    func filesWithoutImagesYieldNothing(_ path: String, _ yaml: String) {
        let scan = ManifestImages.scan(yaml, path: path)
        #expect(scan.images.isEmpty)
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(scan.files == [path])
    }

    /// A byte order mark is not a column, and CRLF files keep their lines.
    @Test func byteOrderMarkAndCRLF() {
        let yaml = "\u{FEFF}apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: bom\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: nginx:1.27\r\n"
        let scan = ManifestImages.scan(yaml, path: "bom.yaml")
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(ManifestSummary.images(scan) == ["8:12 nginx:1.27 spec.containers[0].image (Pod/bom container a)"])
    }
}
