@testable import CharterImages
import Testing

/// Bad input: syntax errors that cost only their own document, Helm templates never rendered,
/// fields of the wrong type named by their path, and YAML built to make the reader explode.
/// Each is a problem with its line; none is a crash or a silent empty result.
@Suite struct ManifestProblemTests {
    static func pod(_ name: String, image: String) -> String {
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: \(name)\nspec:\n  containers:\n  - name: app\n    image: \(image)\n"
    }

    @Test func aBrokenDocumentCostsOnlyItself() {
        let yaml = Self.pod("first", image: "nginx:1.27") + """
            ---
            apiVersion: v1
            kind: Pod
            metadata:
              name: broken
              labels: {app: web
            spec:
              containers: []
            ---

            """ + Self.pod("third", image: "redis:7") + "---\n" + Self.pod("dup", image: "a").replacingOccurrences(of: "kind: Pod", with: "kind: Pod\nkind: Job")
        let scan = ManifestImages.scan(yaml, path: "mixed.yaml")
        #expect(ManifestSummary.images(scan) == [
            "8:12 nginx:1.27 spec.containers[0].image (Pod/first container app)",
            "25:12 redis:7 spec.containers[0].image (Pod/third container app)",
        ])
        #expect(ManifestSummary.problems(scan) == ["malformedYAML 15:5 -", "malformedYAML 28:1 -"])
        #expect(scan.problems[0].description.hasPrefix("mixed.yaml:15:5: YAML syntax error: did not find expected ',' or '}' (while parsing a flow mapping at line 14)"),
                "\(scan.problems[0])")
        #expect(scan.problems[1].message.contains("the key kind appears twice"), "\(scan.problems[1])")
    }

    @Test func directivesStayWithTheirDocument() {
        let yaml = "%YAML 1.1\n---\n" + Self.pod("one", image: "nginx") + "%YAML 1.1\n%TAG !k! tag:example.com,2026:\n--- !k!pod\n" + Self.pod("two", image: "redis")
        let scan = ManifestImages.scan(yaml, path: "directives.yaml")
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(scan.images.map(\.line) == [10, 21])
    }

    @Test func controlCharactersAreReaderErrors() {
        let scan = ManifestImages.scan(Self.pod("ok", image: "nginx") + "---\nkind: Pod\nmetadata: {name: \"a\u{7}b\"}\n", path: "bell.yaml")
        #expect(scan.images.count == 1)
        #expect(ManifestSummary.problems(scan) == ["malformedYAML 11:- -"])
    }

    struct Template: Sendable, CustomTestStringConvertible {
        let name: String
        let yaml: String
        let problems: [String]
        let images: Int

        var testDescription: String { name }
    }

    static let templates: [Template] = [
        Template(name: "a chart's template file", yaml: """
            {{- if .Values.enabled }}
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ include "shop.fullname" . }}
            spec:
              template:
                spec:
                  containers:
                    - image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
            {{- end }}
            ---

            """ + pod("rendered", image: "nginx:1.27"), problems: ["unrenderedTemplate 1:1 -"], images: 1),
        Template(name: "an unquoted action YAML reads as a mapping", yaml: pod("flow", image: "{{ .Values.image }}"),
                 problems: ["unrenderedTemplate 8:12 spec.containers[0].image"], images: 0),
        Template(name: "a quoted action", yaml: pod("quoted", image: "\"{{ .Values.registry }}/app:1\""),
                 problems: ["unrenderedTemplate 8:12 spec.containers[0].image"], images: 0),
        Template(name: "an action in a comment is not one", yaml: "# image: {{ .Values.image }}\nkind: Pod\n  bad: indent\n",
                 problems: ["malformedYAML 3:6 -"], images: 0),
        Template(name: "rendered alert templates are data", yaml: """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: alerts}
            spec:
              groups:
              - name: node
                rules:
                - alert: Down
                  annotations:
                    summary: "{{ $labels.instance }} is down"

            """, problems: [], images: 0),
        Template(name: "an argo workflow parameter", yaml: """
            apiVersion: argoproj.io/v1alpha1
            kind: WorkflowTemplate
            metadata: {name: build}
            spec:
              templates:
              - name: main
                steps: []
                containers:
                - image: "{{inputs.parameters.image}}"

            """, problems: ["unrenderedTemplate 9:14 spec.templates[0].containers[0].image"], images: 0),
    ]

    @Test(arguments: templates)
    func unrenderedTemplates(_ template: Template) {
        let scan = ManifestImages.scan(template.yaml, path: "templates/deployment.yaml")
        #expect(ManifestSummary.problems(scan) == template.problems)
        #expect(scan.images.count == template.images)
        if template.problems.first?.hasPrefix("unrenderedTemplate") == true {
            #expect(scan.problems[0].message.contains("helm template"), "\(scan.problems[0].message)")
        }
    }

    struct WrongType: Sendable, CustomTestStringConvertible {
        let yaml: String
        let problem: String
        let says: String

        var testDescription: String { problem }
    }

    static let wrongTypes: [WrongType] = [
        WrongType(yaml: "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: [nginx, redis]\n",
                  problem: "wrongType 7:16 spec.template.spec.containers[0].image", says: "spec.template.spec.containers[0].image is a list; it must be text naming an image"),
        WrongType(yaml: "kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - image: {name: nginx}\n",
                  problem: "wrongType 6:16 spec.template.spec.containers[0].image", says: "is a mapping"),
        WrongType(yaml: "kind: Pod\nspec:\n  containers:\n  - image: 42\n", problem: "wrongType 4:12 spec.containers[0].image", says: "is a number"),
        WrongType(yaml: "kind: Pod\nspec:\n  containers:\n  - image:\n    name: a\n", problem: "wrongType 4:11 spec.containers[0].image", says: "is empty (null)"),
        WrongType(yaml: "kind: Pod\nspec:\n  containers:\n  - image: ''\n", problem: "wrongType 4:12 spec.containers[0].image", says: "is empty; it must be text naming an image"),
        WrongType(yaml: "kind: Pod\nspec:\n  initContainers:\n  - image: !!int 7\n", problem: "wrongType 4:12 spec.initContainers[0].image", says: "is a number"),
        WrongType(yaml: "kind: Pod\nspec:\n  containers:\n    app:\n      image: nginx\n", problem: "wrongType 4:5 spec.containers", says: "must be a list of containers"),
        WrongType(yaml: "kind: Pod\nspec:\n  containers:\n  - nginx\n", problem: "wrongType 4:5 spec.containers[0]", says: "is text; a container is a mapping"),
        WrongType(yaml: "kind: StatefulSet\nspec:\n  template: [spec]\n", problem: "wrongType 3:13 spec.template", says: "it must be a mapping"),
        WrongType(yaml: "kind: CronJob\nspec:\n  jobTemplate:\n    spec: true\n", problem: "wrongType 4:11 spec.jobTemplate.spec", says: "is true/false"),
        WrongType(yaml: "kind: List\nitems: {a: 1}\n", problem: "wrongType 2:8 items", says: "a List keeps its objects in a list"),
        WrongType(yaml: "kind: List\nitems:\n- just text\n", problem: "wrongType 3:3 items[0]", says: "a List's items are objects"),
        WrongType(yaml: "kind: Widget\nspec:\n  containers:\n  - image: [a]\n", problem: "wrongType 4:12 spec.containers[0].image", says: "is a list"),
    ]

    @Test(arguments: wrongTypes)
    func wrongTypesNameTheirField(_ wrong: WrongType) {
        let scan = ManifestImages.scan(wrong.yaml, path: "bad.yaml")
        #expect(scan.images.isEmpty)
        #expect(ManifestSummary.problems(scan) == [wrong.problem])
        #expect(scan.problems.first?.message.contains(wrong.says) == true, "\(scan.problems)")
    }

    /// A kilobyte of nested aliases used as a mapping key would take Yams hours to hash; it is
    /// refused before composing.
    @Test func aliasesInKeysAreRefused() {
        var lines = ["kind: Pod", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<12 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        for key in ["? *a11\n: v", "*a11 : v", "[*a11]: v", "{k: *a11}: v"] {
            let scan = ManifestImages.scan((lines + [key, ""]).joined(separator: "\n") + "---\n" + Self.pod("after", image: "nginx"), path: "laughs.yaml")
            #expect(ManifestSummary.problems(scan) == ["unsupportedYAML 14:- -"], "\(key)")
            #expect(scan.images.count == 1)
        }
    }

    /// The same aliases used as values compose cheaply, but walking their expansion is bounded.
    @Test func aliasExpansionIsBounded() {
        var lines = ["apiVersion: example.com/v1", "kind: Widget", "a0: &a0 [{containers: [{image: nginx}]}, x, x, x, x, x, x, x, x, x]"]
        for level in 1..<9 {
            lines.append("a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ") + "]")
        }
        let yaml = lines.joined(separator: "\n") + "\n"
        let scan = ManifestImages.scan(yaml, path: "laughs.yaml")
        #expect(ManifestSummary.problems(scan).map { $0.prefix(8) } == ["tooLarge"])
        #expect(scan.images.count > 1000)
        #expect(scan.images.count < ManifestCollector(path: "laughs.yaml", bytes: yaml.utf8.count).mostNodes)
    }

    /// Looking a key up in a mapping counts toward the same bound: one large mapping aliased as
    /// every container, or merges of merges, cost their size at each use. Uncounted, these
    /// would visit too few nodes to reach the bound and take minutes at full size.
    @Test(arguments: ["repeatedMapping", "mergeChain", "mergeFanOut"])
    func lookupsAreBounded(_ shape: String) {
        var lines = ["apiVersion: example.com/v1", "kind: Widget"]
        switch shape {
        case "repeatedMapping":
            lines.append("big: &big {" + (0..<20_000).map { "k\($0): v" }.joined(separator: ", ") + "}")
            lines.append("spec: {containers: [" + Array(repeating: "*big", count: 1_000).joined(separator: ", ") + "]}")
        case "mergeChain":
            lines.append("m0: &m0 {name: base}")
            for level in 1..<8 { lines.append("m\(level): &m\(level) {<<: [" + Array(repeating: "*m\(level - 1)", count: 10).joined(separator: ", ") + "]}") }
            lines.append("spec: {containers: [" + Array(repeating: "{<<: *m7}", count: 100).joined(separator: ", ") + "]}")
        default:
            lines.append("e: &e {}")
            lines.append("c: &c {image: nginx, <<: [" + Array(repeating: "*e", count: 5_000).joined(separator: ", ") + "]}")
            lines.append("spec: {containers: [" + Array(repeating: "*c", count: 5_000).joined(separator: ", ") + "]}")
        }
        let scan = ManifestImages.scan(lines.joined(separator: "\n") + "\n", path: "lookups.yaml")
        #expect(ManifestSummary.problems(scan).map { $0.prefix(8) } == ["tooLarge"])
    }

    @Test(arguments: [
        ("flow", "kind: Pod\nspec: " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "\n", 2),
        ("block", "kind: Pod\n" + (0..<2_000).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n") + " end\n", 258),
        ("sequences", "kind: Pod\nspec: " + String(repeating: "- ", count: 50_000) + "x\n", 2),
    ])
    func deepNestingIsRefused(_ shape: String, _ yaml: String, _ line: Int) {
        let scan = ManifestImages.scan(yaml + "---\n" + Self.pod("after", image: "nginx"), path: "deep.yaml")
        #expect(ManifestSummary.problems(scan) == ["unsupportedYAML \(line):- -"])
        #expect(scan.images.count == 1)
    }

    /// Anchors that each wrap the one before nest deeper than the text shows: thousands deep, the
    /// composed tree would overflow the stack when released, so the text is refused first. Each
    /// link here adds two levels (a mapping entry and a list) to the first anchor's four, so the
    /// 127th link, on line 129, passes 256.
    @Test(arguments: [5_000, 100_000])
    func aliasChainsAreRefused(_ levels: Int) {
        let scan = ManifestImages.scan(Self.chain(levels) + "---\n" + Self.pod("after", image: "redis"), path: "chain.yaml")
        #expect(ManifestSummary.problems(scan) == ["unsupportedYAML 129:- -"])
        #expect(scan.problems.first?.message.contains("once its aliases are expanded") == true, "\(scan.problems)")
        #expect(scan.images.map(\.reference) == ["redis"])
    }

    @Test func shortAliasChainsAreRead() {
        let scan = ManifestImages.scan(Self.chain(100), path: "chain.yaml")
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(scan.images.count == 101, "the 100 anchors and the spec each hold the image once")
    }

    static func chain(_ levels: Int) -> String {
        var lines = ["kind: Widget", "a0: &a0 {containers: [{image: nginx}]}"]
        for level in 1..<levels { lines.append("a\(level): &a\(level) [*a\(level - 1)]") }
        lines.append("spec: *a\(levels - 1)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Anchors used side by side, however often, do not nest.
    @Test func aliasesSideBySideAreRead() {
        var lines = ["kind: Widget", "base: &base {image: nginx}", "spec:", "  containers:"]
        lines += Array(repeating: "  - *base", count: 2_000)
        lines += ["  initContainers: &inits [*base, *base]", "  more: [*inits, *inits]"]
        let scan = ManifestImages.scan(lines.joined(separator: "\n") + "\n", path: "wide.yaml")
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(scan.images.count == 2_002)
    }

    @Test func oversizedAndUndecodableFiles() {
        let huge = String(repeating: "# padding\n", count: ManifestImages.largestFile / 10 + 1)
        #expect(ManifestSummary.problems(ManifestImages.scan(huge, path: "huge.yaml")) == ["tooLarge -:- -"])
        let latin1: [UInt8] = Array("kind: Pod\nmetadata: {name: caf".utf8) + [0xE9] + Array("}\n".utf8)
        let scan = ManifestImages.scan(latin1, path: "latin1.yaml")
        #expect(ManifestSummary.problems(scan) == ["unreadable -:- -"])
        #expect(scan.problems.first?.description == "latin1.yaml: is not UTF-8 text; manifests must be UTF-8")
    }
}
