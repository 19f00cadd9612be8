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

    package static let ignoreFiles = [".gitignore", ".charterignore"]

    package init(root: String, maxFileSize: Int, honourGitignore: Bool = true) {
        self.root = root
        self.maxFileSize = maxFileSize
        self.honourGitignore = honourGitignore
    }

    package func walk() throws -> (files: [File], skipped: Skipped) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SecretsError(.inputUnreadable, "\(root): no such folder; pass a folder to scan, a file, or - for standard input")
        }
        let realRoot = URL(fileURLWithPath: root).resolvingSymlinksInPath().path
        var rules = IgnoreRules()
        if let exclude = FileManager.default.contents(atPath: root + "/.git/info/exclude") {
            rules.add(String(decoding: exclude, as: UTF8.self), base: "")
        }
        var files: [File] = []
        var skipped = Skipped()
        try visit(folder: root, relative: "", rules: rules, realRoot: realRoot, files: &files, skipped: &skipped)
        return (files.sorted { $0.relativePath < $1.relativePath }, skipped)
    }

    private func visit(folder: String, relative: String, rules inherited: IgnoreRules, realRoot: String, files: inout [File], skipped: inout Skipped) throws {
        var rules = inherited
        rules.load(folder: folder, base: relative, files: honourGitignore ? Self.ignoreFiles : [".charterignore"])
        guard let directory = opendir(folder) else {
            if relative.isEmpty { throw SecretsError(.inputUnreadable, "\(folder): cannot be read (\(String(cString: strerror(errno))))") }
            skipped.unreadable.append(relative)
            return
        }
        defer { closedir(directory) }
        var children: [(name: String, type: UInt8)] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard name != ".", name != "..", name != ".git" else { continue }
            children.append((name, entry.pointee.d_type))
        }
        for child in children {
            let path = folder + "/" + child.name
            let childRelative = relative.isEmpty ? child.name : relative + "/" + child.name
            var info = stat()
            guard lstat(path, &info) == 0 else {
                skipped.unreadable.append(childRelative)
                continue
            }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR {
                if rules.isIgnored(childRelative, isDirectory: true) {
                    skipped.ignored += 1
                    continue
                }
                try visit(folder: path, relative: childRelative, rules: rules, realRoot: realRoot, files: &files, skipped: &skipped)
            } else if kind == S_IFREG || kind == S_IFLNK {
                if rules.isIgnored(childRelative, isDirectory: false) {
                    skipped.ignored += 1
                    continue
                }
                var size = Int(info.st_size)
                if kind == S_IFLNK {
                    let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                    var targetInfo = stat()
                    guard target.hasPrefix(realRoot + "/"), stat(target, &targetInfo) == 0, targetInfo.st_mode & S_IFMT == S_IFREG else {
                        skipped.symlinks += 1
                        continue
                    }
                    size = Int(targetInfo.st_size)
                }
                if size > maxFileSize {
                    skipped.tooLarge += 1
                } else if BinaryFiles.isBinary(name: child.name) {
                    skipped.binary += 1
                } else {
                    files.append(File(path: path, relativePath: childRelative, size: size))
                }
            }
        }
    }
}

/// Files not worth reading as text: by extension first, then by content (a NUL byte early on).
package enum BinaryFiles {
    private static let extensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "bmp", "ico", "icns", "webp", "tiff", "psd", "heic",
        "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar", "jar", "war", "ear", "whl", "nupkg", "gem",
        "so", "dylib", "dll", "exe", "o", "a", "lib", "obj", "class", "pyc", "pyo", "wasm", "bin", "dat",
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt",
        "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "mov", "avi", "wav", "flac", "ogg", "webm", "mkv",
        "sqlite", "db", "iso", "dmg", "img", "deb", "rpm", "apk", "ipa",
    ]

    package static func isBinary(name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// A NUL byte in the first 8000 bytes, as git decides.
    package static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, 0, min(bytes.count, 8000)) != nil
    }
}
