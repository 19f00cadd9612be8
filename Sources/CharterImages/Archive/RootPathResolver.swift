#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Resolves a path inside an extracted image the way the image's own processes would see it:
/// symbolic links are read and followed by this code, component by component, with absolute
/// targets and ".." taken relative to the image's root, never the host's.
struct RootPathResolver {
    let root: String
    /// The Linux kernel's own bound on links followed while resolving one path.
    static let mostLinks = 40

    func resolve(_ path: String) -> String? {
        var pending = Array(EntryPath(path).components.reversed())
        var resolved: [String] = []
        var linksFollowed = 0
        while let component = pending.popLast() {
            // Every name in `resolved` is a real folder, so ".." is its parent, and stops at the root.
            if component == ".." {
                _ = resolved.popLast()
                continue
            }
            let candidate = resolved + [component]
            let location = root + "/" + candidate.joined(separator: "/")
            var status = stat()
            guard lstat(location, &status) == 0 else { return nil }
            guard status.st_mode & S_IFMT == S_IFLNK else {
                resolved = candidate
                continue
            }
            linksFollowed += 1
            guard linksFollowed <= Self.mostLinks, let target = Self.readLink(location) else { return nil }
            if target.hasPrefix("/") { resolved = [] }
            for part in target.split(separator: "/").reversed() where part != "." {
                pending.append(String(part))
            }
        }
        return resolved.joined(separator: "/")
    }

    private static func readLink(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 4097)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
