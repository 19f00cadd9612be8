import CharterCore
import Foundation
import Testing

@Suite struct SpawnedProcessTests {
    static func readAll(_ descriptor: Int32) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func outputErrorsAndExitStatusAreTheChilds() throws {
        let process = try SpawnedProcess("sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(Self.readAll(process.output) == "out\n")
        #expect(Self.readAll(process.errors) == "err\n")
        #expect(process.wait() == 3)
        #expect(process.wait() == 3, "waiting again returns the same status")
    }

    @Test func inputIsHandedToTheChildAndClosed() throws {
        let process = try SpawnedProcess("tr", ["a-z", "A-Z"], withInput: true)
        let input = try #require(process.input)
        let text = Array("hello pipes\n".utf8)
        #expect(write(input, text, text.count) == text.count)
        process.closeInput()
        #expect(Self.readAll(process.output) == "HELLO PIPES\n")
        #expect(process.wait() == 0)
    }

    @Test func withoutInputTheChildReadsNothing() throws {
        let process = try SpawnedProcess("cat", [])
        #expect(Self.readAll(process.output).isEmpty)
        #expect(process.wait() == 0)
    }

    @Test func terminateEndsTheChildWithSIGTERM() throws {
        let process = try SpawnedProcess("sleep", ["30"])
        process.terminate()
        #expect(process.wait() == 128 + SIGTERM)
    }

    @Test func aMissingProgramIsAnErrorNamingIt() throws {
        let error = try #require(throws: SpawnError.self) { try SpawnedProcess("charter-no-such-program", []) }
        #expect(error.description.contains("charter-no-such-program"))
    }
}
