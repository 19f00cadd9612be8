import CharterTestSupport
@testable import CharterImages
import Foundation
import Testing

/// Finding manifests under a folder: Compose files by name, Kubernetes YAML by content,
/// installed and generated trees skipped, Helm chart templates listed instead of read.
@Suite struct ManifestFinderTests {
    /// A project tree written from relative paths; removed at the end of each test.
    struct Project {
        let folder: TemporaryDirectory

        init(_ files: [String: String]) throws {
            folder = try TemporaryDirectory("manifests")
            for (relative, text) in files {
                let path = folder.file(relative)
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: path, atomically: false, encoding: .utf8)
            }
        }
    }

    static let deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: web, image: nginx:1.27}\n"

    @Test func findsManifestsByNameAndContent() throws {
        let project = try Project([
            "compose.yaml": "services:\n  db:\n    image: postgres:16\n  api:\n    build: ./api\n",
            "deploy/docker-compose.prod.yml": "services:\n  web:\n    image: ${WEB:-registry.example.com/web:2}\n",
            "k8s/web.yaml": Self.deployment,
            "k8s/rendered.yml": "# Source: x/templates/cm.yaml\napiVersion: v1\nkind: ConfigMap\n---\n" + Self.deployment.replacingOccurrences(of: "nginx:1.27", with: "redis:7"),
            "k8s/notes.md": Self.deployment,
            ".github/workflows/ci.yml": "name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    container: {image: node:20}\n",
            "openapi.yaml": "openapi: 3.1.0\ninfo: {title: api, version: '1'}\n",
            "config/kind-only.yaml": "kind: Widget\nspec: {containers: [{image: nope}]}\n",
            "node_modules/pkg/compose.yaml": "services:\n  x:\n    image: skipped\n",
            "vendor/k8s.yaml": Self.deployment,
            ".git/compose.yaml": "services:\n  x:\n    image: skipped\n",
            "build/k8s.yaml": Self.deployment,
            "chart/Chart.yaml": "apiVersion: v2\nname: chart\nversion: 0.1.0\n",
            "chart/values.yaml": "image:\n  repository: nginx\n  tag: latest\n",
            "chart/templates/deployment.yaml": "{{- if .Values.enabled }}\n" + Self.deployment + "{{- end }}\n",
            "chart/crds/widget.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\n",
            "chart/charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
            "chart/charts/sub/templates/pod.yaml": "apiVersion: v1\nkind: Pod\nspec: {{ .Values.spec }}\n",
        ])
        defer { project.folder.remove() }
        let scan = try ManifestFinder(root: project.folder.path).scan()
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(scan.files == ["chart/crds/widget.yaml", "compose.yaml", "deploy/docker-compose.prod.yml", "k8s/rendered.yml", "k8s/web.yaml"])
        #expect(scan.charts == ["chart", "chart/charts/sub"])
        #expect(scan.images.map { "\($0.path):\($0.line) \($0.reference)" }.sorted() == [
            "compose.yaml:3 postgres:16", "deploy/docker-compose.prod.yml:3 registry.example.com/web:2",
            "k8s/rendered.yml:12 redis:7", "k8s/web.yaml:8 nginx:1.27",
        ])
        #expect(scan.builtServices.map { "\($0.path) \($0.service) \($0.context)" } == ["compose.yaml api ./api"])
    }

    /// A file named on the command line is read whatever it looks like; a missing root is an error.
    @Test func explicitFilesAndMissingRoots() throws {
        let project = try Project(["manifest.txt": "kind: Pod\nspec:\n  containers:\n  - image: alpine\n", "broken.yaml": "apiVersion: v1\nkind: Pod\n  bad: indent\n"])
        defer { project.folder.remove() }
        let explicit = try ManifestFinder(root: project.folder.file("manifest.txt")).scan()
        #expect(explicit.images.map(\.reference) == ["alpine"])
        #expect(explicit.files == ["manifest.txt"])
        let folder = try ManifestFinder(root: project.folder.path).scan()
        #expect(ManifestSummary.problems(folder) == ["malformedYAML 3:6 -"])
        #expect(folder.problems.first?.path == "broken.yaml")
        #expect(throws: ManifestError.self) { try ManifestFinder(root: project.folder.file("absent")).scan() }
    }

    /// Symlinks are not followed (as in the dependency inventory), and an oversized file is a
    /// problem only when it looks like a manifest.
    @Test func symlinksAndOversizedFiles() throws {
        let project = try Project(["real/pod.yaml": "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: alpine\n"])
        defer { project.folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: project.folder.file("linked.yaml"), withDestinationPath: project.folder.file("real/pod.yaml"))
        try FileManager.default.createSymbolicLink(atPath: project.folder.file("loop"), withDestinationPath: project.folder.path)
        let padding = String(repeating: "# padding\n", count: ManifestImages.largestFile / 10 + 1)
        try ("apiVersion: v1\nkind: List\nitems: []\n" + padding).write(toFile: project.folder.file("huge-list.yaml"), atomically: false, encoding: .utf8)
        try ("data:\n" + padding).write(toFile: project.folder.file("huge-data.yaml"), atomically: false, encoding: .utf8)
        let scan = try ManifestFinder(root: project.folder.path).scan()
        #expect(scan.images.map { "\($0.path) \($0.reference)" } == ["real/pod.yaml alpine"])
        #expect(scan.problems.map { "\($0.kind) \($0.path)" } == ["tooLarge huge-list.yaml"])
    }

    @Test(arguments: [
        ("apiVersion: v1\nkind: Pod\n", true),
        ("kind: Pod\n---\napiVersion: v1\n", false),
        ("# comment\n---\nmetadata: {}\nkind: Deployment\napiVersion: apps/v1\n", true),
        ("spec:\n  apiVersion: v1\n  kind: Pod\n", false),
        ("\"apiVersion\": v1\nkind: Pod\n", false),
    ])
    func kubernetesIsSniffedPerDocument(_ text: String, _ isKubernetes: Bool) {
        #expect(ManifestFormat.looksLikeKubernetes(text[...]) == isKubernetes)
    }
}
