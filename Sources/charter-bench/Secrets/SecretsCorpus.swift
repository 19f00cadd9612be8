import Foundation

/// The secrets benchmark's corpus, built once and kept between runs: real source archived from
/// a folder of bare git repositories (the local Swift package mirror by default), planted items
/// under `planted/`, and a git history made of the same source with planted secrets that later
/// commits delete again.
struct SecretsCorpus {
    let root: String
    var tree: String { root + "/tree" }
    var history: String { root + "/history" }
    let planted: [PlantedItem]
    /// Planted items committed to the history (then deleted), by path.
    let historyPlanted: [PlantedItem]
    let treeBytes: Int
    let treeFiles: Int

    static let version = "2"

    static func prepare(_ arguments: BenchArguments) throws -> SecretsCorpus {
        let root = arguments.corpus ?? FileManager.default.temporaryDirectory.path + "/charter-bench-corpus"
        let marker = root + "/READY-v\(version)-\(arguments.corpusMegabytes)-\(arguments.historyMegabytes)"
        var generator = PlantedSecrets(seed: 20261123)
        let planted = generator.items(perFamily: 25)
        let historyPlanted = planted.filter { $0.kind == .secret && $0.family != "catalog sample" }.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
        if !FileManager.default.fileExists(atPath: marker) {
            try? FileManager.default.removeItem(atPath: root)
            try FileManager.default.createDirectory(atPath: root + "/tree/src", withIntermediateDirectories: true)
            let repositories = try bareRepositories(under: arguments.source)
            print("building the corpus in \(root) from \(repositories.count) repositories in \(arguments.source) (once; kept for later runs)")
            try extract(repositories, into: root + "/tree/src", megabytes: arguments.corpusMegabytes)
            try buildHistory(repositories, at: root + "/history", megabytes: arguments.historyMegabytes, planted: historyPlanted)
            FileManager.default.createFile(atPath: marker, contents: Data())
        }
        // Planted files are written afresh each run: the rule catalog's samples change with the code.
        try? FileManager.default.removeItem(atPath: root + "/tree/planted")
        for item in planted { try write(item, under: root + "/tree/planted") }
        let (bytes, files) = try size(of: root + "/tree")
        return SecretsCorpus(root: root, planted: planted, historyPlanted: historyPlanted, treeBytes: bytes, treeFiles: files)
    }

    private static func bareRepositories(under source: String) throws -> [String] {
        guard let owners = try? FileManager.default.contentsOfDirectory(atPath: source) else {
            throw BenchFailure("\(source): no such folder; pass --source DIR with bare git repositories (OWNER/NAME.git) of real source")
        }
        var repositories: [String] = []
        for owner in owners.sorted() {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: source + "/" + owner)) ?? []
            repositories += names.sorted().filter { $0.hasSuffix(".git") }.map { source + "/" + owner + "/" + $0 }
        }
        guard !repositories.isEmpty else { throw BenchFailure("\(source): no OWNER/NAME.git repositories found; pass --source DIR") }
        return repositories
    }

    private static func name(of repository: String) -> String {
        let parts = repository.split(separator: "/").suffix(2)
        return parts.joined(separator: "/").replacingOccurrences(of: ".git", with: "")
    }

    private static func extract(_ repositories: [String], into folder: String, megabytes: Int) throws {
        var total = 0
        for repository in repositories where total < megabytes << 20 {
            let target = folder + "/" + name(of: repository)
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            try ChildProcess.shell("git -C '\(repository)' archive HEAD | tar -x -C '\(target)'")
            total += try size(of: target).bytes
        }
        guard total >= megabytes << 20 else {
            throw BenchFailure("the repositories hold only \(total >> 20) MB; pass --corpus-mb \(total >> 20) or a larger --source")
        }
    }

    private static func buildHistory(_ repositories: [String], at folder: String, megabytes: Int, planted: [PlantedItem]) throws {
        let git = ["-C", folder, "-c", "user.name=Bench", "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false"]
        try ChildProcess.run("/usr/bin/git", ["init", "-q", folder])
        var total = 0
        var pending = planted[...]
        for (number, repository) in repositories.enumerated() where total < megabytes << 20 {
            let target = folder + "/" + name(of: repository)
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            try ChildProcess.shell("git -C '\(repository)' archive HEAD | tar -x -C '\(target)'")
            total += try size(of: target).bytes
            try ChildProcess.run("/usr/bin/git", git + ["add", "-A"])
            try ChildProcess.run("/usr/bin/git", git + ["commit", "-qm", "Add \(name(of: repository))"])
            // A few secrets per package: committed, then deleted by the next commit.
            for item in pending.prefix(3) {
                try commitThenDelete(item, in: folder, git: git, number: number)
            }
            pending = pending.dropFirst(3)
        }
        for item in pending { try commitThenDelete(item, in: folder, git: git, number: repositories.count) }
    }

    private static func commitThenDelete(_ item: PlantedItem, in folder: String, git: [String], number: Int) throws {
        try write(item, under: folder + "/planted")
        try ChildProcess.run("/usr/bin/git", git + ["add", "-A"])
        try ChildProcess.run("/usr/bin/git", git + ["commit", "-qm", "Add settings \(number)"])
        try FileManager.default.removeItem(atPath: folder + "/planted/" + item.fileName)
        try ChildProcess.run("/usr/bin/git", git + ["add", "-A"])
        try ChildProcess.run("/usr/bin/git", git + ["commit", "-qm", "Remove settings \(number)"])
    }

    private static func write(_ item: PlantedItem, under folder: String) throws {
        let path = folder + "/" + item.fileName
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(item.text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Bytes and regular files under `folder` (not following symlinks).
    static func size(of folder: String) throws -> (bytes: Int, files: Int) {
        let output = try ChildProcess.run("/usr/bin/find", [folder, "-type", "f", "-printf", "%s\n"])
        let sizes = output.split(separator: "\n").compactMap { Int($0) }
        return (sizes.reduce(0, +), sizes.count)
    }
}
