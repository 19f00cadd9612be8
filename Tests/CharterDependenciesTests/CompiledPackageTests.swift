import CharterTestSupport
@testable import CharterDependencies
import Foundation
import Testing

/// The compiled tables the advisory database stores: they read back as written, matching through
/// them says what matching the records says, and damaged bytes are an error, never a crash.
@Suite struct CompiledPackageTests {
    static func records() throws -> [OSVRecord] {
        [
            try VulnerabilityIndexTests.record("PYSEC-1", aliases: ["CVE-1"], events: #"[{"introduced": "0"}, {"fixed": "1.2.0"}]"#,
                                               extra: #""summary": "first", "versions": ["1.0.0", "1.1rc1"],"#),
            try VulnerabilityIndexTests.record("GHSA-2", aliases: ["CVE-1"], events: #"[{"introduced": "1.0"}, {"last_affected": "1.1.9"}, {"limit": "*"}]"#,
                                               severity: #""severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}],"#),
            // A SEMVER range in PyPI cannot be cut into PEP 440 regions: the package keeps its entries.
            try OSVRecord.parse(Array(#"""
                {"id": "GHSA-semver", "modified": "2024-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "Flask"},
                 "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "2.0.0"}]}]}]}
                """#.utf8), source: "semver"),
            try VulnerabilityIndexTests.record("DSA-12", ecosystem: "Debian:12", name: "openssl", events: #"[{"introduced": "0"}, {"fixed": "3.0.11-1~deb12u1"}]"#),
            try VulnerabilityIndexTests.record("WITHDRAWN-1", events: #"[{"introduced": "0"}]"#, extra: #""withdrawn": "2024-02-01T00:00:00Z","#),
        ]
    }

    @Test func tablesReadBackAsWritten() throws {
        let compiled = AdvisoryCompiler.compile(try Self.records())
        #expect(compiled.map { "\($0.ecosystem.rawValue) \($0.name) \($0.release ?? "-")" } == ["Debian openssl -", "Debian openssl 12", "PyPI django -", "PyPI flask -"])
        for package in compiled {
            let read = try #require(try CompiledPackage.decode(CompiledPackage.encode([package]), what: package.name).first)
            #expect(read.advisories == package.advisories)
            #expect(read.entries == package.entries)
            switch (read.matching, package.matching) {
            case let (.regions(left), .regions(right)): #expect(left == right)
            case let (.entries(left), .entries(right)): #expect(left.map(\.versions) == right.map(\.versions) && left.count == right.count)
            default: Issue.record("\(package.name) changed its matching form")
            }
        }
        guard case .entries = compiled.first(where: { $0.name == "flask" })?.matching else {
            Issue.record("a SEMVER range in PyPI must keep its entries")
            return
        }
        #expect(!compiled.contains { $0.advisories.contains { $0.id == "WITHDRAWN-1" } }, "withdrawn records are left out")
    }

    /// Tables read back from bytes match as the tables compiled in memory do, for every version probed.
    @Test(arguments: ["0.9", "1.0.0", "1.1rc1", "1.1.5", "1.1.9", "1.2.0", "1.5", "2.31.0-custom-build"])
    func storedTablesMatchAsCompiled(version: String) throws {
        let records = try Self.records()
        let stored = try AdvisoryCompiler.compile(records).flatMap { try CompiledPackage.decode(CompiledPackage.encode([$0]), what: $0.name) }
        let direct = VulnerabilityIndex(records).match(VulnerabilityIndexTests.dependency("Django", version))
        let read = VulnerabilityIndex(compiled: stored).match(VulnerabilityIndexTests.dependency("Django", version))
        #expect(read.vulnerabilities.map(\.id) == direct.vulnerabilities.map(\.id))
        #expect(read.fixedIn == direct.fixedIn)
        #expect(read.undecidable == direct.undecidable)
    }

    /// A version the ecosystem cannot order: listed versions still match, ranges cannot tell.
    @Test func aVersionThatDoesNotParseIsUndecidableUnlessListed() throws {
        let index = VulnerabilityIndex([
            try VulnerabilityIndexTests.record("PYSEC-1", events: #"[{"introduced": "0"}, {"fixed": "1.2.0"}]"#),
            try OSVRecord.parse(Array(#"""
                {"id": "PYSEC-LISTED", "modified": "2024-01-01T00:00:00Z",
                 "affected": [{"package": {"ecosystem": "PyPI", "name": "Django"}, "versions": ["2.31.0-custom-build"]}]}
                """#.utf8), source: "listed"),
        ])
        let match = index.match(VulnerabilityIndexTests.dependency("django", "2.31.0-custom-build"))
        #expect(match.vulnerabilities.map(\.id) == ["PYSEC-LISTED"])
        #expect(match.undecidable == ["PYSEC-1: \"2.31.0-custom-build\" is not a version this ecosystem orders"])
        #expect(match.fixedIn == nil)
    }

    /// Every cut-short prefix and a flipped format version throw an error naming the table.
    @Test func damagedTablesAreErrors() throws {
        let bytes = CompiledPackage.encode(AdvisoryCompiler.compile(try Self.records()))
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 200)) {
            #expect(throws: DependenciesError.self) { try CompiledPackage.decode(Array(bytes.prefix(length)), what: "table") }
        }
        var otherFormat = bytes
        otherFormat[0] = UInt8(CompiledPackage.formatVersion + 1)
        #expect { try CompiledPackage.decode(otherFormat, what: "the django table") } throws: { error in
            "\(error)".contains("the django table was compiled in format") && "\(error)".contains("charter db import")
        }
        var random = SplitMix64(seed: 7)
        for _ in 0..<300 {
            var damaged = bytes
            damaged[1 + Int(random.next() % UInt64(damaged.count - 1))] = UInt8(truncatingIfNeeded: random.next())
            // Either an error or a table; never a trap.
            _ = try? CompiledPackage.decode(damaged, what: "table")
        }
    }

    /// A table whose boundaries no longer read in order (written under other ordering rules) decides nothing.
    @Test func aTableThatNoLongerParsesDecidesNothing() throws {
        let table = RegionTable(boundaries: ["2.0", "1.0"], spans: [[0..<2]], fixes: [[0]], cleanFixes: [], ranged: [true], listed: [:])
        let package = CompiledPackage(ecosystem: .pypi, name: "django", release: nil,
                                      advisories: [.init(id: "PYSEC-1", aliases: [], summary: nil, published: nil)],
                                      entries: [.init(advisory: 0, severity: .unknown)], matching: .regions(table))
        let match = VulnerabilityIndex(compiled: [package]).match(VulnerabilityIndexTests.dependency("django", "0.5"))
        #expect(match.vulnerabilities.isEmpty)
        #expect(match.undecidable.first?.contains("run `charter db import` again") == true)
    }
}
