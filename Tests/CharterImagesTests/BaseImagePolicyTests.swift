@testable import CharterImages
import Testing

/// Allow-list globs, and the violations a policy reports for each way a reference can fall short.
@Suite struct BaseImagePolicyTests {
    static let digest = "sha256:" + String(repeating: "cd", count: 32)

    struct Glob: Sendable, CustomTestStringConvertible {
        let pattern: String
        let reference: String
        let matches: Bool
        var testDescription: String { "\(pattern) \(matches ? "~" : "!~") \(reference)" }
    }

    static let globs: [Glob] = [
        Glob(pattern: "docker.io/library/debian", reference: "debian:12", matches: true),
        Glob(pattern: "debian", reference: "docker.io/library/debian", matches: true),
        Glob(pattern: "debian", reference: "debian-slim", matches: false),
        Glob(pattern: "debian", reference: "ghcr.io/library/debian", matches: false),
        Glob(pattern: "registry.example.com/base/*", reference: "registry.example.com/base/python:3.12", matches: true),
        Glob(pattern: "registry.example.com/base/*", reference: "registry.example.com/base/python/slim", matches: false),
        Glob(pattern: "registry.example.com/base/*", reference: "registry.example.com/base", matches: false),
        Glob(pattern: "Registry.Example.com/base/*", reference: "registry.example.COM/base/go", matches: true),
        Glob(pattern: "registry.example.com/base/python-*", reference: "registry.example.com/base/python-3.12", matches: true),
        Glob(pattern: "registry.example.com/base/python-*", reference: "registry.example.com/base/python", matches: false),
        Glob(pattern: "registry.example.com/base/*-slim", reference: "registry.example.com/base/node-slim", matches: true),
        Glob(pattern: "registry.example.com/base/py*on*", reference: "registry.example.com/base/python3", matches: true),
        Glob(pattern: "registry.example.com/base/a*b*c", reference: "registry.example.com/base/abc", matches: true),
        Glob(pattern: "registry.example.com/base/a*b*c", reference: "registry.example.com/base/acb", matches: false),
        Glob(pattern: "gcr.io/distroless/**", reference: "gcr.io/distroless/static-debian12", matches: true),
        Glob(pattern: "gcr.io/distroless/**", reference: "gcr.io/distroless/java/base:nonroot", matches: true),
        Glob(pattern: "gcr.io/distroless/**", reference: "gcr.io/distroless", matches: false),
        Glob(pattern: "gcr.io/distroless/**", reference: "gcr.io/distrolessx/static", matches: false),
        Glob(pattern: "ghcr.io/acme/**/base", reference: "ghcr.io/acme/base", matches: true),
        Glob(pattern: "ghcr.io/acme/**/base", reference: "ghcr.io/acme/team/images/base", matches: true),
        Glob(pattern: "ghcr.io/acme/**/base", reference: "ghcr.io/acme/team/base/extra", matches: false),
        Glob(pattern: "*", reference: "alpine:3.20", matches: true),
        Glob(pattern: "*", reference: "bitnami/nginx", matches: false),
        Glob(pattern: "debian@\(digest)", reference: "debian:12@\(digest)", matches: true),
        Glob(pattern: "debian@\(digest)", reference: "debian:12", matches: false),
    ]

    @Test(arguments: globs)
    func globSemantics(_ glob: Glob) throws {
        let pattern = try ImagePattern(glob.pattern)
        #expect(pattern.matches(try ImageReference(parsing: glob.reference)) == glob.matches)
    }

    @Test(arguments: [
        ("debian:12", ImageReferenceError.Reason.tagInPattern("12")),
        ("registry.example.com/base/**x", .invalidPatternComponent("**x")),
        ("registry.example.com/base/Py*", .uppercaseRepository("base/Py*")),
        ("registry.example.com/base/p!*", .invalidPatternComponent("p!*")),
        ("registry.example.com//x", .emptyPathComponent),
        ("", .empty),
    ])
    func badPatternsAreErrors(text: String, reason: ImageReferenceError.Reason) {
        #expect {
            _ = try ImagePattern(text)
        } throws: { error in
            (error as? ImageReferenceError)?.reason == reason
        }
    }

    static func policy(_ patterns: [String]?, requireDigest: Bool = true, allowLatest: Bool = false) throws -> BaseImagePolicy {
        try BaseImagePolicy(approvedPatterns: patterns, requireDigest: requireDigest, allowLatest: allowLatest)
    }

    static func kinds(_ policy: BaseImagePolicy, _ reference: String) throws -> [BaseImageViolation.Kind] {
        policy.evaluate(try ImageReference(parsing: reference)).map(\.kind)
    }

    @Test func reportsEachShortfall() throws {
        let policy = try Self.policy(["debian", "gcr.io/distroless/**"])
        #expect(try Self.kinds(policy, "debian:12@\(Self.digest)") == [])
        #expect(try Self.kinds(policy, "debian:12") == [.notDigestPinned])
        #expect(try Self.kinds(policy, "debian") == [.notDigestPinned, .missingTag])
        #expect(try Self.kinds(policy, "debian:latest") == [.notDigestPinned, .latestTag])
        #expect(try Self.kinds(policy, "debian@\(Self.digest)") == [], "a digest pins the image; no tag is needed")
        #expect(try Self.kinds(policy, "ubuntu:24.04") == [.notApproved, .notDigestPinned])
        #expect(try Self.kinds(policy, "scratch") == [], "scratch is always allowed")
    }

    @Test func optionalChecksCanBeRelaxed() throws {
        let open = try Self.policy(nil, requireDigest: false, allowLatest: true)
        #expect(try Self.kinds(open, "anything/at-all") == [])
        let noLatest = try Self.policy(nil, requireDigest: false)
        #expect(try Self.kinds(noLatest, "alpine") == [.missingTag])
        let empty = try Self.policy([])
        #expect(try Self.kinds(empty, "alpine:3.20@\(Self.digest)") == [.notApproved])
    }

    @Test func reasonsNameTheImageAndTheList() throws {
        let policy = try Self.policy(["debian", "registry.example.com/base/*"])
        let violations = policy.evaluate(try ImageReference(parsing: "ubuntu"))
        let reasons = violations.map(\.reason)
        #expect(reasons[0] == "docker.io/library/ubuntu is not an approved base image (approved: debian, registry.example.com/base/*)")
        #expect(reasons[1].contains("ubuntu is not pinned by digest"))
        #expect(reasons[2].contains("ubuntu has no tag"))
        #expect(policy.approvingPattern(for: try ImageReference(parsing: "registry.example.com/base/go:1"))?.source == "registry.example.com/base/*")
    }
}
