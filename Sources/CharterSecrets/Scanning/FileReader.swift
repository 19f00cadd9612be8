import Foundation

/// Reads whole files into one reusable buffer, so a worker scanning thousands of files does not
/// allocate for each. The bytes handed to `read`'s closure are valid only inside it.
final class FileReader {
    private var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)

    deinit { buffer.deallocate() }

    /// Calls `body` with the file's bytes; throws with the OS reason when it cannot be read.
    func read<T>(_ path: String, _ body: (UnsafeRawBufferPointer) throws -> T) throws -> T {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw SecretsError(.inputUnreadable, "\(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw SecretsError(.inputUnreadable, "\(path): \(String(cString: strerror(errno)))") }
        let expected = Int(info.st_size)
        if expected + 1 > buffer.count {
            buffer.deallocate()
            buffer = .allocate(byteCount: max(expected + 1, buffer.count * 2), alignment: 16)
        }
        var filled = 0
        while filled < buffer.count {
            let count = Foundation.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw SecretsError(.inputUnreadable, "\(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            filled += count
        }
        return try body(UnsafeRawBufferPointer(rebasing: buffer[0..<filled]))
    }
}
