import CharterCore
import Foundation

/// Small questions to git about the folder a gate checks: the commit its checkout is at, and
/// the remote that names it. nil when the folder is not a work tree or git is not installed.
enum GitHead {
    static func commit(of folder: String) -> String? {
        output(folder, ["rev-parse", "--verify", "--quiet", "HEAD"])
    }

    /// Why the gates' verdict on `folder` would not be a verdict on its HEAD commit: tracked files
    /// changed since the commit (the gates read the working tree), or a folder below the work
    /// tree's top (the gates read only part of the commit). nil when it is one.
    static func differenceFromHead(of folder: String) -> String? {
        guard let top = output(folder, ["rev-parse", "--show-toplevel"]) else {
            return "\(folder) is not a git work tree, so there is no commit to attest"
        }
        let real = { (path: String) in URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path }
        if real(top) != real(folder) {
            return "\(folder) is not the top of its work tree (\(top)); the gates would read only part of the commit: run charter check on the top"
        }
        if let changes = output(folder, ["status", "--porcelain", "--untracked-files=no"]) {
            let count = changes.split(separator: "\n").count
            return "\(count) tracked file(s) differ from the commit (\(changes.split(separator: "\n").first.map { $0.dropFirst(3) } ?? "")…); commit or stash them, so the verdict is on the commit it names"
        }
        return nil
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
