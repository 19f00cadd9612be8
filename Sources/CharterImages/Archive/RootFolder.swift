#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The folder an image's layers are applied into. Every write is made relative to a directory
/// descriptor reached from the root one component at a time with `O_NOFOLLOW`, and files are
/// created with `O_EXCL | O_NOFOLLOW`: a symbolic link planted by the image is never followed,
/// so no entry, however named, can reach outside this folder.
final class RootFolder {
    /// What an entry could not be written through.
    enum Obstacle: Error, Equatable {
        /// A component of the parent path is a symbolic link or a file in the image.
        case notADirectory(String)
        /// A component is missing (only when not creating).
        case missing(String)
        /// A component is longer than the file system allows.
        case nameTooLong
    }

    let path: String
    private let root: DirectoryHandle
    /// Entries arrive grouped by folder, so the last parent opened is kept; any removal forgets it.
    private var cachedParent: (key: String, handle: DirectoryHandle)?

    init(creatingAt path: String) throws(ImageArchiveError) {
        guard mkdir(path, 0o755) == 0 else {
            throw ImageArchiveError(.writeFailed, "cannot create the extraction folder \(path) (\(SystemError.describe(errno)))")
        }
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ImageArchiveError(.writeFailed, "cannot open the extraction folder \(path) (\(SystemError.describe(errno)))")
        }
        self.path = path
        root = DirectoryHandle(descriptor)
    }

    /// The directory holding `path`'s last component, creating missing folders on the way when
    /// `creating`.
    func parent(of path: EntryPath, creating: Bool) throws(ImageArchiveError) -> Result<DirectoryHandle, Obstacle> {
        let components = path.parent
        guard !components.isEmpty else { return .success(root) }
        let key = components.joined(separator: "/")
        if let cachedParent, cachedParent.key == key { return .success(cachedParent.handle) }
        var current = root
        var walked: [String] = []
        for component in components {
            walked.append(component)
            var descriptor = openat(current.descriptor, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            if descriptor < 0, errno == ENOENT, creating {
                guard mkdirat(current.descriptor, component, 0o755) == 0 || errno == EEXIST else {
                    if errno == ENAMETOOLONG { return .failure(.nameTooLong) }
                    throw failure("create the folder", walked)
                }
                descriptor = openat(current.descriptor, component, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            }
            guard descriptor >= 0 else {
                switch errno {
                case ENOENT: return .failure(.missing(walked.joined(separator: "/")))
                case ELOOP, ENOTDIR: return .failure(.notADirectory(walked.joined(separator: "/")))
                case ENAMETOOLONG: return .failure(.nameTooLong)
                default: throw failure("open the folder", walked)
                }
            }
            current = DirectoryHandle(descriptor)
        }
        cachedParent = (key, current)
        return .success(current)
    }

    /// What is at `name` in `parent`, without following a link: its type bits, or nil.
    func kind(of name: String, in parent: DirectoryHandle) -> mode_t? {
        var status = stat()
        guard fstatat(parent.descriptor, name, &status, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return status.st_mode & S_IFMT
    }

    /// Removes whatever is at `name` (a whole tree for a folder).
    @discardableResult
    func remove(_ name: String, in parent: DirectoryHandle) throws(ImageArchiveError) -> Bool {
        cachedParent = nil
        return try TreeRemover.remove(name, in: parent.descriptor)
    }

    /// Removes the children of the folder `name` that `keep` does not claim.
    func removeChildren(
        of name: String, in parent: DirectoryHandle, keep: (String, Bool) throws(ImageArchiveError) -> Bool
    ) throws(ImageArchiveError) {
        cachedParent = nil
        try TreeRemover.removeChildren(of: name, in: parent.descriptor, keep: keep)
    }

    /// A folder at `name`, replacing anything else there; an existing folder is kept with its contents.
    func makeDirectory(_ name: String, in parent: DirectoryHandle, mode: Int) throws(ImageArchiveError) {
        // Owner-writable and searchable whatever the image says, so later layers and the cleanup can work inside.
        let permissions = mode_t((mode & 0o777) | 0o700)
        switch kind(of: name, in: parent) {
        case S_IFDIR?:
            fchmodat(parent.descriptor, name, permissions, 0)
            return
        case nil: break
        default: try remove(name, in: parent)
        }
        guard mkdirat(parent.descriptor, name, permissions) == 0 else { throw failure("create the folder", [name]) }
        // The process umask must not take away what we need to work inside.
        fchmodat(parent.descriptor, name, permissions, 0)
    }

    /// A new, empty regular file at `name`, replacing anything there, opened for writing.
    func createFile(_ name: String, in parent: DirectoryHandle, mode: Int) throws(ImageArchiveError) -> Int32 {
        if kind(of: name, in: parent) != nil { try remove(name, in: parent) }
        // Permission bits only (no set-id bits), and always readable and writable by us.
        let permissions = mode_t((mode & 0o777) | 0o600)
        let descriptor = openat(parent.descriptor, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, permissions)
        guard descriptor >= 0 else { throw failure("create", [name]) }
        fchmod(descriptor, permissions)
        return descriptor
    }

    /// A symbolic link at `name` holding `target` verbatim; the target is never resolved here.
    func makeSymbolicLink(_ name: String, in parent: DirectoryHandle, target: String) throws(ImageArchiveError) {
        if kind(of: name, in: parent) != nil { try remove(name, in: parent) }
        guard symlinkat(target, parent.descriptor, name) == 0 else { throw failure("create the link", [name]) }
    }

    /// A hard link at `name` to the existing non-folder `target` in `targetParent`. `linkat`
    /// without `AT_SYMLINK_FOLLOW` links a symbolic link itself, never what it points to.
    func makeHardLink(
        _ name: String, in parent: DirectoryHandle, to target: String, in targetParent: DirectoryHandle
    ) throws(ImageArchiveError) {
        if kind(of: name, in: parent) != nil { try remove(name, in: parent) }
        guard linkat(targetParent.descriptor, target, parent.descriptor, name, 0) == 0 else {
            throw failure("create the hard link", [name])
        }
    }

    private func failure(_ action: String, _ components: [String]) -> ImageArchiveError {
        ImageArchiveError(
            .writeFailed, "cannot \(action) \(components.joined(separator: "/")) under \(path) (\(SystemError.describe(errno)))")
    }
}

/// An open directory descriptor, closed when the last reference goes.
final class DirectoryHandle {
    let descriptor: Int32

    init(_ descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
