#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How each kind of tar entry lands in the root folder.
extension LayerApplier {
    /// The folder that will hold `path`, or nil (with the entry noted) when the image puts a link
    /// or a file where a folder should be.
    private func parent(of entry: TarEntry, path: EntryPath, creating: Bool = true) throws(ImageArchiveError) -> DirectoryHandle? {
        switch try folder.parent(of: path, creating: creating) {
        case .success(let handle): return handle
        case .failure(.notADirectory(let component)): note(entry, .parentNotADirectory(component), skipped: true)
        case .failure(.nameTooLong): note(entry, .nameTooLong, skipped: true)
        case .failure(.missing(let component)): note(entry, .parentNotADirectory(component), skipped: true)
        }
        return nil
    }

    func makeDirectory(_ entry: TarEntry, path: EntryPath) throws(ImageArchiveError) {
        counts.directories += 1
        guard let name = path.name, let parent = try parent(of: entry, path: path) else { return }
        try folder.makeDirectory(name, in: parent, mode: entry.mode)
        markWritten(path)
    }

    func writeFile(_ entry: TarEntry, path: EntryPath, from reader: TarReader<StreamTarInput>, label: String) throws(ImageArchiveError) {
        guard let name = path.name else { return note(entry, .replacesRoot, skipped: true) }
        guard entry.size <= limits.largestFile else {
            throw ImageArchiveError(
                .limitExceeded,
                "\(label): member \(entry.path): \(entry.size) bytes, more than the \(limits.largestFile)-byte limit for one file; "
                    + "a decompression bomb, or raise the file-size limit")
        }
        guard counts.bytes + entry.size <= limits.largestTotal else {
            throw ImageArchiveError(
                .limitExceeded,
                "\(label): member \(entry.path): would bring the files written past the \(limits.largestTotal)-byte limit for the "
                    + "whole image; a decompression bomb, or raise the total-size limit")
        }
        guard let parent = try parent(of: entry, path: path) else { return }
        let descriptor = try folder.createFile(name, in: parent, mode: entry.mode)
        defer { close(descriptor) }
        while true {
            let count = try reader.readContent(into: buffer)
            guard count > 0 else { break }
            try writeAll(descriptor, count)
        }
        counts.files += 1
        counts.bytes += entry.size
        markWritten(path)
    }

    private func writeAll(_ descriptor: Int32, _ count: Int) throws(ImageArchiveError) {
        guard let start = buffer.baseAddress else { return }
        var written = 0
        while written < count {
            let result = write(descriptor, start + written, count - written)
            if result > 0 {
                written += result
            } else if result < 0, errno == EINTR {
                continue
            } else {
                throw ImageArchiveError(.writeFailed, "cannot write the file (\(SystemError.describe(errno)))")
            }
        }
    }

    func makeSymbolicLink(_ entry: TarEntry, path: EntryPath) throws(ImageArchiveError) {
        guard let name = path.name else { return note(entry, .replacesRoot, skipped: true) }
        guard !entry.linkTarget.isEmpty else { return note(entry, .emptyLinkTarget, skipped: true) }
        guard let parent = try parent(of: entry, path: path) else { return }
        try folder.makeSymbolicLink(name, in: parent, target: entry.linkTarget)
        counts.symbolicLinks += 1
        markWritten(path)
    }

    /// A hard link's target is a name inside the image (clamped to the root like any name),
    /// reached without following links; it must already exist and not be a folder.
    func makeHardLink(_ entry: TarEntry, path: EntryPath) throws(ImageArchiveError) {
        guard let name = path.name else { return note(entry, .replacesRoot, skipped: true) }
        let target = EntryPath(entry.linkTarget)
        if target.climbedAboveRoot { note(entry, .hardLinkTargetClimbsAboveRoot(entry.linkTarget), skipped: false) }
        guard let targetName = target.name else { return note(entry, .hardLinkTargetIsADirectory(entry.linkTarget), skipped: true) }
        guard target.relative != path.relative else { return }
        guard case .success(let targetParent) = try folder.parent(of: target, creating: false),
            let kind = folder.kind(of: targetName, in: targetParent)
        else {
            return note(entry, .hardLinkTargetMissing(entry.linkTarget), skipped: true)
        }
        guard kind != S_IFDIR else { return note(entry, .hardLinkTargetIsADirectory(entry.linkTarget), skipped: true) }
        guard let parent = try parent(of: entry, path: path) else { return }
        try folder.makeHardLink(name, in: parent, to: targetName, in: targetParent)
        counts.hardLinks += 1
        markWritten(path)
    }

    /// `.wh.<name>` deletes what lower layers had at `<name>`; `.wh..wh..opq` hides everything
    /// lower layers had in its folder. Neither is written itself.
    func applyWhiteout(_ entry: TarEntry, path: EntryPath, name: String) throws(ImageArchiveError) {
        if name == ".wh..wh..opq" {
            counts.opaqueDirectories += 1
            var folderPath = path
            folderPath.components.removeLast()
            guard case .success(let parent) = try folder.parent(of: path, creating: false) else { return }
            try hideLowerContents(of: parent, at: folderPath.relative)
            return
        }
        let hidden = String(name.dropFirst(".wh.".count))
        guard !name.hasPrefix(".wh..wh."), !hidden.isEmpty, hidden != ".", hidden != ".." else {
            return note(entry, .unknownWhiteout, skipped: true)
        }
        counts.whiteouts += 1
        var hiddenPath = path
        hiddenPath.components[hiddenPath.components.count - 1] = hidden
        guard !writtenInLayer.contains(hiddenPath.relative),
            case .success(let parent) = try folder.parent(of: hiddenPath, creating: false)
        else { return }
        try folder.remove(hidden, in: parent)
    }

    /// Removes what lower layers left in the folder `directory` (at `relative`), keeping what
    /// the current layer wrote, folder by folder.
    private func hideLowerContents(of directory: DirectoryHandle, at relative: String) throws(ImageArchiveError) {
        for child in try TreeRemover.names(in: directory.descriptor, label: relative) {
            let childPath = relative.isEmpty ? child : relative + "/" + child
            guard writtenInLayer.contains(childPath) else {
                try folder.remove(child, in: directory)
                continue
            }
            guard folder.kind(of: child, in: directory) == S_IFDIR else { continue }
            let descriptor = openat(directory.descriptor, child, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw ImageArchiveError(.writeFailed, "cannot open the folder \(childPath) (\(SystemError.describe(errno)))")
            }
            try hideLowerContents(of: DirectoryHandle(descriptor), at: childPath)
        }
    }
}
