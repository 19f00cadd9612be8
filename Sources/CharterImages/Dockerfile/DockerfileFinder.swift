import Foundation

/// Finds the Dockerfiles under a folder: `Dockerfile`, `Containerfile`, `Dockerfile.<variant>`,
/// `<variant>.Dockerfile` (any case), skipping the trees `SourceTreeWalk` skips. A file given as
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
        return SourceTreeWalk(root: root).files(keeping: Self.isDockerfile)
    }
}
