#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file of an extracted image.
package struct ImageFile: Sendable, Equatable {
    /// Relative to the image's root (`usr/lib/os-release`).
    package var path: String
    package var size: Int
    /// The file in the extraction folder, for reading (no link lies on the way to it).
    package var location: String
}

/// The regular files under an extracted image's root, found with `lstat` only: links (to files
/// or folders) are never followed, so a link planted by the image cannot lead the walk out.
package struct ImageFiles: Sequence {
    let root: String

    package func makeIterator() -> Iterator {
        Iterator(root: root)
    }

    package struct Iterator: IteratorProtocol {
        private let root: String
        /// Folders still to list (relative paths), and the listed folder's remaining names.
        private var pendingFolders: [String] = [""]
        private var folder = ""
        private var names: [String] = []

        init(root: String) {
            self.root = root
        }

        package mutating func next() -> ImageFile? {
            while true {
                if let name = names.popLast() {
                    let relative = folder.isEmpty ? name : folder + "/" + name
                    let location = root + "/" + relative
                    var status = stat()
                    guard lstat(location, &status) == 0 else { continue }
                    switch status.st_mode & S_IFMT {
                    case S_IFDIR: pendingFolders.append(relative)
                    case S_IFREG: return ImageFile(path: relative, size: Int(status.st_size), location: location)
                    default: continue
                    }
                } else if let next = pendingFolders.popLast() {
                    folder = next
                    names = Self.list(root + (next.isEmpty ? "" : "/" + next)).sorted(by: >)
                } else {
                    return nil
                }
            }
        }

        /// The names in a folder opened with `O_NOFOLLOW`; a folder swapped for a link reads as empty.
        private static func list(_ path: String) -> [String] {
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { return [] }
            defer { close(descriptor) }
            return (try? TreeRemover.names(in: descriptor, label: path)) ?? []
        }
    }
}
