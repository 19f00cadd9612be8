import Foundation

/// A secret scanner the benchmark runs: Charter's release binary, or a peer found on PATH (or in
/// `$CHARTER_BENCH_VENV/bin`), with the options that make the runs comparable (JSON reports, no
/// network validation, every finding reported).
struct ScannerTool {
    let name: String
    let label: String
    let executable: String
    let acceptedStatuses: Set<Int32>
    let environment: [String: String]
    private let folderArguments: (String, String) -> [String]
    private let historyArguments: (String, String) -> [String]
    private let parse: (Data) throws -> [String]

    func scanFolder(_ folder: String, report: String) throws -> ChildProcess.Outcome {
        try ChildProcess.measure(executable, folderArguments(folder, report), in: (folder as NSString).deletingLastPathComponent, environment: environment)
    }

    func scanHistory(_ repository: String, report: String) throws -> ChildProcess.Outcome {
        try ChildProcess.measure(executable, historyArguments(repository, report), in: (repository as NSString).deletingLastPathComponent, environment: environment)
    }

    /// The path of every finding in a report.
    func findings(in report: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: report) else { throw BenchFailure("\(label) wrote no report at \(report)") }
        return try parse(data)
    }

    static func charter(binary: String, home: String) -> ScannerTool {
        ScannerTool(
            name: "charter", label: "charter \(version(binary, ["--version"]))", executable: binary, acceptedStatuses: [0, 1],
            environment: ["CHARTER_HOME": home, "CHARTER_CACHE_DIR": home + "/cache", "CHARTER_FINGERPRINT_KEY": String(repeating: "5a", count: 32), "CI": "1"],
            folderArguments: { ["scan", "secrets", $0, "--format", "json", "--output", $1] },
            historyArguments: { ["scan", "secrets", $0, "--git", "--format", "json", "--output", $1] },
            parse: { data in
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                let gates = object?["gates"] as? [[String: Any]] ?? []
                return gates.flatMap { ($0["findings"] as? [[String: Any]]) ?? [] }.compactMap {
                    (($0["finding"] as? [String: Any])?["location"] as? [String: Any])?["path"] as? String
                }
            })
    }

    static func gitleaks() -> ScannerTool? {
        guard let executable = locate("gitleaks") else { return nil }
        return ScannerTool(
            name: "gitleaks", label: "gitleaks \(version(executable, ["version"]))", executable: executable, acceptedStatuses: [0], environment: [:],
            folderArguments: { ["dir", $0, "--no-banner", "--log-level", "error", "--exit-code", "0", "--report-format", "json", "--report-path", $1] },
            historyArguments: { ["git", $0, "--no-banner", "--log-level", "error", "--exit-code", "0", "--report-format", "json", "--report-path", $1] },
            parse: { data in
                ((try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []).compactMap { $0["File"] as? String }
            })
    }

    static func kingfisher() -> ScannerTool? {
        guard let executable = locate("kingfisher") else { return nil }
        return ScannerTool(
            name: "kingfisher", label: "kingfisher \(version(executable, ["--version"]).replacingOccurrences(of: "kingfisher ", with: ""))",
            executable: executable, acceptedStatuses: [0, 200, 205], environment: [:],
            folderArguments: { ["scan", $0, "--no-validate", "--no-update-check", "--format", "json", "--output", $1] },
            historyArguments: { ["scan", $0, "--no-validate", "--no-update-check", "--git-history", "full", "--format", "json", "--output", $1] },
            parse: { data in
                let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
                return ((object?["findings"] as? [[String: Any]]) ?? []).compactMap { ($0["finding"] as? [String: Any])?["path"] as? String }
            })
    }

    private static func locate(_ name: String) -> String? {
        var folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        if let venv = ProcessInfo.processInfo.environment["CHARTER_BENCH_VENV"] { folders.insert(venv + "/bin", at: 0) }
        return folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private static func version(_ executable: String, _ arguments: [String]) -> String {
        let text = (try? ChildProcess.run(executable, arguments)) ?? ""
        return text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
    }
}
