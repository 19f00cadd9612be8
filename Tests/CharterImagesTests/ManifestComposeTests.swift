@testable import CharterImages
import Testing

/// Compose files: `services.<name>.image` with `${VAR:-default}` interpolated from the file's own
/// defaults, services that only build, and the names that make a file a Compose file.
@Suite struct ManifestComposeTests {
    @Test func servicesImagesInterpolatedAndBuilds() {
        let yaml = """
            name: shop
            x-defaults: &defaults
              restart: unless-stopped
              image: registry.example.com/base:1
            services:
              web:
                image: ${WEB_IMAGE:-registry.example.com/web:2.3}
                ports: ["8080:8080"]
              db:
                image: "postgres:16.4@sha256:\(String(repeating: "b", count: 64))"
              api:
                build: ./api
              worker:
                build:
                  context: ${WORKER_DIR:-./worker}
                  dockerfile: Dockerfile.prod
              tagged:
                build: .
                image: registry.example.com/tagged:${TAG:-dev}
              defaults:
                <<: *defaults
              plain:
                image: redis

            """
        let scan = ManifestImages.scan(yaml, path: "deploy/compose.yaml")
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(ManifestSummary.images(scan) == [
            "7:12 registry.example.com/web:2.3 services.web.image (service web)",
            "10:12 postgres:16.4@sha256:\(String(repeating: "b", count: 64)) services.db.image (service db)",
            "19:12 registry.example.com/tagged:dev services.tagged.image (service tagged (built here))",
            "4:10 registry.example.com/base:1 services.defaults.image (service defaults)",
            "23:12 redis services.plain.image (service plain)",
        ])
        #expect(scan.images.first?.written == "${WEB_IMAGE:-registry.example.com/web:2.3}")
        #expect(scan.builtServices == [
            ComposeBuild(service: "api", path: "deploy/compose.yaml", line: 12, column: 12, context: "./api", dockerfile: nil),
            ComposeBuild(service: "worker", path: "deploy/compose.yaml", line: 15, column: 7, context: "./worker", dockerfile: "Dockerfile.prod"),
        ])
    }

    struct Interpolation: Sendable, CustomTestStringConvertible {
        let written: String
        /// The value with no environment, or nil when none can be known.
        let value: String?

        var testDescription: String { written }
    }

    static let interpolations: [Interpolation] = [
        Interpolation(written: "nginx:1.27", value: "nginx:1.27"),
        Interpolation(written: "${IMAGE:-nginx:1.27}", value: "nginx:1.27"),
        Interpolation(written: "${IMAGE-nginx:1.27}", value: "nginx:1.27"),
        Interpolation(written: "${REGISTRY:-docker.io}/library/nginx:${TAG:-1.27}", value: "docker.io/library/nginx:1.27"),
        Interpolation(written: "${IMAGE:-${REGISTRY:-ghcr.io}/acme/app:1}", value: "ghcr.io/acme/app:1"),
        Interpolation(written: "app${SUFFIX:+-debug}:1", value: "app:1"),
        Interpolation(written: "app:$$1", value: "app:$1"),
        Interpolation(written: "${IMAGE}", value: nil),
        Interpolation(written: "$IMAGE", value: nil),
        Interpolation(written: "nginx:${TAG:?set TAG to a release}", value: nil),
        Interpolation(written: "nginx:${TAG?}", value: nil),
        Interpolation(written: "${IMAGE:-nginx", value: nil),
        Interpolation(written: "nginx:$", value: nil),
        Interpolation(written: "nginx:$1", value: nil),
        Interpolation(written: "${1IMAGE}", value: nil),
        Interpolation(written: "${IMAGE/x}", value: nil),
    ]

    @Test(arguments: interpolations)
    func interpolationFromDefaultsOnly(_ interpolation: Interpolation) {
        switch ComposeInterpolation.interpolate(interpolation.written) {
        case .text(let value): #expect(value == interpolation.value)
        case .unknown(let reason): #expect(interpolation.value == nil, "\(reason)")
        }
    }

    /// A variable with no default is a problem naming the field and the text, never an image
    /// reference made of whatever was left.
    @Test func unresolvedVariablesAreProblems() {
        let yaml = """
            services:
              app:
                image: registry.example.com/app:${TAG}
              empty:
                image: ${IMAGE:+x}
              required:
                image: ${IMAGE:?pick an image}

            """
        let scan = ManifestImages.scan(yaml, path: "docker-compose.yml")
        #expect(scan.images.isEmpty)
        #expect(ManifestSummary.problems(scan) == [
            "unresolvedVariable 3:12 services.app.image", "unresolvedVariable 5:12 services.empty.image", "unresolvedVariable 7:12 services.required.image",
        ])
        #expect(scan.problems[0].message.contains("`${TAG}` has no default"), "\(scan.problems[0].message)")
        #expect(scan.problems[2].message.contains("pick an image"), "\(scan.problems[2].message)")
    }

    @Test func wrongShapes() {
        let yaml = """
            services:
              list:
                image: [nginx]
              number:
                image: 1.0
              nothing:
                image:
              flag:
                image: true
              bare: nginx
              built-anyway:
                image: ~
                build: .

            """
        let scan = ManifestImages.scan(yaml, path: "compose.yml")
        #expect(scan.images.isEmpty)
        #expect(ManifestSummary.problems(scan) == [
            "wrongType 3:12 services.list.image", "wrongType 5:12 services.number.image", "wrongType 7:11 services.nothing.image",
            "wrongType 9:12 services.flag.image", "wrongType 10:9 services.bare",
        ])
        #expect(scan.problems[0].message == "services.list.image is a list; it must be text naming an image, such as `registry.example.com/app:1.4@sha256:…`")
        #expect(scan.builtServices.map(\.service) == ["built-anyway"])
        #expect(ManifestSummary.problems(ManifestImages.scan("services: [web]\n", path: "compose.yaml")) == ["wrongType 1:11 services"])
        #expect(ManifestSummary.problems(ManifestImages.scan("- web\n", path: "compose.yaml")) == ["wrongType 1:1 -"])
    }

    @Test(arguments: [
        ("compose.yaml", true), ("compose.yml", true), ("docker-compose.yaml", true), ("docker-compose.yml", true),
        ("deploy/compose.override.yaml", true), ("Docker-Compose.prod.YML", true), ("compose.yaml.bak", false),
        ("my-compose.yaml", false), ("compose", false), (".yaml", false), ("k8s/deployment.yaml", false),
    ])
    func composeFileNames(_ path: String, _ isCompose: Bool) {
        #expect((ManifestFormat.named(path) == .compose) == isCompose)
    }

    /// A file with a Compose name is read as Compose even when it also looks like Kubernetes.
    @Test func formatFollowsTheName() {
        let yaml = "apiVersion: v1\nkind: Pod\nservices:\n  web:\n    image: nginx\n"
        #expect(ManifestSummary.images(ManifestImages.scan(yaml, path: "compose.yaml")) == ["5:12 nginx services.web.image (service web)"])
        #expect(ManifestImages.scan(yaml, path: "pod.yaml").images.isEmpty)
    }
}
