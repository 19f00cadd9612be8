#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Removes a file or a whole folder tree relative to an open directory, never following a
/// symbolic link: a link is removed itself, whatever it points to. Folders are made writable
/// first, so an image's read-only folders do not stop the removal.
enum TreeRemover {
    /// Removes `name` in the directory `parent`; false when there was nothing there.
    @discardableResult
    static func remove(_ name: String, in parent: Int32) throws(ImageArchiveError) -> Bool {
        var status = stat()
        guard fstatat(parent, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else {
            if errno == ENOENT { return false }
            throw failure("inspect", name)
        }
        if status.st_mode & S_IFMT == S_IFDIR {
            try removeChildren(of: name, in: parent)
            guard unlinkat(parent, name, AT_REMOVEDIR) == 0 else { throw failure("remove the folder", name) }
        } else {
            guard unlinkat(parent, name, 0) == 0 else { throw failure("remove", name) }
        }
        return true
    }

    /// Removes everything inside the folder `name` (not the folder itself) for which `keep`
    /// (given the child's name and whether it is a folder) answers false.
    static func removeChildren(
        of name: String, in parent: Int32, keep: (String, Bool) throws(ImageArchiveError) -> Bool = { _, _ in false }
    ) throws(ImageArchiveError) {
        fchmodat(parent, name, 0o700, 0)
        let folder = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard folder >= 0 else { throw failure("open the folder", name) }
        defer { close(folder) }
        for child in try names(in: folder, label: name) {
            var status = stat()
            guard fstatat(folder, child, &status, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            if try keep(child, status.st_mode & S_IFMT == S_IFDIR) { continue }
            try remove(child, in: folder)
        }
    }

    /// The names in an open folder, read from a duplicate so the caller's descriptor stays open.
    static func names(in folder: Int32, label: String) throws(ImageArchiveError) -> [String] {
        let copy = dup(folder)
        guard copy >= 0, let stream = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw failure("list", label)
        }
        defer { closedir(stream) }
        rewinddir(stream)
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private static func failure(_ action: String, _ name: String) -> ImageArchiveError {
        ImageArchiveError(.writeFailed, "cannot \(action) \(name) in the extraction folder (\(SystemError.describe(errno)))")
    }
}
