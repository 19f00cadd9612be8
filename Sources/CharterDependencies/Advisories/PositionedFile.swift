#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read at explicit offsets (`pread`), so parallel workers can each read their own ZIP
/// entry without sharing a file position, and a multi-hundred-MiB archive is never loaded whole.
final class PositionedFile: Sendable {
    let path: String
    let size: Int
    private let descriptor: Int32

    /// Non-blocking, so a FIFO given by mistake is refused rather than waited on.
    init(path: String) throws(ZipFault) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw ZipFault("cannot be opened (\(Self.describe(errno)))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw ZipFault("is not a regular file")
        }
        self.path = path
        self.size = Int(status.st_size)
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Exactly `count` bytes from `offset`; a file that ends sooner (truncated, or shrunk while
    /// being read) is an error.
    func read(_ count: Int, at offset: Int) throws(ZipFault) -> [UInt8] {
        guard count >= 0, offset >= 0, offset <= size, count <= size - offset else {
            throw ZipFault("\(count) bytes at offset \(offset) lie outside the \(size)-byte file")
        }
        var failure: ZipFault?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            guard let start = buffer.baseAddress else { return }
            while initialized < count {
                let got = pread(descriptor, start + initialized, count - initialized, off_t(offset + initialized))
                if got > 0 {
                    initialized += got
                } else if got < 0, errno == EINTR {
                    continue
                } else {
                    failure = ZipFault(got == 0
                        ? "file ended at byte \(offset + initialized), before the \(count) bytes expected at offset \(offset); it may have been truncated"
                        : "read failed at offset \(offset + initialized) (\(Self.describe(errno)))")
                    return
                }
            }
        }
        if let failure { throw failure }
        return bytes
    }

    private static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
