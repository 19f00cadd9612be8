import CharterTestSupport
@testable import CharterDependencies
import Foundation
import Testing

@Suite struct AffectedVersionsTests {
    static func affected(_ ranges: [OSVRecord.Range], versions: [String] = []) -> OSVRecord.Affected {
        OSVRecord.Affected(package: nil, ranges: ranges, versions: versions, severity: [])
    }

    static func range(_ type: OSVRecord.RangeType = .ecosystem, _ events: OSVRecord.Event...) -> OSVRecord.Range {
        OSVRecord.Range(type: type, repo: nil, events: events)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let label: String
        let ranges: [OSVRecord.Range]
        let ecosystem: Ecosystem
        let affected: [String]
        let unaffected: [String]
        var testDescription: String { label }
    }

    /// The OSV specification's examples, and what the evaluation algorithm implies at the edges.
    static let cases: [Case] = [
        Case(label: "introduced 0, fixed", ranges: [range(.semver, .introduced("0"), .fixed("1.0.2"))], ecosystem: .npm,
             affected: ["0.0.1", "1.0.1", "1.0.2-rc.1"], unaffected: ["1.0.2", "2.0.0"]),
        Case(label: "unsorted events as PyPA writes them", ranges: [range(.ecosystem, .introduced("3.9.0"), .fixed("3.19.1"), .introduced("0"), .fixed("3.8.1"), .introduced("3.20.0"), .fixed("3.23.1"))],
             ecosystem: .pypi, affected: ["0.1", "3.8.0", "3.9.0", "3.19.0", "3.20.0", "3.23.0"], unaffected: ["3.8.1", "3.8.5", "3.19.1", "3.19.9", "3.23.1", "4.0"]),
        Case(label: "last_affected is included", ranges: [range(.ecosystem, .introduced("1.0"), .lastAffected("1.2"))], ecosystem: .pypi,
             affected: ["1.0", "1.2", "1.2.0"], unaffected: ["0.9", "1.2.1", "1.3a1"]),
        Case(label: "limit bounds the range", ranges: [range(.semver, .introduced("0"), .limit("2.0.0"))], ecosystem: .cratesIO,
             affected: ["1.9.9"], unaffected: ["2.0.0", "3.0.0"]),
        Case(label: "limit * is infinity", ranges: [range(.semver, .introduced("1.0.0"), .limit("*"))], ecosystem: .cratesIO,
             affected: ["1.0.0", "99.0.0"], unaffected: ["0.9.0"]),
        Case(label: "introduced and fixed at one version affect nothing there", ranges: [range(.semver, .introduced("1.0.0"), .fixed("1.0.0"))], ecosystem: .go,
             affected: [], unaffected: ["1.0.0", "0.9.0", "1.1.0"]),
        Case(label: "a GIT range does not hide the others", ranges: [range(.git, .introduced("abc123")), range(.ecosystem, .introduced("0"), .fixed("2.0"))], ecosystem: .pypi,
             affected: ["1.0"], unaffected: ["2.0"]),
        Case(label: "PEP 440 pre-releases of the fix are still affected", ranges: [range(.ecosystem, .introduced("0"), .fixed("2.0"))], ecosystem: .pypi,
             affected: ["2.0rc1", "2.0.dev3", "1.9.post1"], unaffected: ["2.0", "2.0.post1", "2.0.0"]),
        Case(label: "the Go toolchain as the stdlib module", ranges: [range(.semver, .introduced("0"), .fixed("1.20.7"), .introduced("1.21.0-0"), .fixed("1.21.1"))], ecosystem: .go,
             affected: ["1.20", "go1.20.6", "1.21rc2", "1.21.0"], unaffected: ["1.20.7", "go1.21.1", "1.22"]),
        Case(label: "Go versions with and without v", ranges: [range(.semver, .introduced("0"), .fixed("1.4.2"))], ecosystem: .go,
             affected: ["v1.4.1", "1.4.1", "v0.0.0-20191109021931-daa7c04131f5"], unaffected: ["v1.4.2", "v2.0.0+incompatible"]),
    ]

    @Test(arguments: cases)
    func evaluatesAsTheSpecificationSays(_ example: Case) {
        let entry = Self.affected(example.ranges)
        for version in example.affected {
            #expect(AffectedVersions.evaluate(version, in: entry, ecosystem: example.ecosystem) == .affected, "\(version)")
        }
        for version in example.unaffected {
            #expect(AffectedVersions.evaluate(version, in: entry, ecosystem: example.ecosystem) == .notAffected, "\(version)")
        }
    }

    @Test func listedVersionsAreAffectedEvenOutsideTheRanges() {
        let entry = Self.affected([Self.range(.ecosystem, .introduced("2.0"), .fixed("2.1"))], versions: ["1.0.0", "1.5"])
        #expect(AffectedVersions.evaluate("1.0", in: entry, ecosystem: .pypi) == .affected, "PEP 440 says 1.0 and 1.0.0 are one version")
        #expect(AffectedVersions.evaluate("1.5", in: entry, ecosystem: .pypi) == .affected)
        #expect(AffectedVersions.evaluate("1.6", in: entry, ecosystem: .pypi) == .notAffected)
    }

    /// A version the ordering cannot read is reported, never taken as safe.
    @Test func unreadableVersionsAreUndecidableNotSafe() {
        let entry = Self.affected([Self.range(.semver, .introduced("0"), .fixed("1.0.0"))])
        #expect(AffectedVersions.evaluate("not-a-version", in: entry, ecosystem: .npm) == .undecidable("\"not-a-version\" is not a version this ecosystem orders"))
        let broken = Self.affected([Self.range(.semver, .introduced("0"), .fixed("1.0"))])
        guard case .undecidable = AffectedVersions.evaluate("0.5.0", in: broken, ecosystem: .npm) else {
            Issue.record("a fix version that is not semver must not decide")
            return
        }
    }

    /// Where an advisory has no `GIT` range, its `versions` list is what its database enumerated
    /// from the other ranges; evaluating those ranges alone must find every one of them affected.
    /// (With a `GIT` range the list also holds versions found by walking commits, such as a
    /// release's own pre-releases, which version ranges rightly exclude.)
    @Test(.enabled(if: SharedCorpus.shouldRun, "needs ../shared/corpora"))
    func everyVersionAnAdvisoryListsIsInsideItsRanges() throws {
        var checked = 0
        var disagreements: [String] = []
        for record in try CorpusAdvisories.records() {
            guard record.withdrawn == nil else { continue }
            for entry in record.affected {
                guard let name = entry.package?.ecosystem, let ecosystem = Ecosystem(osvName: name),
                      !entry.ranges.isEmpty, entry.ranges.allSatisfy({ $0.type != .git }) else { continue }
                let rangesOnly = OSVRecord.Affected(package: entry.package, ranges: entry.ranges, versions: [], severity: [])
                // Versions PEP 440 cannot order (`0.7.10p1`) are matched through the list alone.
                for version in entry.versions where !(ecosystem == .pypi && PEP440Version(version).isLegacy) {
                    checked += 1
                    let verdict = AffectedVersions.evaluate(version, in: rangesOnly, ecosystem: ecosystem)
                    if verdict != .affected, !Self.isPreReleaseOfAnIntroduction(version, entry, ecosystem) {
                        disagreements.append("\(record.id) \(version): \(verdict)")
                    }
                }
            }
        }
        #expect(checked > 20_000)
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(checked): \(disagreements.prefix(5))")
    }

    /// PyPA's lists also name the pre-releases of a version a range starts at (`introduced: 3.2`
    /// lists 3.2a1), which PEP 440 orders before it. The full evaluation reports them through the
    /// list; the ranges alone rightly do not.
    static func isPreReleaseOfAnIntroduction(_ version: String, _ entry: OSVRecord.Affected, _ ecosystem: Ecosystem) -> Bool {
        guard ecosystem == .pypi else { return false }
        let candidate = PEP440Version(version)
        guard candidate.pre != nil || candidate.dev != nil else { return false }
        func trimmed(_ release: [Int]) -> [Int] { Array(release.reversed().drop { $0 == 0 }.reversed()) }
        let release = trimmed(candidate.release)
        return entry.ranges.flatMap(\.events).contains { event in
            guard case .introduced(let start) = event else { return false }
            let introduced = PEP440Version(start)
            return introduced.pre == nil && trimmed(introduced.release) == release
        }
    }
}
