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
        /// A folder being listed: its relative path and its names not yet visited (last first).
        private struct Frame {
            var folder: String
            var names: [String]
        }

        private let root: String
        private var stack: [Frame]

        init(root: String) {
            self.root = root
            stack = [Frame(folder: "", names: Self.list(root))]
        }

        package mutating func next() -> ImageFile? {
            while let top = stack.indices.last {
                guard let name = stack[top].names.popLast() else {
                    stack.removeLast()
                    continue
                }
                let folder = stack[top].folder
                let relative = folder.isEmpty ? name : folder + "/" + name
                let location = root + "/" + relative
                var status = stat()
                guard lstat(location, &status) == 0 else { continue }
                switch status.st_mode & S_IFMT {
                case S_IFDIR: stack.append(Frame(folder: relative, names: Self.list(location)))
                case S_IFREG: return ImageFile(path: relative, size: Int(status.st_size), location: location)
                default: continue
                }
            }
            return nil
        }

        /// The names in a folder opened with `O_NOFOLLOW`; a folder swapped for a link reads as empty.
        private static func list(_ path: String) -> [String] {
            let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { return [] }
            defer { close(descriptor) }
            return ((try? TreeRemover.names(in: descriptor, label: path)) ?? []).sorted(by: >)
        }
    }
}
