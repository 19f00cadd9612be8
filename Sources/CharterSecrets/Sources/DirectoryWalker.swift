import Foundation

/// Lists the files under a root that a secret scan reads: honours `.gitignore`,
/// `.git/info/exclude` and `.charterignore`, skips `.git`, files over the size limit and files
/// that are binary by name, never follows a symlink to a folder, and follows a symlink to a file
/// only when it stays inside the root.
package struct DirectoryWalker {
    package struct File: Sendable {
        package let path: String
        package let relativePath: String
        package let size: Int
    }

    package struct Skipped: Sendable, Codable, Equatable {
        package var ignored = 0
        package var tooLarge = 0
        package var binary = 0
        package var symlinks = 0
        package var unreadable: [String] = []
    }

    package let root: String
    package let maxFileSize: Int
    package let honourGitignore: Bool
    /// Off for trees whose ignore files are not the user's (a container image's root): then no
    /// `.gitignore`, `.charterignore` or `.git/info/exclude` in the tree can hide a file.
    package let readsIgnoreFiles: Bool

    package static let ignoreFiles = [".gitignore", ".charterignore"]

    package init(root: String, maxFileSize: Int, honourGitignore: Bool = true, readsIgnoreFiles: Bool = true) {
        self.root = root
        self.maxFileSize = maxFileSize
        self.honourGitignore = honourGitignore
        self.readsIgnoreFiles = readsIgnoreFiles
    }

    /// A folder still to list, with the ignore rules its ancestors put in force.
    package struct Folder: Sendable {
        let path: String
        let relative: String
        let rules: IgnoreRules
        let realRoot: String
    }

    /// What listing one folder found: files to scan, folders to list next, and what it skipped.
    package struct Listing {
        package var files: [File] = []
        package var folders: [Folder] = []
        package var skipped = Skipped()
    }

    /// Every file to scan, in path order. One thread lists folder after folder; a scan that
    /// wants to read while it walks lists folders itself from `start()` (see `SecretScanner`).
    package func walk() throws -> (files: [File], skipped: Skipped) {
        var pending = [try start()]
        var files: [File] = []
        var skipped = Skipped()
        while let folder = pending.popLast() {
            let listing = try list(folder)
            files += listing.files
            pending += listing.folders
            skipped.add(listing.skipped)
        }
        skipped.unreadable.sort()
        return (files.sorted { $0.relativePath < $1.relativePath }, skipped)
    }

    /// The root folder, with `.git/info/exclude` loaded; throws when it is not a folder.
    package func start() throws -> Folder {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SecretsError(.inputUnreadable, "\(root): no such folder; pass a folder to scan, a file, or - for standard input")
        }
        var rules = IgnoreRules()
        if readsIgnoreFiles, let exclude = FileManager.default.contents(atPath: root + "/.git/info/exclude") {
            rules.add(String(decoding: exclude, as: UTF8.self), base: "")
        }
        return Folder(path: root, relative: "", rules: rules, realRoot: URL(fileURLWithPath: root).resolvingSymlinksInPath().path)
    }

    /// Lists one folder. Only the root's being unreadable throws; any other folder or file that
    /// cannot be read is counted in `skipped.unreadable`.
    package func list(_ folder: Folder) throws -> Listing {
        var rules = folder.rules
        if readsIgnoreFiles {
            rules.load(folder: folder.path, base: folder.relative, files: honourGitignore ? Self.ignoreFiles : [".charterignore"])
        }
        var listing = Listing()
        guard let directory = opendir(folder.path) else {
            if folder.relative.isEmpty { throw SecretsError(.inputUnreadable, "\(folder.path): cannot be read (\(String(cString: strerror(errno))))") }
            listing.skipped.unreadable.append(folder.relative)
            return listing
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != "..", name != ".git" else { continue }
            let path = folder.path + "/" + name
            let relative = folder.relative.isEmpty ? name : folder.relative + "/" + name
            // Relative to the open folder, so the kernel resolves one name rather than the whole path.
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else {
                listing.skipped.unreadable.append(relative)
                continue
            }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                if rules.isIgnored(relative, isDirectory: true) {
                    listing.skipped.ignored += 1
                } else {
                    listing.folders.append(Folder(path: path, relative: relative, rules: rules, realRoot: folder.realRoot))
                }
            } else if kind == S_IFREG || kind == S_IFLNK {
                if rules.isIgnored(relative, isDirectory: false) {
                    listing.skipped.ignored += 1
                    continue
                }
                var size = Int(info.st_size)
                if kind == S_IFLNK {
                    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                    var targetInfo = stat()
                    guard target.hasPrefix(folder.realRoot + "/"), stat(target, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFREG else {
                        listing.skipped.symlinks += 1
                        continue
                    }
                    size = Int(targetInfo.st_size)
                }
                if size > maxFileSize {
                    listing.skipped.tooLarge += 1
                } else if BinaryFiles.isBinary(name: name) {
                    listing.skipped.binary += 1
                } else {
                    listing.files.append(File(path: path, relativePath: relative, size: size))
                }
            }
        }
        return listing
    }
}

extension DirectoryWalker.Skipped {
    package mutating func add(_ other: Self) {
        ignored += other.ignored
        tooLarge += other.tooLarge
        binary += other.binary
        symlinks += other.symlinks
        unreadable += other.unreadable
    }
}
