import Foundation

/// Unbuffered writes to standard output and error that survive `exit`.
struct FileStream: Sendable {
    let handle: FileHandle

    static let standardOutput = FileStream(handle: .standardOutput)
    static let standardError = FileStream(handle: .standardError)

    func write(_ text: String) {
        handle.write(Data(text.utf8))
    }

    func write(_ bytes: [UInt8]) {
        handle.write(Data(bytes))
    }

    /// Flushes C stdio buffers (ArgumentParser's help goes through `print`).
    func flush() {
        fflush(nil)
    }
}
