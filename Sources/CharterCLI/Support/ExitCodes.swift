import ArgumentParser
import CharterCore
import Foundation

/// The one place failures become exit codes (docs/exit-codes.md):
/// 0 pass · 1 gate failed / verification failed · 2 usage or configuration · 3 input unreadable
/// or unparsable · 4 store or I/O failure.
package enum CharterExit {
    package static let passed: Int32 = 0
    package static let failed: Int32 = 1
    package static let usage: Int32 = 2
    package static let input: Int32 = 3
    package static let storage: Int32 = 4

    package static func code(for category: FailureCategory) -> Int32 {
        switch category {
        case .verificationFailed: failed
        case .usage: usage
        case .input: input
        case .storage: storage
        }
    }

    /// Runs the command tree and exits with the documented code.
    package static func main(arguments: [String]? = nil) -> Never {
        do {
            var command = try CharterCommand.parseAsRoot(arguments)
            try command.run()
            exit(passed)
        } catch let failure as any CharterFailure {
            // `description` carries the location (file:line:column) where an error has one.
            printError(failure.description)
            exit(code(for: failure.category))
        } catch let exitCode as ExitCode {
            exit(exitCode.rawValue)
        } catch {
            let status = CharterCommand.exitCode(for: error)
            let message = CharterCommand.fullMessage(for: error)
            if status == .success {
                print(message)
                exit(passed)
            }
            printError(message)
            exit(status == .validationFailure ? usage : status.rawValue == 1 ? storage : status.rawValue)
        }
    }

    static func printError(_ message: String) {
        let text = message.hasPrefix("Error:") ? "charter: " + message.dropFirst(7) : "charter: " + message
        FileStream.standardError.write(text + "\n")
    }

    private static func exit(_ code: Int32) -> Never {
        FileStream.standardOutput.flush()
        Foundation.exit(code)
    }
}
