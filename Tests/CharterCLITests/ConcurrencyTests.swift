import CharterTestSupport
import Foundation
import Testing

/// Appends from several processes queue on the store's write lock; a process killed mid-append
/// leaves a ledger that verifies and holds every entry whose append returned.
@Suite(.serialized) struct ConcurrencyTests {
    /// A shell loop of `charter ledger append` calls; the loop records each one that returned 0.
    func appendLoop(_ fixture: CLIFixture, writer: String, count: Int, done: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", """
            i=0
            while [ $i -lt \(count) ]; do
              "$CHARTER" ledger append --kind load.test --subject "\(writer)-$i" --payload '{"writer":"\(writer)"}' >/dev/null && echo "\(writer)-$i" >> "\(done)"
              i=$((i+1))
            done
            """]
        process.environment = fixture.charter.environment.merging(["CHARTER": CharterProcess.executable, "CHARTER_LOCK_TIMEOUT": "30"]) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: fixture.directory.path)
        try process.run()
        return process
    }

    func subjects(_ fixture: CLIFixture) throws -> [String] {
        try #require(try fixture.json("ledger", "list", "--kind", "load.test") as? [[String: Any]]).compactMap { $0["subject"] as? String }
    }

    @Test func twoProcessesAppendingConcurrently() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let done = fixture.directory.file("done.txt")
        let writers = try ["a", "b"].map { try appendLoop(fixture, writer: $0, count: 60, done: done) }
        for writer in writers { writer.waitUntilExit() }
        #expect(writers.allSatisfy { $0.terminationStatus == 0 })
        let entries = try #require(try fixture.json("ledger", "list") as? [[String: Any]])
        #expect(entries.compactMap { $0["index"] as? Int } == Array(0..<121), "indices unique and gap-free")
        #expect(Set(try subjects(fixture)).count == 120)
        let verify = try fixture.run("ledger", "verify")
        #expect(verify.status == 0, "\(verify.stdout)")
    }

    @Test func killedMidAppendLeavesAVerifiableLedger() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let done = fixture.directory.file("done.txt")
        let loop = try appendLoop(fixture, writer: "k", count: 100_000, done: done)
        // Let appends run, then kill the loop and whatever append is in flight, with SIGKILL.
        Thread.sleep(forTimeInterval: 2.5)
        let killer = Process()
        killer.executableURL = URL(fileURLWithPath: "/bin/sh")
        killer.arguments = ["-c", "pkill -KILL -P \(loop.processIdentifier); kill -KILL \(loop.processIdentifier)"]
        try killer.run()
        killer.waitUntilExit()
        loop.waitUntilExit()
        let returned = (try? String(contentsOfFile: done, encoding: .utf8))?.split(separator: "\n").map(String.init) ?? []
        #expect(returned.count > 5, "appends ran before the kill")
        let verify = try fixture.run("ledger", "verify")
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")
        let present = Set(try subjects(fixture))
        #expect(Set(returned).isSubset(of: present), "every append that returned is in the ledger")
        #expect(present.count <= returned.count + 1, "at most the killed append may have landed without reporting")
        #expect(try fixture.run("ledger", "checkpoint").status == 0)
    }

    @Test func lockedStoreWaitsThenFailsWithExit4() throws {
        let fixture = try CLIFixture()
        defer { fixture.remove() }
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "(echo 'BEGIN IMMEDIATE;'; sleep 5; echo 'ROLLBACK;') | sqlite3 '\(fixture.database)'"]
        try holder.run()
        Thread.sleep(forTimeInterval: 0.5)
        let listed = try fixture.run("ledger", "list", environment: ["CHARTER_LOCK_TIMEOUT": "1"])
        #expect(listed.status == 0, "readers are not held up by a writer: \(listed.stderr)")
        let started = Date()
        let result = try fixture.run("ledger", "append", "--kind", "x.y", "--subject", "s", environment: ["CHARTER_LOCK_TIMEOUT": "1"])
        let waited = Date().timeIntervalSince(started)
        holder.waitUntilExit()
        #expect(result.status == 4, "\(result.stderr)")
        #expect(result.stderr.contains("locked by another process"))
        #expect(waited >= 0.9 && waited < 3.5, "waited \(waited) s")
        #expect(try fixture.run("ledger", "append", "--kind", "x.y", "--subject", "s").status == 0, "works once the lock is gone")
    }
}
