import Foundation

/// The bytes of a regular file, read whole up to a bound, or only a prefix past it. The checks
/// are made on the opened file, so a name that is a FIFO or a device cannot hang the scan.
struct ManifestFileBytes {
    struct Failure: Error {
        let message: String
    }

    let bytes: [UInt8]
    let size: Int
    /// The file is larger than the bound, and `bytes` holds only its prefix.
    var isTruncated: Bool { bytes.count < size }

    init(_ path: String, largest: Int, prefix: Int) throws(Failure) {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(message: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { throw Failure(message: "not a regular file") }
        let total = Int(info.st_size)
        var bytes = [UInt8](repeating: 0, count: total <= largest ? total : prefix)
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + filled, $0.count - filled) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            filled += count
        }
        // A file that shrank while being read is read as what was there.
        size = total <= largest ? filled : total
        self.bytes = Array(bytes[0..<filled])
    }
}
