import CharterTestSupport
import Foundation
import Testing

/// The advisory database's compiled matching tables: an import compiles again the packages it
/// touches (those a record named before as well as after), a database compiled by another
/// Charter is compiled again on first use, and a damaged table fails the scan.
@Suite struct AdvisoryTableCommandTests {
    typealias Fixture = DependencyCommandTests.Fixture

    /// The newer GHSA record names urllib3 instead of requests: requests' table loses it, and
    /// urllib3 gains it. Then PYSEC is withdrawn and requests has nothing left.
    @Test func anUpdatedRecordRecompilesThePackagesItNamedAndNames() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        try fixture.importAdvisories()
        try Fixture.write(fixture.folder.file("update-1/GHSA-1.json"), """
            {"id": "GHSA-9wx4-h78v-vm56", "modified": "2024-02-01T00:00:00Z", "aliases": ["CVE-2024-1"],
             "affected": [{"package": {"ecosystem": "PyPI", "name": "urllib3"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1.0.1"}]}]}]}
            """)
        #expect(try fixture.charter.run(["db", "import", fixture.folder.file("update-1")]).stdout.contains("0 added, 1 updated"))
        // Alone, requests meets only the PYSEC record: the GHSA one left its table.
        let moved = try fixture.charter.run(["scan", "deps", fixture.project, "--json"])
        #expect(try Self.vulnerable(moved.stdout)["requests"] == ["PYSEC-2024-1"], "\(moved.stdout)")
        try Fixture.write(fixture.project + "/requirements.txt", "requests==2.31.0\nurllib3==1.0.0\n")
        let both = try Self.vulnerable(try fixture.charter.run(["scan", "deps", fixture.project, "--json"]).stdout)
        #expect(both["urllib3"] == ["GHSA-9wx4-h78v-vm56"])
        #expect(both["requests"] == ["GHSA-9wx4-h78v-vm56"], "the two records share CVE-2024-1: one vulnerability, under the GHSA id")

        try Fixture.write(fixture.folder.file("update-2/PYSEC-1.json"), """
            {"id": "PYSEC-2024-1", "modified": "2024-03-01T00:00:00Z", "withdrawn": "2024-03-01T00:00:00Z", "aliases": ["CVE-2024-1"],
             "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "2.0"}, {"fixed": "2.32.0"}]}]}]}
            """)
        _ = try fixture.charter.run(["db", "import", fixture.folder.file("update-2")])
        let withdrawn = try Self.vulnerable(try fixture.charter.run(["scan", "deps", fixture.project, "--json"]).stdout)
        #expect(withdrawn["requests"] == nil)
        #expect(withdrawn["urllib3"] == ["GHSA-9wx4-h78v-vm56"])
    }

    /// Tables in another format, or lost, are compiled again before the scan reads them; a
    /// damaged table in the current format is an error naming the database, not a pass.
    @Test func tablesOfAnotherFormatAreRecompiledAndDamagedOnesFail() throws {
        let fixture = try Fixture()
        defer { fixture.folder.remove() }
        try fixture.importAdvisories()
        let database = fixture.folder.file("home/advisories.db")
        try Self.sqlite(database, "UPDATE advisory_table SET tables = x'00'; UPDATE advisory_meta SET value = '0' WHERE key = 'table_format'")
        let recompiled = try fixture.charter.run(["scan", "deps", fixture.project])
        #expect(recompiled.status == 1, "\(recompiled.stdout)\(recompiled.stderr)")
        #expect(recompiled.stdout.contains("GHSA-9wx4-h78v-vm56"))

        // A table deleted behind Charter's back is compiled again, not taken as "no advisories".
        try Self.sqlite(database, "DELETE FROM advisory_table WHERE name = 'requests'")
        let lost = try fixture.charter.run(["scan", "deps", fixture.project])
        #expect(lost.stdout.contains("GHSA-9wx4-h78v-vm56"), "\(lost.stdout)\(lost.stderr)")

        try Self.sqlite(database, "UPDATE advisory_table SET tables = substr(tables, 1, 12)")
        let damaged = try fixture.charter.run(["scan", "deps", fixture.project])
        #expect(damaged.status == 3, "\(damaged.stdout)\(damaged.stderr)")
        #expect(damaged.stderr.contains("advisories.db is damaged"), "\(damaged.stderr)")
        #expect(damaged.stderr.contains("charter db import"))
    }

    /// Package name → the ids reported for it.
    static func vulnerable(_ json: String) throws -> [String: [String]] {
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        var found: [String: [String]] = [:]
        for package in report["vulnerable"] as? [[String: Any]] ?? [] {
            let ids = (package["vulnerabilities"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            found[package["name"] as? String ?? "?"] = ids.sorted()
        }
        return found
    }

    static func sqlite(_ database: String, _ sql: String) throws {
        let script = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nc.executescript(sys.argv[2])\nc.commit()\n"
        let result = try ExternalCommand.run("python3", ["-c", script, database, sql])
        #expect(result.status == 0, "\(result.output)")
    }
}
