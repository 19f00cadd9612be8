import Foundation

/// A private folder (mode 0700) that an extraction writes into, made fresh under a parent the
/// caller chooses (the system temp folder by default) and removed whole by `remove()`.
package final class ImageWorkspace: Sendable {
    package let path: String

    package init(in parent: String? = nil) throws(ImageArchiveError) {
        let base = parent ?? FileManager.default.temporaryDirectory.path
        var template = Array((base.hasSuffix("/") ? base : base + "/").utf8CString.dropLast()) + Array("charter-image-XXXXXX".utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ $0.baseAddress.flatMap(mkdtemp) }) else {
            throw ImageArchiveError(.writeFailed, "cannot create a work folder under \(base) (\(SystemError.describe(errno)))")
        }
        path = String(cString: created)
    }

    /// Removes the workspace and everything in it, never following a link out of it.
    package func remove() {
        let parent = (path as NSString).deletingLastPathComponent
        let descriptor = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = try? TreeRemover.remove((path as NSString).lastPathComponent, in: descriptor)
    }

    /// Removes one item of the workspace (a failed extraction's folder).
    func removeItem(named name: String) {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        _ = try? TreeRemover.remove(name, in: descriptor)
    }
}
