import CharterTestSupport
@testable import CharterDependencies
import Foundation
import Testing

@Suite struct PEP440VersionTests {
    /// The ordering example of PEP 440's "Summary of permitted suffixes and relative ordering".
    static let ascending = [
        "1.dev0", "1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
        "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5", "1.0+abc.7",
        "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1", "2!0.1",
    ]

    @Test func followsThePEPsOrderingExample() {
        let versions = Self.ascending.map(PEP440Version.init)
        #expect(versions.allSatisfy { !$0.isLegacy })
        for (lower, higher) in zip(versions, versions.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
        }
        #expect(versions.shuffled().sorted() == versions)
    }

    /// Spellings PEP 440's normalisation makes the same version.
    @Test(arguments: [
        ("1.0", "1.0.0"), ("1.0-alpha1", "1.0a1"), ("1.0.ALPHA.1", "1.0a1"), ("1.0c1", "1.0rc1"), ("1.0-preview-2", "1.0rc2"),
        ("1.0.post", "1.0.post0"), ("1.0-1", "1.0.post1"), ("1.0-r4", "1.0.post4"), ("v1.0", "1.0"), ("1.0.dev", "1.0.dev0"),
        ("1.0a", "1.0a0"), ("0!1.0", "1.0"), ("1.0+ubuntu-1", "1.0+ubuntu.1"), (" 1.0 ", "1.0"),
    ])
    func normalisedSpellingsAreEqual(lhs: String, rhs: String) {
        #expect(PEP440Version(lhs) == PEP440Version(rhs))
        #expect(!PEP440Version(lhs).isLegacy)
    }

    @Test(arguments: ["1.0-beta-foo", "french toast", "1.0+", "1.0+a..b", "1..0", "1.0.x"])
    func textOutsidePEP440IsLegacyAndOrdersFirst(text: String) {
        let version = PEP440Version(text)
        #expect(version.isLegacy)
        #expect(version < PEP440Version("0.0.dev0"))
    }

    /// Every version listed in the PyPA advisories, sorted by us and by `packaging` (the reference
    /// implementation pip uses): the orders must agree exactly.
    @Test(.enabled(if: SharedCorpus.shouldRun, "needs ../shared/corpora"))
    func ordersTheAdvisoryVersionsExactlyAsPackagingDoes() throws {
        var texts = Set<String>()
        for record in try CorpusAdvisories.records(["advisories/pypa"]) {
            for affected in record.affected { texts.formUnion(affected.versions) }
        }
        let valid = texts.filter { !PEP440Version($0).isLegacy }.sorted()
        try #require(valid.count > 5_000, "the PyPA advisories list thousands of versions")
        let input = try TemporaryDirectory("pep440")
        defer { input.remove() }
        try valid.joined(separator: "\n").write(toFile: input.file("versions.txt"), atomically: true, encoding: .utf8)
        let script = """
            import sys
            from packaging.version import Version
            versions = [line for line in open(sys.argv[1]).read().split("\\n") if line]
            for v in sorted(versions, key=lambda t: (Version(t), t)):
                print(v)
            """
        let result = try ExternalCommand.run("python3", ["-c", script, input.file("versions.txt")])
        try #require(result.status == 0, "python3 with packaging is needed (scripts/ensure-deps.sh installs it): \(result.output.prefix(300))")
        let theirs = result.output.split(separator: "\n").map(String.init)
        let keyed: [(text: String, version: PEP440Version)] = valid.map { ($0, PEP440Version($0)) }
        let ours = keyed.sorted { lhs, rhs in lhs.version == rhs.version ? lhs.text < rhs.text : lhs.version < rhs.version }.map(\.text)
        #expect(theirs.count == ours.count)
        let firstDifference = zip(ours, theirs).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(firstDifference == nil, "first difference at \(firstDifference?.offset ?? -1): ours \(firstDifference?.element.0 ?? ""), packaging \(firstDifference?.element.1 ?? "")")
    }
}
