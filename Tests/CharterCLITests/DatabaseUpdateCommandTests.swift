import CharterTestSupport
import Foundation
import Testing

/// `charter db update` against a local mirror laid out like OSV's bucket, served over HTTP by
/// Python's `http.server` (which answers `If-Modified-Since` with 304 as the bucket does).
@Suite struct DatabaseUpdateCommandTests {
    /// A mirror folder with `PyPI/all.zip` holding one advisory, and the server in front of it.
    final class Mirror {
        let folder: TemporaryDirectory
        let server: Process
        let url: String

        init() throws {
            folder = try TemporaryDirectory("deps-mirror")
            let records = folder.file("records")
            try FileManager.default.createDirectory(atPath: records, withIntermediateDirectories: true)
            try """
                {"id": "GHSA-9wx4-h78v-vm56", "modified": "2024-01-01T00:00:00Z", "summary": "requests leaks proxy credentials",
                 "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
                 "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
                               "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.32.0"}]}]}]}
                """.write(toFile: records + "/GHSA-9wx4-h78v-vm56.json", atomically: false, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: folder.file("site/PyPI"), withIntermediateDirectories: true)
            let zipped = try ExternalCommand.run("python3", ["-c", """
                import sys, zipfile, os
                with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as archive:
                    for name in sorted(os.listdir(sys.argv[1])):
                        archive.write(os.path.join(sys.argv[1], name), name)
                """, records, folder.file("site/PyPI/all.zip")])
            try #require(zipped.status == 0, "python3 could not write the archive: \(zipped.output.prefix(300))")

            server = Process()
            server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            server.arguments = ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", folder.file("site")]
            let output = Pipe()
            server.standardOutput = output
            server.standardError = FileHandle.nullDevice
            try server.run()
            // "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
            var banner = ""
            while !banner.contains("\n") {
                let chunk = output.fileHandleForReading.availableData
                guard !chunk.isEmpty else { break }
                banner += String(decoding: chunk, as: UTF8.self)
            }
            let port = banner.split(separator: " ").firstIndex(of: "port").map { banner.split(separator: " ")[$0 + 1] }
            url = "http://127.0.0.1:\(port ?? "0")"
        }

        func stop() {
            // SIGKILL: the test runner's threads may block SIGTERM, and the child inherits that.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
            folder.remove()
        }
    }

    @Test func downloadsOnceThenAsksOnlyWhetherTheArchiveChanged() throws {
        let mirror = try Mirror()
        defer { mirror.stop() }
        let home = try TemporaryDirectory("deps-update")
        defer { home.remove() }
        let charter = CharterProcess(home: home.file("home"))

        let first = try charter.run(["db", "update", "--mirror", mirror.url, "--ecosystem", "PyPI"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("osv:PyPI: 1 added, 0 updated, 0 unchanged, 0 invalid"))

        // No ecosystem named: the ones fetched before; the server answers 304, nothing is fetched.
        let second = try charter.run(["db", "update", "--mirror", mirror.url, "--json"])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("\"unchanged\" : true"))

        let status = try charter.run(["db", "status"])
        #expect(status.stdout.contains("osv:PyPI"))

        try "requests==2.31.0\n".write(toFile: home.file("requirements.txt"), atomically: false, encoding: .utf8)
        let scan = try charter.run(["scan", "deps", home.file("requirements.txt")])
        #expect(scan.status == 1)
        #expect(scan.stdout.contains("GHSA-9wx4-h78v-vm56"))
    }

    @Test func anArchiveThatCannotBeFetchedFailsWithoutTouchingTheOthers() throws {
        let mirror = try Mirror()
        defer { mirror.stop() }
        let home = try TemporaryDirectory("deps-update")
        defer { home.remove() }
        let charter = CharterProcess(home: home.file("home"))

        let result = try charter.run(["db", "update", "--mirror", mirror.url, "--ecosystem", "NoSuchEcosystem", "--ecosystem", "PyPI"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("NoSuchEcosystem/all.zip: not found (404)"))
        #expect(result.stdout.contains("osv:PyPI: 1 added"))

        let unreachable = try charter.run(["db", "update", "--mirror", "http://127.0.0.1:9", "--ecosystem", "PyPI"])
        #expect(unreachable.status == 3)
        #expect(unreachable.stderr.contains("cannot download http://127.0.0.1:9/PyPI/all.zip"))
        let status = try charter.run(["db", "status", "--json"])
        #expect(status.stdout.contains("\"records\" : 1"))
    }

    /// A mirror's credentials go with the request only: not into output, errors or the database.
    @Test func mirrorCredentialsAreNeverShownOrStored() throws {
        let mirror = try Mirror()
        defer { mirror.stop() }
        let home = try TemporaryDirectory("deps-update")
        defer { home.remove() }
        let charter = CharterProcess(home: home.file("home"))
        let withToken = mirror.url.replacingOccurrences(of: "http://", with: "http://reader:s3cret-token@")
        let fetched = try charter.run(["db", "update", "--mirror", withToken, "--ecosystem", "PyPI", "--ecosystem", "Missing", "--json"])
        #expect(fetched.status == 3)
        #expect(fetched.stdout.contains("osv:PyPI"))
        #expect(fetched.stderr.contains("Missing/all.zip: not found"))
        #expect(!(fetched.stdout + fetched.stderr).contains("s3cret-token"))
        let stored = try Data(contentsOf: URL(fileURLWithPath: home.file("home/advisories.db")))
        #expect(stored.range(of: Data("s3cret-token".utf8)) == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: home.file("home")).allSatisfy { !$0.hasPrefix(".download-") }, "no download is left behind")
    }

    @Test func withNothingFetchedBeforeItAsksWhichEcosystems() throws {
        let home = try TemporaryDirectory("deps-update")
        defer { home.remove() }
        let result = try CharterProcess(home: home.file("home")).run(["db", "update"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("name them with --ecosystem"))
    }
}
