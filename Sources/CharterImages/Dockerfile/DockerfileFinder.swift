import Foundation

/// Finds the Dockerfiles under a folder: `Dockerfile`, `Containerfile`, `Dockerfile.<variant>`,
/// `<variant>.Dockerfile` (any case), skipping the trees `ManifestFinder` skips. A file given as
/// the root is a Dockerfile whatever its name.
package struct DockerfileFinder {
    package let root: String

    package init(root: String) {
        self.root = root
    }

    /// Whether a file name is a Dockerfile's.
    package static func isDockerfile(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower == "dockerfile" || lower == "containerfile" || lower.hasPrefix("dockerfile.") || lower.hasSuffix(".dockerfile")
            || lower.hasPrefix("containerfile.") || lower.hasSuffix(".containerfile")
    }

    /// Paths relative to the root, sorted; the root's own name when it is a file.
    package func files() -> [String] {
        find().files
    }

    /// The Dockerfiles (as `files()`), and the folders under the root that could not be listed,
    /// whose Dockerfiles are unknown.
    package func find() -> (files: [String], unreadable: [String]) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else { return ([], []) }
        guard isFolder.boolValue else { return ([(root as NSString).lastPathComponent], []) }
        var found: [String] = []
        var unreadable: [String] = []
        var pending = [""]
        while let folder = pending.popLast() {
            let absolute = folder.isEmpty ? root : root + "/" + folder
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: absolute) else {
                unreadable.append(folder.isEmpty ? "." : folder)
                continue
            }
            for name in names {
                let relative = folder.isEmpty ? name : folder + "/" + name
                var info = stat()
                guard lstat(absolute + "/" + name, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFDIR {
                    if !ManifestFinder.skippedFolders.contains(name) { pending.append(relative) }
                } else if info.st_mode & S_IFMT == S_IFREG, Self.isDockerfile(name) {
                    found.append(relative)
                }
            }
        }
        return (found.sorted(), unreadable.sorted())
    }
}
