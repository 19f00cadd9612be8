import CharterTestSupport
@testable import CharterDependencies
import Testing

/// Version regions must say exactly what evaluating every entry one by one says: checked on
/// every package of the corpus advisories, at every version their events and lists name and
/// at versions between them.
@Suite struct VersionRegionsTests {
    @Test(.enabled(if: SharedCorpus.shouldRun, "needs ../shared/corpora"))
    func regionsAgreeWithEntryByEntryMatchingOnTheCorpus() throws {
        var byPackage: [String: (ecosystem: Ecosystem, affected: [OSVRecord.Affected])] = [:]
        for record in try CorpusAdvisories.records() {
            for affected in record.affected {
                guard let package = affected.package, let ecosystem = Ecosystem(osvName: package.ecosystem) else { continue }
                byPackage[ecosystem.rawValue + "/" + package.name, default: (ecosystem, [])].affected.append(affected)
            }
        }
        var checked = 0
        var regionPackages = 0
        var differences: [String] = []
        for (name, package) in byPackage.sorted(by: { $0.key < $1.key }) {
            compare(name, package.affected, ecosystem: package.ecosystem, scheme: package.ecosystem.scheme, checked: &checked,
                    regionPackages: &regionPackages, differences: &differences)
        }
        #expect(checked > 30_000)
        #expect(regionPackages > byPackage.count * 9 / 10, "most packages should be cut into regions")
        #expect(differences.isEmpty, "\(differences.count) differences, first: \(differences.prefix(10).joined(separator: "\n"))")
    }

    /// Each listed and event version, its neighbours a step above and below in the version line
    /// (`x.post1`, `x-rc.1`), and a version below everything.
    private func probes(_ affected: [OSVRecord.Affected]) -> [String] {
        var texts = Set(["0.0.0", "0", "0.0.1", "v0.0.0", "999.0.0"])
        for entry in affected {
            texts.formUnion(entry.versions)
            for range in entry.ranges {
                for event in range.events {
                    switch event {
                    case .introduced(let text), .fixed(let text), .lastAffected(let text), .limit(let text):
                        texts.formUnion([text, text + ".1", text + "-rc.1", text + "rc1", text + ".post1"])
                    }
                }
            }
        }
        // Packages with hundreds of advisories would dominate the run: every k-th probe of those.
        let sorted = texts.sorted()
        let stride = max(1, sorted.count / 150)
        return sorted.enumerated().filter { $0.offset % stride == 0 }.map(\.element)
    }

    private func compare<S: VersionScheme>(_ name: String, _ affected: [OSVRecord.Affected], ecosystem: Ecosystem, scheme: S,
                                           checked: inout Int, regionPackages: inout Int, differences: inout [String]) {
        let oneByOne = PackageAdvisories(scheme: scheme, affected: affected, ecosystem: ecosystem)
        guard case .regions(let table) = AdvisoryCompiler.matching(affected, ecosystem: ecosystem, scheme: scheme) else { return }
        // Through the stored form, as a scan reads it.
        let advisory = CompiledPackage.Advisory(id: name, aliases: [], summary: nil, published: nil)
        let compiled = CompiledPackage(ecosystem: ecosystem, name: name, release: nil, advisories: [advisory],
                                       entries: affected.map { _ in CompiledPackage.Entry(advisory: 0, severity: .unknown) }, matching: .regions(table))
        guard let stored = try? CompiledPackage.decode(CompiledPackage.encode([compiled]), what: name).first,
              case .regions(let read) = stored.matching, read == table, let regions = RegionMatcher(read, scheme: scheme) else {
            differences.append("\(name): the region table does not read back as written")
            return
        }
        regionPackages += 1
        for version in probes(affected) where scheme.parse(version) != nil {
            checked += 1
            let fast = regions.match(version)
            let slow = oneByOne.match(version)
            if fast.affecting != slow.affecting || fast.undecidable.map(\.entry) != slow.undecidable.map(\.entry) {
                differences.append("\(name) \(version): regions \(fast.affecting), entries \(slow.affecting)")
                continue
            }
            // The regions' fix may be smaller (they consider every clean fix, not only those of
            // the entries met on the way), but it must fix everything, and exist when the other does.
            switch (fast.fixedIn, slow.fixedIn) {
            case (nil, nil):
                break
            case (nil, let other?):
                differences.append("\(name) \(version): regions found no fix, entries found \(other)")
            case (let fix?, let other):
                let fixVersion = scheme.parse(fix)!
                if !oneByOne.match(fix).affecting.isEmpty || !(fixVersion > scheme.parse(version)!) {
                    differences.append("\(name) \(version): fix \(fix) is affected or not above the version")
                }
                if let other, scheme.parse(other)! < fixVersion {
                    differences.append("\(name) \(version): fix \(fix) above the entries' \(other)")
                }
            }
        }
    }
}
