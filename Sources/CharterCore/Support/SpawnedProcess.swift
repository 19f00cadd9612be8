import Foundation

/// A child process started with `posix_spawnp`, its standard streams on pipes. Foundation's
/// `Process` polls for the child's exit on a run loop, which adds tens of milliseconds to every
/// short command; `wait` here blocks in `waitpid` and returns the moment the child exits.
package final class SpawnedProcess: @unchecked Sendable {
    package let pid: pid_t
    /// Read ends of the child's standard output and error; closed when the process is released.
    package let output: Int32
    package let errors: Int32
    /// Write end of the child's standard input when it was asked for, else the child reads /dev/null.
    package private(set) var input: Int32?
    private var status: Int32?
    private static let spawning = NSLock()

    /// Starts `program` (looked up in `PATH`) with `arguments`.
    package init(_ program: String, _ arguments: [String], withInput: Bool = false) throws {
        // Pipes are made close-on-exec after `pipe`; spawning one child at a time means no other
        // child can inherit them in between and hold a pipe open after its own child has exited.
        Self.spawning.lock()
        defer { Self.spawning.unlock() }
        var made: [(read: Int32, write: Int32)] = []
        do {
            made.append(try Self.pipe())
            made.append(try Self.pipe())
            if withInput { made.append(try Self.pipe()) }
        } catch {
            for pipe in made {
                close(pipe.read)
                close(pipe.write)
            }
            throw error
        }
        let stdoutPipe = made[0]
        let stderrPipe = made[1]
        let stdinPipe = withInput ? made[2] : nil
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let stdinPipe {
            posix_spawn_file_actions_adddup2(&actions, stdinPipe.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe.write, 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe.write, 2)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let envp = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { envp.forEach { free($0) } }
        // The child starts with default signal handling and nothing blocked, whatever this process
        // ignores or blocks: otherwise `terminate` could be ignored, and git would not stop on a closed pipe.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGTERM, SIGINT, SIGPIPE, SIGHUP, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let result = posix_spawnp(&child, program, &actions, &attributes, argv, envp)
        close(stdoutPipe.write)
        close(stderrPipe.write)
        if let stdinPipe { close(stdinPipe.read) }
        guard result == 0 else {
            [stdoutPipe.read, stderrPipe.read, stdinPipe?.write].compactMap { $0 }.forEach { close($0) }
            throw SpawnError(program: program, reason: String(cString: strerror(result)))
        }
        pid = child
        output = stdoutPipe.read
        errors = stderrPipe.read
        input = stdinPipe?.write
    }

    deinit {
        _ = wait()
        close(output)
        close(errors)
        closeInput()
    }

    /// Closes the child's standard input, so it sees the end of what it was given.
    package func closeInput() {
        if let input { close(input) }
        input = nil
    }

    /// Waits for the child and returns its exit status (128 + signal when a signal ended it).
    @discardableResult
    package func wait() -> Int32 {
        if let status { return status }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 {
            guard errno == EINTR else {
                status = 127
                return 127
            }
        }
        let exit = (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
        status = exit
        return exit
    }

    package func terminate() {
        if status == nil { kill(pid, SIGTERM) }
    }

    private static func pipe() throws -> (read: Int32, write: Int32) {
        var descriptors: [Int32] = [0, 0]
        guard Foundation.pipe(&descriptors) == 0 else { throw SpawnError(program: "pipe", reason: String(cString: strerror(errno))) }
        _ = fcntl(descriptors[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(descriptors[1], F_SETFD, FD_CLOEXEC)
        return (descriptors[0], descriptors[1])
    }
}

/// A program that could not be started.
package struct SpawnError: Error, CustomStringConvertible {
    package let program: String
    package let reason: String
    package var description: String { "cannot run \(program): \(reason)" }
}
