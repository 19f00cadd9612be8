import CharterTestSupport
@testable import CharterDependencies
import Foundation
import Testing

@Suite struct OSVRecordTests {
    static func parse(_ json: String) throws(DependenciesError) -> OSVRecord {
        try OSVRecord.parse(Array(json.utf8), source: "TEST-1.json")
    }

    @Test func readsTheFieldsAMatcherNeeds() throws {
        let record = try Self.parse("""
            {"id": "GHSA-xxxx", "modified": "2024-01-01T00:00:00Z", "aliases": ["CVE-2024-1"],
             "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],
             "database_specific": {"severity": "CRITICAL"},
             "affected": [{"package": {"ecosystem": "PyPI", "name": "Django", "purl": "pkg:pypi/django"},
                           "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "4.2.1"}]},
                                      {"type": "GIT", "repo": "https://github.com/django/django", "events": [{"introduced": "abc"}]}],
                           "versions": ["4.2.0"]}]}
            """)
        #expect(record.id == "GHSA-xxxx")
        #expect(record.aliases == ["CVE-2024-1"])
        #expect(record.severity == [.init(type: "CVSS_V3", score: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")])
        #expect(record.statedSeverity == "CRITICAL")
        let affected = try #require(record.affected.first)
        #expect(affected.package == .init(ecosystem: "PyPI", name: "Django", purl: "pkg:pypi/django"))
        #expect(affected.ranges.map(\.type) == [.ecosystem, .git])
        #expect(affected.ranges[0].events == [.introduced("0"), .fixed("4.2.1")])
        #expect(affected.versions == ["4.2.0"])
    }

    /// A bad record is an error naming the file and the field, so it can be reported and skipped.
    @Test(arguments: [
        (#"{"modified": "x"}"#, "TEST-1.json: the record: \"id\" is required"),
        (#"{"id": 5, "modified": "x"}"#, "TEST-1.json: id: expected a string"),
        (#"{"id": "A", "modified": "x", "affected": [{"ranges": [{"type": "SEMVER", "events": [{"fixed": "1.0.0"}]}]}]}"#,
         "TEST-1.json: affected[0].ranges[0].events: a range needs at least one introduced event"),
        (#"{"id": "A", "modified": "x", "affected": [{"ranges": [{"type": "SEMVER", "events": [{"introduced": "0", "fixed": "1.0.0"}]}]}]}"#,
         "TEST-1.json: affected[0].ranges[0].events[0]: an event has exactly one of introduced, fixed, last_affected or limit"),
        (#"{"id": "A", "modified": "x", "affected": [{"ranges": [{"type": "SVN", "events": [{"introduced": "0"}]}]}]}"#,
         "TEST-1.json: affected[0].ranges[0].type: expected SEMVER, ECOSYSTEM or GIT"),
        (#"{"id": "A", "modified": "x", "affected": [{"ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"patched": "1"}]}]}]}"#,
         "TEST-1.json: affected[0].ranges[0].events[1]: \"patched\" is not an event; expected introduced, fixed, last_affected or limit"),
    ])
    func badRecordsNameTheField(json: String, message: String) {
        #expect(throws: DependenciesError.self) { try Self.parse(json) }
        do {
            _ = try Self.parse(json)
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func truncatedJSONNamesTheLine() {
        do {
            _ = try Self.parse("{\"id\": \"A\",\n \"modified\": ")
            Issue.record("a truncated record parsed")
        } catch {
            #expect(error.code == .advisoryInvalid)
            #expect(error.message.contains("TEST-1.json"))
            #expect(error.message.contains("2"), "the line of the problem: \(error.message)")
        }
    }

    /// Every advisory in the shared corpus (PyPA, RustSec, Go) parses.
    @Test(.enabled(if: SharedCorpus.shouldRun, "needs ../shared/corpora"))
    func everyCorpusAdvisoryParses() throws {
        var parsed = 0
        var failures: [String] = []
        for file in try CorpusAdvisories.files() {
            do {
                _ = try OSVRecord.parse(file.bytes, source: file.name)
                parsed += 1
            } catch {
                failures.append(error.message)
            }
        }
        #expect(parsed > 8_000)
        #expect(failures.isEmpty, "\(failures.count) failed, first: \(failures.prefix(3))")
    }
}
