@testable import CharterImages
import Testing

/// Stages, their bases (build arguments expanded), USER values and `--from` references.
@Suite struct BuildStageTests {
    static let digest = "sha256:" + String(repeating: "0a", count: 32)

    @Test func argumentsBeforeFromAreExpandedInFrom() throws {
        let file = DockerfileParser.parse("""
            ARG REGISTRY=registry.example.com
            ARG VARIANT
            ARG IMAGE=${REGISTRY}/base/python
            FROM ${IMAGE}:${VERSION:-3.12}${VARIANT:+-$VARIANT} AS build
            FROM $REGISTRY/base/runtime@\(Self.digest)
            FROM ${REGISTRY-unused}/base/${FLAVOR}
            """)
        #expect(file.globalArguments.map(\.key) == ["REGISTRY", "VARIANT", "IMAGE"])
        #expect(file.globalArguments[2].value == "registry.example.com/base/python")
        #expect(file.stages[0].base == .image(try ImageReference(parsing: "registry.example.com/base/python:3.12"), arguments: ["IMAGE", "VERSION", "VARIANT"]))
        #expect(file.stages[0].name == "build")
        #expect(file.stages[1].base == .image(try ImageReference(parsing: "registry.example.com/base/runtime@\(Self.digest)"), arguments: ["REGISTRY"]))
        #expect(file.stages[2].base == .unresolved(written: "${REGISTRY-unused}/base/${FLAVOR}", variables: ["FLAVOR"]))
        #expect(file.problems.isEmpty)
    }

    @Test func stagesByNameCaseInsensitivelyAndScratch() {
        let file = DockerfileParser.parse("""
            FROM golang:1.22 As Builder
            RUN go build -o /out/app
            FROM builder as test
            FROM Scratch
            COPY --from=BUILDER /out/app /app
            COPY --from=0 /etc/ssl /etc/ssl
            COPY --from=7 /x /x
            COPY --from=later /y /y
            COPY --from=busybox:1.36 /bin/busybox /busybox
            FROM alpine AS later
            """)
        #expect(file.stages.map(\.name) == ["builder", "test", nil, "later"])
        #expect(file.stages[1].base == .stage(0))
        #expect(file.stages[2].base == .scratch)
        let targets = file.stages[2].references.map(\.target)
        #expect(targets.count == 5)
        #expect(targets[0] == .stage(0))
        #expect(targets[1] == .stage(0))
        #expect(targets[2] == .missingIndex(7))
        #expect(targets[3] == .laterStage(3))
        if case .image(let reference) = targets[4] { #expect(reference.familiar == "busybox:1.36") } else { Issue.record("expected an image, got \(targets[4])") }
        #expect(file.shippedStageIndexes == [3])
    }

    @Test func shippedStagesFollowTheFromChain() {
        let file = DockerfileParser.parse("FROM debian AS base\nFROM alpine AS tools\nFROM base AS app\nFROM app\n")
        #expect(file.shippedStageIndexes == [0, 2, 3])
    }

    @Test func usersExpandWithTheStageScope() {
        let file = DockerfileParser.parse("""
            ARG UID=10001
            FROM debian AS base
            ARG UID
            ENV APP_USER=app
            USER ${APP_USER}:${UID}
            FROM base
            USER $APP_USER
            USER $UNSET_USER
            """)
        #expect(file.stages[0].users.map(\.value) == ["app:10001"])
        #expect(file.stages[1].users.map(\.value) == ["app", ""], "ENV is inherited from the parent stage")
        #expect(file.stages[1].users[1].unresolved == ["UNSET_USER"])
    }

    @Test func mountsThatReadFromStagesAreReferences() {
        let file = DockerfileParser.parse("""
            FROM golang:1.22 AS deps
            FROM golang:1.22
            RUN --mount=type=bind,from=deps,source=/go/pkg,target=/go/pkg --mount=type=cache,target=/root/.cache go build
            """)
        #expect(file.stages[1].references.map(\.target) == [.stage(0)])
        #expect(file.stages[1].references.first?.written == "deps")
    }

    @Test func structuralProblems() {
        #expect(DockerfileParser.parse("").problems == [DockerfileProblem(.error, line: 1, "no FROM instruction: a Dockerfile must name the image it builds on")])
        let early = DockerfileParser.parse("# comment\nRUN echo hi\nFROM debian\n")
        #expect(early.problems.map(\.message) == ["RUN comes before the first FROM; only ARG may"])
        #expect(early.problems.first?.line == 2)
        let shapes = DockerfileParser.parse("FROM debian AS 1st\nFROM debian AS x y\nFROM Debian:12\n")
        #expect(shapes.problems.map(\.line) == [1, 2, 3])
        #expect(shapes.problems[0].message.contains("stage name `1st`"))
        #expect(shapes.problems[1].message.contains("FROM takes `image` or `image AS name`"))
        #expect(shapes.problems[2].message.contains("must be lowercase"))
    }
}
