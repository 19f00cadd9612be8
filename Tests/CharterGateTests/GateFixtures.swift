import CharterCore
import CharterGate
import CharterTestSupport
import Foundation
import Testing

/// Fake findings, waivers, dates and golden-file handling shared by the gate suites. Nothing here
/// looks like a real secret: fingerprints are repeated hex bytes, previews start with `FAKE`.
enum GateFixtures {
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// `hmac-sha256:` and 64 hex characters made of the byte `seed` repeated.
    static func fingerprint(_ seed: Int) -> String {
        "hmac-sha256:" + String(repeating: String(format: "%02x", seed % 256), count: 32)
    }

    static func finding(
        _ seed: Int, rule: String = "test-token", path: String = "src/app.env", line: Int = 3, column: Int = 7,
        level: FindingLevel = .high, valueFingerprint: String? = nil, commit: CommitInfo? = nil, notes: [String] = []
    ) -> Finding {
        Finding(
            gate: "secrets", ruleID: rule, title: "Test token \(rule)", level: level,
            location: CharterCore.SourceLocation(path: path, line: line, column: column, commit: commit),
            fingerprint: fingerprint(seed), valueFingerprint: valueFingerprint,
            preview: "FAKE\(seed)…(16 chars)", notes: notes)
    }

    static func waiver(
        _ id: String, _ scope: Waiver.Scope, expires: String = "2026-03-31", created: String? = "2026-01-15",
        approver: String = "bob@example.com", reason: String = "fixture values, not real"
    ) -> Waiver {
        Waiver(id: id, scope: scope, reason: reason, approver: approver, expires: day(expires), created: created.map(day))
    }

    /// A UTC day (`2026-03-31`) or an RFC 3339 time.
    static func day(_ text: String) -> Date {
        guard let date = WaiverDate.parse(text) else { fatalError("bad fixture date \(text)") }
        return date
    }

    /// Compares `actual` with `Golden/<name>`; `CHARTER_UPDATE_GOLDEN=1` rewrites the file first.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let url = goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CHARTER_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: goldenFolder, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = try #require(
            try? String(contentsOf: url, encoding: .utf8),
            "Golden/\(name) is missing; create it with CHARTER_UPDATE_GOLDEN=1 swift test --filter CharterGateTests",
            sourceLocation: sourceLocation)
        #expect(actual == expected, "output differs from Golden/\(name); if intended, regenerate with CHARTER_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
    }

    /// A fresh folder holding `charter.yml` with `text` (no file when `text` is nil).
    static func policyFolder(_ text: String?) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory("charter-gate")
        if let text {
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder.file(PolicyLoader.fileName)))
        }
        return folder
    }
}

/// Runs external validators (python3 with jsonschema, xmllint) and reports whether they exist.
enum ExternalTool {
    struct Run {
        let status: Int32
        let output: String
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    static func run(_ executable: String, _ arguments: [String]) throws -> Run {
        let result = try ExternalCommand.run(executable, arguments)
        return Run(status: result.status, output: result.output)
    }

    static let hasPythonJSONSchema: Bool = (try? run("python3", ["-c", "import jsonschema"]).status) == 0
    static let hasXMLLint: Bool = (try? run("xmllint", ["--version"]).status) == 0
}
