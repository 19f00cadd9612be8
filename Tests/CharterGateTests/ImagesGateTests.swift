import CharterCore
@testable import CharterGate
import CharterImages
import CharterTestSupport
import Foundation
import Testing

/// The images gate over a folder: Dockerfiles and deploy manifests judged by one policy, files
/// that cannot be fully read failing closed, and `gates.images` read with clear errors.
@Suite struct ImagesGateTests {
    static let digest = "@sha256:" + String(repeating: "ab", count: 32)

    static func policy(_ yaml: String) throws -> GatePolicy {
        try PolicyLoader.parse(Data("version: 1\ngates:\n  images:\n\(yaml)".utf8), file: "charter.yml")
    }

    static func folder(_ files: [String: String]) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("images-gate")
        for (name, text) in files {
            let path = folder.file(name)
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        }
        return folder
    }

    static func gate(_ yaml: String = "    approved-bases: [debian]\n") throws -> ImagesGate {
        try ImagesGate(settings: try #require(try policy(yaml).images), probe: NoSecretProbe())
    }

    @Test func unapprovedUnpinnedBasesAndDeployedImagesFail() throws {
        let folder = try Self.folder([
            "Dockerfile": "FROM node:20\nUSER app\n",
            "deploy/web.yaml": "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n    - name: web\n      image: debian:12\n",
        ])
        defer { folder.remove() }
        let gate = try Self.gate()
        let scan = try gate.scan(folder.path)
        #expect(scan.dockerfiles == ["Dockerfile"])
        #expect(scan.manifests == ["deploy/web.yaml"])
        #expect(Set(scan.findings.map(\.ruleID)) == ["DF001", "DF002", "MF002"], "\(scan.findings.map(\.title))")
        let result = gate.judge(scan, waivers: [])
        #expect(!result.passed)
    }

    @Test func anApprovedPinnedNonRootImagePasses() throws {
        let folder = try Self.folder([
            "Dockerfile": "FROM debian:12\(Self.digest)\nUSER 10001\nCMD [\"/app\"]\n",
            "compose.yaml": "services:\n  web:\n    image: debian:12\(Self.digest)\n",
        ])
        defer { folder.remove() }
        let gate = try Self.gate()
        let result = gate.judge(try gate.scan(folder.path), waivers: [])
        #expect(result.passed, "\(result.reasons) \(result.findings.map(\.finding.title))")
    }

    /// A Dockerfile the parser cannot fully read, or a manifest with an unrendered template,
    /// fails the gate even with no finding: the rules saw only part of it.
    @Test(arguments: [
        ["Dockerfile": "FROM debian:12\(ImagesGateTests.digest)\nUSER 1\nRUN <<EOF\necho never closed\n"],
        ["deploy.yaml": "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: {{ .Values.image }}\n", "Dockerfile": "FROM debian:12\(ImagesGateTests.digest)\nUSER 1\n"],
    ])
    func whatCannotBeReadFailsClosed(files: [String: String]) throws {
        let folder = try Self.folder(files)
        defer { folder.remove() }
        let gate = try Self.gate()
        let scan = try gate.scan(folder.path)
        #expect(!scan.problems.isEmpty)
        let result = gate.judge(scan, waivers: [])
        #expect(!result.passed)
        #expect(result.reasons.contains { $0.hasPrefix("cannot check ") }, "\(result.reasons)")
    }

    @Test func aFolderWithNothingToCheckSaysSo() throws {
        let folder = try Self.folder(["README.md": "nothing here\n"])
        defer { folder.remove() }
        let gate = try Self.gate()
        let result = gate.judge(try gate.scan(folder.path), waivers: [])
        #expect(result.passed)
        #expect(result.reasons == ["no Dockerfile or deploy manifest found"])
    }

    @Test func disabledRulesAndTheThresholdApply() throws {
        let folder = try Self.folder(["Dockerfile": "FROM debian:12\(Self.digest)\nRUN apt-get install -y curl\nUSER 1\n"])
        defer { folder.remove() }
        let strict = try Self.gate("    approved-bases: [debian]\n    fail-on: low\n")
        #expect(!strict.judge(try strict.scan(folder.path), waivers: []).passed, "apt hygiene is low")
        let relaxed = try Self.gate("    approved-bases: [debian]\n    fail-on: low\n    disable-rules: [DF016, DF018, DF019]\n")
        let result = relaxed.judge(try relaxed.scan(folder.path), waivers: [])
        #expect(result.passed, "\(result.findings.map(\.finding.ruleID))")
    }

    /// Built-image and manifest rule ids are valid in `disable-rules` and do not upset the Dockerfile checker.
    @Test func everyFamilyOfRuleIdsCanBeDisabled() throws {
        let gate = try Self.gate("    approved-bases: [debian]\n    disable-rules: [IM001, MF002, DF006]\n")
        let folder = try Self.folder(["Dockerfile": "FROM debian:12\(Self.digest)\n", "pod.yaml": "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: debian:12\n"])
        defer { folder.remove() }
        let result = gate.judge(try gate.scan(folder.path), waivers: [])
        #expect(result.passed, "\(result.findings.map(\.finding.ruleID)) \(result.reasons)")
    }

    /// A manifest named on its own is read as a manifest, not as a Dockerfile.
    @Test func aManifestFileCanBeCheckedAlone() throws {
        let folder = try Self.folder(["deploy.yaml": "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: node:20\n"])
        defer { folder.remove() }
        let gate = try Self.gate()
        let scan = try gate.scan(folder.file("deploy.yaml"))
        #expect(scan.problems.isEmpty, "\(scan.problems)")
        #expect(Set(scan.findings.map(\.ruleID)) == ["MF001", "MF002"])
    }

    /// A folder that cannot be listed hides its Dockerfiles: the gate fails rather than pass them by.
    @Test(.enabled(if: getuid() != 0, "root lists every folder")) func anUnreadableFolderFailsTheGate() throws {
        let folder = try Self.folder(["ok/Dockerfile": "FROM debian:12\(Self.digest)\nUSER 1\n", "locked/Dockerfile": "FROM node\n"])
        defer {
            chmod(folder.file("locked"), 0o755)
            folder.remove()
        }
        chmod(folder.file("locked"), 0)
        let gate = try Self.gate()
        let result = gate.judge(try gate.scan(folder.path), waivers: [])
        #expect(!result.passed)
    }

    @Test(arguments: [
        ("    approved-bases: [\"docker.io/library/debian:12\"]\n", "approved-bases"),
        ("    disable-rules: [DF999]\n", "DF999"),
        ("    fail-on: severe\n", "fail-on"),
        ("    colour: red\n", "colour"),
    ])
    func badSettingsNameTheField(yaml: String, named: String) throws {
        #expect { try Self.policy(yaml) } throws: { error in "\(error)".contains(named) && "\(error)".contains("charter.yml") }
    }
}
