import CharterStore
import CharterStoreSQLite
import CharterTestSupport
import Testing

@Suite("SQLite store conformance")
struct SQLiteStoreConformanceTests {
    @Test(arguments: StoreConformance.checks)
    func conformance(check: StoreConformanceCheck) throws {
        let directory = try TemporaryDirectory("charter-store")
        defer { directory.remove() }
        let store = try SQLiteStore.create(path: directory.file("charter.db"))
        try check.run(store)
    }
}
