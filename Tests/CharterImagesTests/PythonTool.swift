import CharterTestSupport
import Testing

/// Python's tarfile, gzip and json, run from tests to make archives as real archivers write them.
enum PythonTool {
    /// Runs `script` with `arguments`; its output, or a test failure naming what Python said.
    @discardableResult
    static func run(_ script: String, _ arguments: [String]) throws -> String {
        let result = try ExternalCommand.run("python3", ["-c", script] + arguments)
        try #require(result.status == 0, "python3 failed: \(result.output.prefix(600))")
        return result.output
    }
}
