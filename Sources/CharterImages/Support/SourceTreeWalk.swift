import Foundation

/// Walks a project folder for the files the image checks read: regular files whose name
/// `keeps` accepts, never following a symbolic link, and not entering installed or generated
/// trees (`.git`, `node_modules`, `vendor`, build output, virtualenvs) or the folders `skips`
/// names for a folder given its entries.
struct SourceTreeWalk {
    static let skippedFolders: Set<String> = [
        ".git", "node_modules", "vendor", ".build", "build", "dist", "target", "__pycache__", ".venv", "venv", ".tox", ".charter",
    ]

    let root: String

    /// Paths relative to the root, and the folders that could not be listed (`.` for the root), both sorted.
    func files(keeping keeps: (String) -> Bool, skipping skips: (_ folder: String, _ names: [String]) -> Set<String> = { _, _ in [] }) -> (files: [String], unreadable: [String]) {
        var found: [String] = []
        var unreadable: [String] = []
        var pending = [""]
        while let folder = pending.popLast() {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else {
                unreadable.append(folder.isEmpty ? "." : folder)
                continue
            }
            let skipped = skips(folder, names)
            for name in names {
                let relative = folder.isEmpty ? name : folder + "/" + name
                var info = stat()
                guard lstat(absolute + "/" + name, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    if !Self.skippedFolders.contains(name), !skipped.contains(name) { pending.append(relative) }
                } else if info.st_mode & S_IFMT == S_IFREG, keeps(name) {
                    found.append(relative)
                }
            }
        }
        return (found.sorted(), unreadable.sorted())
    }
}
