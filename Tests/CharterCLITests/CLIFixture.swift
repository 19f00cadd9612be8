import CharterTestSupport
import Foundation
import Testing

/// A temporary project folder with `charter init` already run in it.
struct CLIFixture {
    let directory: TemporaryDirectory
    let charter: CharterProcess

    var home: String { directory.file(".charter") }
    var database: String { home + "/charter.db" }

    init(initialize: Bool = true) throws {
        directory = try TemporaryDirectory("charter-cli")
        charter = CharterProcess(home: directory.file(".charter"), workingDirectory: directory.path)
        if initialize {
            let result = try charter.run(["init", "--origin", "example.com/charter-test"])
            guard result.status == 0 else {
                throw ConformanceFailure(description: "charter init failed (\(result.status)): \(result.stderr)")
            }
        }
    }

    @discardableResult
    func run(_ arguments: String..., actor: String? = nil, stdin: String? = nil, environment: [String: String] = [:]) throws -> CharterProcess.Result {
        try charter.run(arguments, actor: actor, stdin: stdin, environment: environment)
    }

    func json(_ arguments: String..., actor: String? = nil) throws -> Any {
        let result = try charter.run(arguments + ["--json"], actor: actor)
        guard result.status == 0 else {
            throw ConformanceFailure(description: "charter \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    func write(_ name: String, _ text: String) -> String {
        let path = directory.file(name)
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    /// Runs sqlite3 on the store, as someone with file access would.
    func sqlite(_ sql: String, database: String? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database ?? self.database, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 \(sql)")
    }

    func remove() { directory.remove() }
}
