import CharterCore
import CharterStore
import CharterStoreSQLite
import CharterTestSupport
import Foundation
import Testing

/// Bad files and a busy database get clear errors, and nothing is half-written.
@Suite struct SQLiteStoreFaultTests {
    @Test func missingStoreSaysToInit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        #expect {
            try SQLiteStore.open(path: directory.file("charter.db"))
        } throws: { error in
            (error as? StoreError)?.code == .notFound && "\(error)".contains("charter init")
        }
    }

    @Test func secondCreateChangesNothing() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("charter.db")
        let store = try SQLiteStore.create(path: path)
        try store.write { try $0.setSetting("kept", "yes") }
        #expect(throws: StoreError.self) { try SQLiteStore.create(path: path) }
        #expect(try SQLiteStore.open(path: path).read { try $0.setting("kept") } == "yes")
    }

    @Test(arguments: [
        ("empty", [UInt8]()),
        ("text", Array("this is not a database at all, just some text that is long enough to pass a length check......".utf8)),
        ("short header", Array("SQLite format 3\0".utf8)),
    ])
    func notADatabase(name: String, bytes: [UInt8]) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("charter.db")
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        #expect {
            try SQLiteStore.open(path: path)
        } throws: { error in
            guard let error = error as? StoreError else { return false }
            return error.code == .corrupt && error.category == .input && error.message.contains(path)
        }
        #expect(FileManager.default.contents(atPath: path) == Data(bytes), "a bad store file is left untouched")
    }

    @Test func truncatedDatabaseIsReported() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("charter.db")
        do {
            // Closing the last connection folds the WAL into the main file.
            let store = try SQLiteStore.create(path: path)
            try store.write { writer in
                for index in 0..<2000 { try writer.setSetting("key-\(index)", String(repeating: "x", count: 200)) }
            }
        }
        let bytes = try #require(FileManager.default.contents(atPath: path))
        #expect(bytes.count > 100_000)
        let truncated = directory.file("truncated.db")
        _ = FileManager.default.createFile(atPath: truncated, contents: bytes.prefix(bytes.count / 2))
        let error = #expect(throws: StoreError.self) {
            let store = try SQLiteStore.open(path: truncated)
            _ = try store.read { reader in try (0..<2000).map { try reader.setting("key-\($0)") } }
        }
        #expect(error?.code == .corrupt, "\(String(describing: error))")
        #expect(error?.message.contains(truncated) == true)
    }

    @Test func lockedDatabaseWaitsThenFailsClearlyAndReadersCarryOn() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("charter.db")
        let store = try SQLiteStore.create(path: path, lockTimeout: 0.3)
        try store.write { try $0.setSetting("before", "lock") }
        let holder = try SQLiteLockHolder(path: path)
        defer { holder.release() }
        let started = Date()
        #expect {
            try store.write { try $0.setSetting("x", "y") }
        } throws: { error in
            (error as? StoreError)?.code == .locked && "\(error)".contains("locked by another process (waited 0.3 s)")
        }
        let waited = Date().timeIntervalSince(started)
        #expect(waited >= 0.25, "waited \(waited) s before giving up")
        let reader = try SQLiteStore.open(path: path, lockTimeout: 0.3, readOnly: true)
        #expect(try reader.read { try $0.setting("before") } == "lock", "a reader is not held up by the writer")
    }
}

/// Holds SQLite's write lock from another process (the sqlite3 shell) until released.
final class SQLiteLockHolder {
    private let process = Process()
    private let input = Pipe()

    init(path: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [path]
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\nSELECT 1;\n".utf8))
        Thread.sleep(forTimeInterval: 0.3)
    }

    func release() {
        input.fileHandleForWriting.write(Data("ROLLBACK;\n.quit\n".utf8))
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
