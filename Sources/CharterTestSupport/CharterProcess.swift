import Foundation

/// Runs the built `charter` binary as a child process, the way users and CI run it.
package struct CharterProcess: Sendable {
    package struct Result: Sendable {
        package let status: Int32
        package let stdout: String
        package let stderr: String
    }

    /// `charter` sits beside the test bundle in the build products folder.
    package static let executable: String = {
        let testBinary = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: testBinary).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("charter").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../.build/debug/charter").standardized.path
    }()

    package let home: String
    package let workingDirectory: String
    package var environment: [String: String]

    package init(home: String, workingDirectory: String? = nil, environment: [String: String] = [:]) {
        self.home = home
        self.workingDirectory = workingDirectory ?? (home as NSString).deletingLastPathComponent
        var base = ProcessInfo.processInfo.environment
        base["CHARTER_HOME"] = home
        base["CHARTER_ACTOR"] = "alice@example.com"
        // Compiled rules are cached beside the test's store, not in the user's ~/.cache.
        base["CHARTER_CACHE_DIR"] = home + "/cache"
        base.removeValue(forKey: "CHARTER_LOCK_TIMEOUT")
        self.environment = base.merging(environment) { $1 }
    }

    @discardableResult
    package func run(_ arguments: [String], actor: String? = nil, stdin: String? = nil, environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        var environment = self.environment.merging(extra) { $1 }
        if let actor { environment["CHARTER_ACTOR"] = actor }
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}
