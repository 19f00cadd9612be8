import CharterCore
import Foundation

/// Runs git in one repository and streams its standard output, by line or as it comes, reading
/// the pipe straight into one buffer: a history scan reads hundreds of megabytes through here.
struct GitCommand: Sendable {
    let repository: String

    /// The whole output of a short command.
    @discardableResult
    func output(_ arguments: [String]) throws -> String {
        var output: [UInt8] = []
        try stream(arguments) { line in
            output += line
            output.append(0x0A)
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Runs git with `input` on its standard input and hands each line of its output (without the
    /// newline) to `onLine`; the bytes are valid only during the call. When `onLine` throws, git
    /// is stopped and the error rethrown; when git fails, its message is.
    func stream(_ arguments: [String], input: [UInt8]? = nil, onLine: (UnsafeRawBufferPointer) throws -> Void) throws {
        try run(arguments, input: input) { try Self.readLines(from: $0, onLine: onLine) }
    }

    /// Like `stream`, for output that is not lines (object contents): hands it over as read.
    func chunks(_ arguments: [String], input: [UInt8]? = nil, onChunk: (UnsafeRawBufferPointer) throws -> Void) throws {
        try run(arguments, input: input) { descriptor in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let count = read(descriptor, buffer.baseAddress!, buffer.count)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw SecretsError(.inputUnreadable, "reading git's output failed: \(String(cString: strerror(errno)))")
                }
                if count == 0 { break }
                try onChunk(UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            }
        }
    }

    private func run(_ arguments: [String], input: [UInt8]?, consume: (Int32) throws -> Void) throws {
        let process: SpawnedProcess
        do {
            process = try SpawnedProcess("git", ["-C", repository] + arguments, withInput: input != nil)
        } catch {
            throw SecretsError(.inputUnreadable, "\(error); install git to scan history")
        }
        let errorText = ErrorCollector(process)
        if let input { Self.write(input, to: process) }
        var failure: (any Error)?
        do {
            #if os(Linux)
            // F_SETPIPE_SZ: a larger pipe lets git run ahead while the reader scans; refused is fine.
            _ = fcntl(process.output, 1031, Int32(1 << 20))
            #endif
            try consume(process.output)
        } catch {
            failure = error
            process.terminate()
        }
        let status = process.wait()
        // Always wait for the stderr reader: once `process` is released its descriptors close and
        // their numbers are reused, and a reader still running would read another pipe.
        let message = errorText.text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let failure { throw failure }
        guard status == 0 else {
            throw SecretsError(.inputUnreadable, "\(repository): git \(arguments.filter { !$0.hasPrefix("-") }.prefix(2).joined(separator: " ")) failed: \(message.isEmpty ? "exit \(status)" : message)")
        }
    }

    /// Writes `bytes` and closes the pipe on another thread, so a child that answers before it
    /// has read all its input cannot block on a full output pipe.
    private static func write(_ bytes: [UInt8], to process: SpawnedProcess) {
        guard let descriptor = process.input else { return }
        Thread.detachNewThread {
            // Writing to a child that has died raises SIGPIPE, which by default ends the whole
            // process before the real error is reported: block it here, so the write fails with EPIPE.
            var pipeSignal = sigset_t()
            sigemptyset(&pipeSignal)
            sigaddset(&pipeSignal, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
            bytes.withUnsafeBytes { buffer in
                var written = 0
                while written < buffer.count {
                    let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                    if count < 0 && errno == EINTR { continue }
                    guard count > 0 else { break }
                    written += count
                }
            }
            process.closeInput()
        }
    }

    private static func readLines(from descriptor: Int32, onLine: (UnsafeRawBufferPointer) throws -> Void) throws {
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var filled = 0
        while true {
            if filled == buffer.count {
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 16)
                larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = larger
            }
            let count = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
            if count < 0 {
                if errno == EINTR { continue }
                throw SecretsError(.inputUnreadable, "reading git's output failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            let base = UnsafeRawPointer(buffer.baseAddress!)
            var start = 0
            let end = filled + count
            var searchFrom = filled
            while searchFrom < end, let newline = memchr(base + searchFrom, 0x0A, end - searchFrom) {
                let at = base.distance(to: UnsafeRawPointer(newline))
                try onLine(UnsafeRawBufferPointer(start: base + start, count: at - start))
                start = at + 1
                searchFrom = start
            }
            filled = end - start
            if start > 0 && filled > 0 { memmove(buffer.baseAddress!, base + start, filled) }
        }
        if filled > 0 { try onLine(UnsafeRawBufferPointer(start: buffer.baseAddress!, count: filled)) }
    }
}

/// Drains a child's stderr on another thread so a chatty stderr cannot block it. The thread
/// holds the process, so its descriptors stay open (and their numbers unused) until it is done.
private final class ErrorCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    init(_ process: SpawnedProcess) {
        Thread.detachNewThread { [self] in
            var all: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = chunk.withUnsafeMutableBytes { read(process.errors, $0.baseAddress!, $0.count) }
                if count < 0 && errno == EINTR { continue }
                guard count > 0 else { break }
                all += chunk[0..<count]
            }
            lock.withLock { data = all }
            done.signal()
        }
    }

    /// Everything the child wrote to stderr; waits for it to close the stream.
    var text: String {
        done.wait()
        return lock.withLock { String(decoding: data, as: UTF8.self) }
    }
}
