import CharterTestSupport
import Foundation
import Testing

/// Help text is part of the interface: changes to it show up in review as golden-file diffs.
/// Regenerate with `CHARTER_UPDATE_GOLDEN=1 swift test --filter HelpGoldenTests`.
@Suite struct HelpGoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    @Test(arguments: [
        ["--help"],
        ["ledger", "--help"],
        ["ledger", "verify", "--help"],
        ["decision", "--help"],
        ["decision", "import", "--help"],
    ])
    func help(arguments: [String]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try CharterProcess(home: directory.file(".charter"), environment: ["COLUMNS": "100"]).run(arguments)
        #expect(result.status == 0)
        let name = (arguments.filter { $0 != "--help" }.isEmpty ? ["charter"] : arguments.filter { $0 != "--help" }).joined(separator: "-") + ".txt"
        let golden = Self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CHARTER_UPDATE_GOLDEN"] == "1" {
            try result.stdout.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(result.stdout == expected, "help for \(arguments) changed; if intended, regenerate the golden files")
    }

    @Test func completionScriptsAreGenerated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for shell in ["bash", "zsh", "fish"] {
            let result = try CharterProcess(home: directory.file(".charter")).run(["--generate-completion-script", shell])
            #expect(result.status == 0)
            #expect(result.stdout.contains("ledger"))
        }
    }

    @Test func unknownFlagIsAUsageError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try CharterProcess(home: directory.file(".charter")).run(["ledger", "list", "--colour"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--colour"))
    }
}
