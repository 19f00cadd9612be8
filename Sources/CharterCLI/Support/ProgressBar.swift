import Foundation

/// A one-line progress display on standard error (files, bytes, MB/s) for scans longer than a
/// second. Silent unless standard error is a terminal and `CI` is unset.
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false
    let enabled: Bool

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        enabled = isatty(STDERR_FILENO) == 1 && (environment["CI"] ?? "").isEmpty
    }

    func update(files: Int, bytes: Int) {
        guard enabled else { return }
        let now = Date()
        lock.withLock {
            let elapsed = now.timeIntervalSince(started)
            guard elapsed >= 1, now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            drawn = true
            let rate = Double(bytes) / 1_000_000 / elapsed
            FileStream.standardError.write(String(format: "\r\u{1B}[2Kscanning: %d files, %.1f MB, %.1f MB/s", files, Double(bytes) / 1_000_000, rate))
        }
    }

    func finish() {
        lock.withLock {
            if drawn { FileStream.standardError.write("\r\u{1B}[2K") }
        }
    }
}
