import Foundation

/// The work of a folder scan shared by its workers: files waiting to be read and folders waiting
/// to be listed. A worker takes a file when one waits, so memory stays flat; it waits only while
/// nothing is queued and another worker is still listing a folder that may add more.
final class FolderQueue: @unchecked Sendable {
    enum Item {
        case file(DirectoryWalker.File)
        case folder(DirectoryWalker.Folder)
    }

    private let condition = NSCondition()
    private var files: [DirectoryWalker.File] = []
    private var folders: [DirectoryWalker.Folder]
    /// Folders taken and not yet `listed`.
    private var listing = 0
    private var stopped = false

    init(root: DirectoryWalker.Folder) {
        folders = [root]
    }

    /// The next file or folder, or nil once the walk is over (or stopped).
    func next() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped {
            if let file = files.popLast() { return .file(file) }
            if let folder = folders.popLast() {
                listing += 1
                return .folder(folder)
            }
            guard listing > 0 else { break }
            condition.wait()
        }
        condition.broadcast()
        return nil
    }

    /// Queues what listing a folder taken from `next` found.
    func listed(_ result: DirectoryWalker.Listing) {
        condition.lock()
        defer { condition.unlock() }
        files += result.files
        folders += result.folders
        listing -= 1
        condition.broadcast()
    }

    /// Ends the walk early (a worker failed): every waiting and later `next` returns nil.
    func stop() {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
    }
}
