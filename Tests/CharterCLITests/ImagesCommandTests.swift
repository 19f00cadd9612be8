import CharterTestSupport
import Foundation
import Testing

/// `charter scan images` and the images gate in `charter check`, end to end.
@Suite struct ImagesCommandTests {
    static let pinned = "debian:12@sha256:" + String(repeating: "ab", count: 32)

    @Test func anUnapprovedBaseIsRejectedAndTheFixPasses() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        fixture.write("charter.yml", "version: 1\ngates:\n  secrets: false\n  images:\n    approved-bases: [debian]\n")
        fixture.write("Dockerfile", "FROM node:latest\nRUN curl -fsSL https://example.com/i.sh | sh\nCMD [\"node\", \"app.js\"]\n")
        let rejected = try fixture.run("scan", "images", ".")
        #expect(rejected.status == 1, "\(rejected.stdout)\(rejected.stderr)")
        for rule in ["DF001", "DF002", "DF003", "DF006", "DF012"] { #expect(rejected.stdout.contains(rule), "\(rule): \(rejected.stdout)") }
        let sarif = try fixture.run("scan", "images", ".", "--format", "sarif")
        #expect(sarif.stdout.contains("\"DF001\""))

        fixture.write("Dockerfile", "FROM \(Self.pinned)\nUSER 10001\nCMD [\"/app\"]\n")
        let fixed = try fixture.run("scan", "images", ".")
        #expect(fixed.status == 0, "\(fixed.stdout)\(fixed.stderr)")
        let check = try fixture.run("check", ".")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains("images"), "\(check.stdout)")
    }

    /// A secret in an ENV is found by the secret engine and never printed.
    @Test func secretsInstructionsAreRedacted() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let token = "ghp_" + String(repeating: "aB3dE5fG7h", count: 3) + "aB3dE6"
        fixture.write("Dockerfile", "FROM \(Self.pinned)\nENV GITHUB_TOKEN=\(token)\nUSER 1\n")
        let scan = try fixture.run("scan", "images", ".", "--json")
        #expect(scan.status == 1, "\(scan.stdout)\(scan.stderr)")
        #expect(scan.stdout.contains("DF007") || scan.stdout.contains("DF009"), "\(scan.stdout)")
        #expect(!scan.stdout.contains(token) && !scan.stderr.contains(token))
    }

    @Test func aMissingPathIsAnInputError() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        #expect(try fixture.run("scan", "images", "no-such-folder").status == 3)
    }
}
