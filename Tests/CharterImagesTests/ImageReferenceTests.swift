@testable import CharterImages
import Testing

/// References normalise the way `docker pull` reads them, and invalid ones say which part is wrong.
@Suite struct ImageReferenceTests {
    static let digest = "sha256:" + String(repeating: "ab", count: 32)

    struct Normalised: Sendable, CustomTestStringConvertible {
        let text: String
        let fullyQualified: String
        let familiar: String
        var testDescription: String { text }
    }

    static let normalised: [Normalised] = [
        Normalised(text: "debian", fullyQualified: "docker.io/library/debian", familiar: "debian"),
        Normalised(text: "debian:12-slim", fullyQualified: "docker.io/library/debian:12-slim", familiar: "debian:12-slim"),
        Normalised(text: "library/debian:12", fullyQualified: "docker.io/library/debian:12", familiar: "debian:12"),
        Normalised(text: "docker.io/debian", fullyQualified: "docker.io/library/debian", familiar: "debian"),
        Normalised(text: "index.docker.io/library/debian", fullyQualified: "docker.io/library/debian", familiar: "debian"),
        Normalised(text: "bitnami/nginx:1.25", fullyQualified: "docker.io/bitnami/nginx:1.25", familiar: "bitnami/nginx:1.25"),
        Normalised(text: "docker.io/library/foo/bar", fullyQualified: "docker.io/library/foo/bar", familiar: "library/foo/bar"),
        Normalised(text: "localhost/app", fullyQualified: "localhost/app", familiar: "localhost/app"),
        Normalised(text: "localhost:5000/team/app:dev", fullyQualified: "localhost:5000/team/app:dev", familiar: "localhost:5000/team/app:dev"),
        Normalised(text: "[::1]:5000/app", fullyQualified: "[::1]:5000/app", familiar: "[::1]:5000/app"),
        Normalised(text: "192.168.1.20:443/base/python", fullyQualified: "192.168.1.20:443/base/python", familiar: "192.168.1.20:443/base/python"),
        Normalised(text: "gcr.io/distroless/static-debian12:nonroot", fullyQualified: "gcr.io/distroless/static-debian12:nonroot", familiar: "gcr.io/distroless/static-debian12:nonroot"),
        Normalised(text: "Registry/app", fullyQualified: "Registry/app", familiar: "Registry/app"),
        Normalised(text: "ubuntu@\(digest)", fullyQualified: "docker.io/library/ubuntu@\(digest)", familiar: "ubuntu@\(digest)"),
        Normalised(text: "node:20@\(digest)", fullyQualified: "docker.io/library/node:20@\(digest)", familiar: "node:20@\(digest)"),
        Normalised(text: "a__b-c---e/f_g.h:V1.2_x-Y", fullyQualified: "docker.io/a__b-c---e/f_g.h:V1.2_x-Y", familiar: "a__b-c---e/f_g.h:V1.2_x-Y"),
        Normalised(text: "myregistry:5000", fullyQualified: "docker.io/library/myregistry:5000", familiar: "myregistry:5000"),
    ]

    @Test(arguments: normalised)
    func normalisesLikeDocker(_ example: Normalised) throws {
        let reference = try ImageReference(parsing: example.text)
        #expect(reference.fullyQualified == example.fullyQualified)
        #expect(reference.familiar == example.familiar)
        #expect(try ImageReference(parsing: reference.fullyQualified) == reference, "the fully qualified form parses back to itself")
        #expect(try ImageReference(parsing: reference.familiar) == reference, "the familiar form parses back to itself")
    }

    @Test func separatesRegistryRepositoryTagAndDigest() throws {
        let reference = try ImageReference(parsing: "registry.example.com:8443/base/python:3.12-slim@\(Self.digest)")
        #expect(reference.registry == "registry.example.com:8443")
        #expect(reference.repository == "base/python")
        #expect(reference.tag == "3.12-slim")
        #expect(reference.digest?.algorithm == "sha256")
        #expect(reference.digest?.hex == String(repeating: "ab", count: 32))
        #expect(reference.isDigestPinned && !reference.impliesLatest)
        #expect(try ImageReference(parsing: "alpine").impliesLatest)
        #expect(try ImageReference(parsing: "scratch").isScratch)
        #expect(try !ImageReference(parsing: "scratch:1").isScratch)
    }

    @Test func acceptsLongerDigestAlgorithms() throws {
        let sha512 = try ImageReference(parsing: "alpine@sha512:" + String(repeating: "0f", count: 64))
        #expect(sha512.digest?.algorithm == "sha512")
        let sha384 = try ImageReference(parsing: "alpine@sha384:" + String(repeating: "1e", count: 48))
        #expect(sha384.digest?.hex.count == 96)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let text: String
        let reason: ImageReferenceError.Reason
        let says: String
        var testDescription: String { text.isEmpty ? "<empty>" : text }
    }

    static let invalid: [Invalid] = [
        Invalid(text: "", reason: .empty, says: "it is empty"),
        Invalid(text: String(repeating: "ab", count: 32), reason: .imageIDAsName, says: "image ID"),
        Invalid(text: "Debian/App", reason: .uppercaseRepository("App"), says: "must be lowercase"),
        Invalid(text: "team/App", reason: .uppercaseRepository("team/App"), says: "must be lowercase"),
        Invalid(text: "debian:", reason: .invalidTag(""), says: "tag ``"),
        Invalid(text: "debian:-12", reason: .invalidTag("-12"), says: "must start with"),
        Invalid(text: "debian:" + String(repeating: "a", count: 129), reason: .invalidTag(String(repeating: "a", count: 129)), says: "at most 128"),
        Invalid(text: "team//app", reason: .emptyPathComponent, says: "empty component"),
        Invalid(text: "team/app/", reason: .emptyPathComponent, says: "empty component"),
        Invalid(text: "team/-app", reason: .invalidPathComponent("-app"), says: "repository component `-app`"),
        Invalid(text: "team/app.", reason: .invalidPathComponent("app."), says: "repository component"),
        Invalid(text: "team/a..b", reason: .invalidPathComponent("a..b"), says: "repository component"),
        Invalid(text: "team/a___b", reason: .invalidPathComponent("a___b"), says: "repository component"),
        Invalid(text: "team/app!", reason: .invalidPathComponent("app!"), says: "repository component"),
        Invalid(text: "host:port/app", reason: .invalidRegistry("host:port"), says: "registry `host:port`"),
        Invalid(text: "-bad.example.com/app", reason: .invalidRegistry("-bad.example.com"), says: "is not a host name"),
        Invalid(text: "[::1/app", reason: .invalidRegistry("[::1"), says: "registry"),
        Invalid(text: "debian@sha256", reason: .malformedDigest("sha256"), says: "not `algorithm:hex`"),
        Invalid(text: "debian@md5:" + String(repeating: "a", count: 32), reason: .unsupportedDigestAlgorithm("md5"), says: "use sha256"),
        Invalid(text: "debian@sha256:abc", reason: .digestLength(algorithm: "sha256", expected: 64, found: 3), says: "64 hex digits, this one has 3"),
        Invalid(text: "debian@sha256:" + String(repeating: "AB", count: 32), reason: .digestNotLowercaseHex("sha256"), says: "lowercase hexadecimal"),
        Invalid(text: "debian@sha256:" + String(repeating: "g", count: 64), reason: .digestNotLowercaseHex("sha256"), says: "lowercase hexadecimal"),
        Invalid(text: "registry.example.com/" + String(repeating: "a", count: 240), reason: .nameTooLong(261), says: "at most 255"),
    ]

    @Test(arguments: invalid)
    func rejectsWithTheReason(_ example: Invalid) {
        #expect {
            _ = try ImageReference(parsing: example.text)
        } throws: { error in
            guard let error = error as? ImageReferenceError else { return false }
            return error.reason == example.reason && error.message.contains(example.says) && error.reference == example.text
        }
    }
}
