import CharterCore
import CharterTestSupport
@testable import CharterDependencies
import Foundation
import Testing

@Suite struct YAMLAdvisoryTests {
    static func json(_ yaml: String, source: String = "TEST-1.yaml") throws(DependenciesError) -> JSONValue {
        try YAMLAdvisory.json(from: Array(yaml.utf8), source: source)
    }

    /// Plain scalars in OSV's own fields keep their exact text: a timestamp is not a date and
    /// `1.10` is not the number 1.1. Inside `database_specific` and `ecosystem_specific` plain
    /// numbers and booleans are JSON numbers and booleans, as a YAML-to-JSON tool would make them.
    @Test func keepsOSVFieldsAsWrittenAndTypesFreeFormOnes() throws {
        let yaml = """
            id: PYSEC-2021-1
            modified: 2021-01-01T00:00:00Z
            published: 2021-01-01 00:00:00
            aliases: [CVE-2021-1, 'GHSA-aaaa']
            withdrawn: ~
            summary: yes
            details: |
              Line one.
              Line two: 1.10
            affected:
            - package: {ecosystem: PyPI, name: example}
              ranges:
              - type: ECOSYSTEM
                events:
                - introduced: 0
                - fixed: 1.10
              versions:
              - 1.0
              - 1.9
              - 0x10
              - true
              ecosystem_specific:
                score: 7.5
                count: 12
                reviewed: true
                note: 1.10a
                empty: null
            database_specific:
              github_reviewed: false
              cwe_ids: [CWE-79]
              quoted: '12'
              explicit: !!str 12
              tagged: !!int 12
            """
        let expected: JSONValue = [
            "id": "PYSEC-2021-1",
            "modified": "2021-01-01T00:00:00Z",
            "published": "2021-01-01 00:00:00",
            "aliases": ["CVE-2021-1", "GHSA-aaaa"],
            "withdrawn": .null,
            "summary": "yes",
            "details": "Line one.\nLine two: 1.10\n",
            "affected": [[
                "package": ["ecosystem": "PyPI", "name": "example"],
                "ranges": [["type": "ECOSYSTEM", "events": [["introduced": "0"], ["fixed": "1.10"]]]],
                "versions": ["1.0", "1.9", "0x10", "true"],
                "ecosystem_specific": ["score": 7.5, "count": 12, "reviewed": true, "note": "1.10a", "empty": .null],
            ]],
            "database_specific": ["github_reviewed": false, "cwe_ids": ["CWE-79"], "quoted": "12", "explicit": "12", "tagged": 12],
        ]
        #expect(try Self.json(yaml) == expected)
        let record = try OSVRecord(json: try Self.json(yaml), source: "TEST-1.yaml")
        #expect(record.modified == "2021-01-01T00:00:00Z")
        #expect(record.affected.first?.ranges.first?.events == [.introduced("0"), .fixed("1.10")])
    }

    /// Corpus records written out as YAML by PyYAML load to the same JSON as their JSON files.
    @Test(.enabled(if: SharedCorpus.shouldRun, "needs ../shared/corpora"))
    func corpusRecordsWrittenAsYAMLLoadIdentically() throws {
        let work = try TemporaryDirectory("osv-yaml")
        defer { work.remove() }
        let sample = try CorpusAdvisories.files().enumerated().filter { $0.offset % 12 == 0 }.map(\.element)
        try #require(sample.count > 500)
        for (index, file) in sample.enumerated() {
            try Data(file.bytes).write(to: URL(fileURLWithPath: work.file(String(format: "%05d.json", index))))
        }
        try PythonArchiver.run("""
            import glob, json, sys, yaml
            for path in glob.glob(sys.argv[1] + "/*.json"):
                with open(path[:-5] + ".yaml", "w") as out:
                    yaml.safe_dump(json.load(open(path)), out, sort_keys=False, allow_unicode=True)
            """, [work.path])
        for index in sample.indices {
            let jsonFile = work.file(String(format: "%05d.json", index))
            let yamlFile = work.file(String(format: "%05d.yaml", index))
            let fromJSON = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: jsonFile))), options: .lenient)
            let fromYAML = try YAMLAdvisory.json(from: Array(try Data(contentsOf: URL(fileURLWithPath: yamlFile))), source: yamlFile)
            #expect(fromYAML == fromJSON, "\(sample[index].name)")
        }
        let loaded = try AdvisoryFiles.load(work.path)
        #expect(loaded.problems.isEmpty, "\(loaded.problems.prefix(3))")
        #expect(loaded.records.count == sample.count * 2)
    }

    /// Errors name the file with the line and column, or the record's field path.
    @Test(arguments: [
        ("id: A\nmodified: 2024-01-01\naffected: [unclosed\n", "TEST-1.yaml:4:1: did not find expected ',' or ']'"),
        ("id: A\nmodified: x\n  summary: bad indent\n", "TEST-1.yaml:3:10: mapping values are not allowed in this context"),
        ("id: A\nid: B\nmodified: x\n", "TEST-1.yaml:1:1: the key id appears twice in one mapping"),
        ("id: A\nmodified: x\n? [a, b]\n: c\n", "TEST-1.yaml:3:3: a mapping key must be text, not a list or mapping"),
        ("id: A\nmodified: x\n---\nid: B\n", "TEST-1.yaml:3:1: but found another document"),
        ("id: A\nmodified: x\ndatabase_specific: {when: !!timestamp 2024-01-01, blob: !!binary aGk=}\n",
         "TEST-1.yaml:3:57: the tag tag:yaml.org,2002:binary is not supported in an advisory"),
        ("id: A\nmodified: x\ndatabase_specific: {n: !!int twelve}\n", "TEST-1.yaml:3:24: \"twelve\" is not a valid tag:yaml.org,2002:int"),
        ("", "TEST-1.yaml: holds no YAML document; expected one OSV record"),
    ])
    func namesTheLineOfAnError(yaml: String, expected: String) {
        #expect { try Self.json(yaml) } throws: { error in
            (error as? DependenciesError)?.message.hasPrefix(expected) == true
        }
    }

    @Test func reportsRecordErrorsByFieldPath() throws {
        let work = try TemporaryDirectory("osv-yaml")
        defer { work.remove() }
        let path = work.file("BAD-1.yaml")
        try """
            id: BAD-1
            modified: 2024-01-01T00:00:00Z
            affected:
            - ranges:
              - {type: SEMVER, events: [{fixed: 1.0.0}]}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let loaded = try AdvisoryFiles.load(path)
        #expect(loaded.records.isEmpty)
        #expect(loaded.problems == ["\(path): affected[0].ranges[0].events: a range needs at least one introduced event"])
    }

    /// Aliases let a few lines repeat a subtree exponentially ("billion laughs"); the conversion
    /// stops once the JSON would pass the record size cap.
    @Test func refusesAliasExpansionBeyondTheRecordCap() {
        var yaml = "id: A\nmodified: x\nlevel0: &l0 [\"\(String(repeating: "x", count: 64))\"]\n"
        for level in 1...30 {
            yaml += "level\(level): &l\(level) [*l\(level - 1), *l\(level - 1), *l\(level - 1), *l\(level - 1)]\n"
        }
        #expect { try Self.json(yaml) } throws: { error in
            (error as? DependenciesError)?.message.contains("expands past 16 MiB") == true
        }
    }

    @Test func refusesTextThatIsNotUTF8() {
        #expect { try YAMLAdvisory.json(from: [0x69, 0x64, 0x3A, 0x20, 0xFF, 0xFE], source: "x.yaml") } throws: { error in
            (error as? DependenciesError)?.message == "x.yaml: is not UTF-8 text; YAML advisories must be UTF-8"
        }
    }

    /// The JSON stored for a YAML record is the canonical form of its converted document.
    @Test func storesCanonicalJSONForAYAMLRecord() throws {
        let work = try TemporaryDirectory("osv-yaml")
        defer { work.remove() }
        try "modified: 2024-01-01T00:00:00Z\nid: Y-1\nsummary: 1.10\n".write(toFile: work.file("Y-1.yml"), atomically: true, encoding: .utf8)
        let loaded = try AdvisoryFiles.load(work.file("Y-1.yml"))
        #expect(loaded.problems.isEmpty)
        #expect(loaded.records.map { String(decoding: $0.json, as: UTF8.self) } == [#"{"id":"Y-1","modified":"2024-01-01T00:00:00Z","summary":"1.10"}"#])
    }
}
