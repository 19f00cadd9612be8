#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read at explicit offsets (`pread`), so members of a tarball are read in place by byte
/// range and nothing is loaded whole.
final class BlobFile: Sendable {
    let path: String
    let size: Int
    private let descriptor: Int32

    /// Non-blocking, so a FIFO given by mistake is refused rather than waited on.
    init(path: String) throws(ImageArchiveError) {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw ImageArchiveError(.unreadable, "\(path): cannot be opened (\(SystemError.describe(errno)))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw ImageArchiveError(.unreadable, "\(path): is not a regular file")
        }
        self.path = path
        self.size = Int(status.st_size)
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }

    /// Up to `buffer.count` bytes from `offset`; fewer only where the file ends.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(ImageArchiveError) -> Int {
        guard let start = buffer.baseAddress else { return 0 }
        var filled = 0
        while filled < buffer.count {
            let got = pread(descriptor, start + filled, buffer.count - filled, off_t(offset + filled))
            if got > 0 {
                filled += got
            } else if got == 0 {
                break
            } else if errno != EINTR {
                throw ImageArchiveError(.unreadable, "\(path): read failed at offset \(offset + filled) (\(SystemError.describe(errno)))")
            }
        }
        return filled
    }

    /// Exactly `count` bytes from `offset`, or an error saying the file is shorter.
    func bytes(_ count: Int, at offset: Int) throws(ImageArchiveError) -> [UInt8] {
        var failure: ImageArchiveError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            do throws(ImageArchiveError) {
                initialized = try read(into: UnsafeMutableRawBufferPointer(buffer), at: offset)
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        guard bytes.count == count else {
            throw ImageArchiveError(
                .malformed, "\(path): ends at byte \(offset + bytes.count), before the \(count) bytes expected at offset \(offset); it may be truncated")
        }
        return bytes
    }
}

/// The C library's words for an `errno` value.
enum SystemError {
    static func describe(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
