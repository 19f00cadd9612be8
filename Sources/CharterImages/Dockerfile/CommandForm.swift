/// How a command is written: exec form (a JSON array, run without a shell) or shell form (a
/// string run by the stage's shell, `/bin/sh -c` unless `SHELL` changed it).
package enum CommandForm: Sendable, Equatable {
    case exec([String])
    case shell(String)

    package var isExec: Bool {
        if case .exec = self { return true }
        return false
    }
}
