import CharterCore
import Foundation

/// Small questions to git about the folder a gate checks: the commit its checkout is at, and
/// the remote that names it. nil when the folder is not a work tree or git is not installed.
enum GitHead {
    static func commit(of folder: String) -> String? {
        output(folder, ["rev-parse", "--verify", "--quiet", "HEAD"])
    }

    static func originURL(of folder: String) -> String? {
        output(folder, ["config", "--get", "remote.origin.url"])
    }

    /// git's trimmed standard output, or nil when it fails or prints nothing. Spawned directly:
    /// Foundation's `Process` polls for the exit, adding tens of milliseconds to every check.
    private static func output(_ folder: String, _ arguments: [String]) -> String? {
        guard let process = try? SpawnedProcess("git", ["-C", folder] + arguments) else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(process.output, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        guard process.wait() == 0 else { return nil }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}
