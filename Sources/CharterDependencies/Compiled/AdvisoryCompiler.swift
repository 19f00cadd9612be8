/// Compiles advisories into per-package tables (`CompiledPackage`): the work a scan would
/// otherwise repeat for every package it meets, done once when advisories are imported.
package enum AdvisoryCompiler {
    /// Every package the records name (or those `including` accepts, by ecosystem and normalised
    /// name), with a table per distribution release as well as one for all releases. Withdrawn
    /// records are left out.
    package static func compile(_ records: [OSVRecord], including: (Ecosystem, String) -> Bool = { _, _ in true }) -> [CompiledPackage] {
        var named: [PackageKey: [(record: OSVRecord, affected: OSVRecord.Affected)]] = [:]
        for record in records where record.withdrawn == nil {
            for affected in record.affected {
                guard let package = affected.package, let ecosystem = Ecosystem(osvName: package.ecosystem) else { continue }
                let name = ecosystem.normalizedName(package.name)
                guard including(ecosystem, name) else { continue }
                // A distribution's advisories are per release (`Debian:12`): a package whose
                // release is known meets only that release's; one whose release is not known meets all.
                let release = Ecosystem.release(ofOSVName: package.ecosystem)
                named[PackageKey(ecosystem: ecosystem, name: name, release: nil), default: []].append((record, affected))
                if let release { named[PackageKey(ecosystem: ecosystem, name: name, release: release), default: []].append((record, affected)) }
            }
        }
        return named.sorted { $0.key < $1.key }.concurrentMap(grain: 16) { compile($0.key, $0.value) }
    }

    private static func compile(_ key: PackageKey, _ named: [(record: OSVRecord, affected: OSVRecord.Affected)]) -> CompiledPackage {
        var advisories: [CompiledPackage.Advisory] = []
        var position: [String: Int] = [:]
        var entries: [CompiledPackage.Entry] = []
        for (record, affected) in named {
            let index = position[record.id] ?? {
                advisories.append(CompiledPackage.Advisory(id: record.id, aliases: record.aliases, summary: record.summary, published: record.published))
                position[record.id] = advisories.count - 1
                return advisories.count - 1
            }()
            entries.append(CompiledPackage.Entry(advisory: index, severity: Severity.of(record, affected: [affected])))
        }
        return CompiledPackage(ecosystem: key.ecosystem, name: key.name, release: key.release, advisories: advisories, entries: entries,
                               matching: matching(named.map(\.affected), ecosystem: key.ecosystem))
    }

    /// Region tables need the ecosystem's ordering; the busiest ones are named so the compiler
    /// specialises for them.
    private static func matching(_ affected: [OSVRecord.Affected], ecosystem: Ecosystem) -> CompiledPackage.Matching {
        switch ecosystem {
        case .pypi: matching(affected, ecosystem: ecosystem, scheme: PEP440VersionScheme())
        case .go: matching(affected, ecosystem: ecosystem, scheme: GoVersionScheme())
        case .npm, .cratesIO, .swiftURL: matching(affected, ecosystem: ecosystem, scheme: SemanticVersionScheme())
        default: matching(affected, ecosystem: ecosystem, scheme: ecosystem.scheme)
        }
    }

    static func matching<S: VersionScheme>(_ affected: [OSVRecord.Affected], ecosystem: Ecosystem, scheme: S) -> CompiledPackage.Matching {
        let entries = affected.map { CompiledEntry($0, ecosystem: ecosystem, scheme: scheme) }
        guard entries.allSatisfy(\.isRegular) else { return .entries(affected) }
        var listed: [String: [Int]] = [:]
        for (position, entry) in entries.enumerated() {
            for version in Set(entry.listedVersions.map(scheme.canonical)) { listed[version, default: []].append(position) }
        }
        return .regions(VersionRegions.table(entries, listed: listed, scheme: scheme))
    }

    private struct PackageKey: Hashable, Comparable {
        let ecosystem: Ecosystem
        let name: String
        let release: String?

        static func < (lhs: Self, rhs: Self) -> Bool {
            (lhs.ecosystem.rawValue, lhs.name, lhs.release ?? "") < (rhs.ecosystem.rawValue, rhs.name, rhs.release ?? "")
        }
    }
}
