/// The binary form a package's tables are stored in: `CompactWriter` fields, beginning with
/// `formatVersion`. Decoding checks every count and index against the table it belongs to.
extension CompiledPackage {
    /// The tables of one stored package (its all-releases table and any per-release ones) as one value.
    package static func encode(_ packages: [CompiledPackage]) -> [UInt8] {
        var writer = CompactWriter()
        writer.int(formatVersion)
        writer.int(packages.count)
        for package in packages { package.write(to: &writer) }
        return writer.bytes
    }

    /// Reads what `encode` wrote; `what` names the table in the error.
    package static func decode(_ bytes: [UInt8], what: String) throws(DependenciesError) -> [CompiledPackage] {
        var reader = CompactReader(bytes)
        do {
            let version = try reader.int()
            guard version == formatVersion else {
                throw DependenciesError(.advisoryInvalid, "\(what) was compiled in format \(version), this Charter reads \(formatVersion); run `charter db import` again")
            }
            let count = try reader.count()
            var packages: [CompiledPackage] = []
            for _ in 0..<count { packages.append(try CompiledPackage(from: &reader)) }
            guard reader.isAtEnd else { throw CompactReader.Damaged(description: "bytes follow the last table") }
            return packages
        } catch let damage as CompactReader.Damaged {
            throw DependenciesError(.advisoryInvalid, "\(what) is damaged (\(damage)); run `charter db import` again to rebuild it")
        } catch let error as DependenciesError {
            throw error
        } catch {
            throw DependenciesError(.advisoryInvalid, "\(what) is damaged (\(error))")
        }
    }

    private func write(to writer: inout CompactWriter) {
        writer.string(ecosystem.rawValue)
        writer.string(name)
        writer.optionalString(release)
        writer.int(advisories.count)
        for advisory in advisories {
            writer.string(advisory.id)
            writer.strings(advisory.aliases)
            writer.optionalString(advisory.summary)
            writer.optionalString(advisory.published)
        }
        writer.int(entries.count)
        for entry in entries {
            writer.int(entry.advisory)
            writer.bool(entry.severity.score != nil)
            if let score = entry.severity.score { writer.double(score) }
            writer.optionalString(entry.severity.rating?.rawValue)
            writer.string(entry.severity.source)
        }
        switch matching {
        case .regions(let table):
            writer.int(0)
            table.write(to: &writer)
        case .entries(let affected):
            writer.int(1)
            for entry in affected { Self.write(entry, to: &writer) }
        }
    }

    private init(from reader: inout CompactReader) throws {
        let ecosystemName = try reader.string()
        guard let ecosystem = Ecosystem(rawValue: ecosystemName) else { throw CompactReader.Damaged(description: "unknown ecosystem \"\(ecosystemName)\"") }
        self.ecosystem = ecosystem
        name = try reader.string()
        release = try reader.optionalString()
        var advisories: [Advisory] = []
        for _ in 0..<(try reader.count()) {
            advisories.append(Advisory(id: try reader.string(), aliases: try reader.strings(), summary: try reader.optionalString(), published: try reader.optionalString()))
        }
        self.advisories = advisories
        var entries: [Entry] = []
        for _ in 0..<(try reader.count()) {
            let advisory = try reader.index(below: advisories.count)
            let score = try reader.bool() ? try reader.double() : nil
            let ratingName = try reader.optionalString()
            let rating = try ratingName.map { name throws(CompactReader.Damaged) in
                guard let rating = SeverityRating(rawValue: name) else { throw CompactReader.Damaged(description: "unknown rating \"\(name)\"") }
                return rating
            }
            entries.append(Entry(advisory: advisory, severity: Severity(score: score, rating: rating, source: try reader.string())))
        }
        self.entries = entries
        switch try reader.int() {
        case 0:
            matching = .regions(try RegionTable(from: &reader, entries: entries.count))
        case 1:
            var affected: [OSVRecord.Affected] = []
            for _ in entries { affected.append(try Self.readAffected(from: &reader)) }
            matching = .entries(affected)
        case let tag:
            throw CompactReader.Damaged(description: "unknown matching form \(tag)")
        }
    }

    /// Only what matching reads: ranges and listed versions (severity is already in the entry).
    private static func write(_ affected: OSVRecord.Affected, to writer: inout CompactWriter) {
        writer.strings(affected.versions)
        writer.int(affected.ranges.count)
        for range in affected.ranges {
            writer.string(range.type.rawValue)
            writer.optionalString(range.repo)
            writer.int(range.events.count)
            for event in range.events {
                switch event {
                case .introduced(let text): writer.int(0); writer.string(text)
                case .fixed(let text): writer.int(1); writer.string(text)
                case .lastAffected(let text): writer.int(2); writer.string(text)
                case .limit(let text): writer.int(3); writer.string(text)
                }
            }
        }
    }

    private static func readAffected(from reader: inout CompactReader) throws -> OSVRecord.Affected {
        let versions = try reader.strings()
        var ranges: [OSVRecord.Range] = []
        for _ in 0..<(try reader.count()) {
            let typeName = try reader.string()
            guard let type = OSVRecord.RangeType(rawValue: typeName) else { throw CompactReader.Damaged(description: "unknown range type \"\(typeName)\"") }
            let repo = try reader.optionalString()
            var events: [OSVRecord.Event] = []
            for _ in 0..<(try reader.count()) {
                let tag = try reader.int()
                let text = try reader.string()
                switch tag {
                case 0: events.append(.introduced(text))
                case 1: events.append(.fixed(text))
                case 2: events.append(.lastAffected(text))
                case 3: events.append(.limit(text))
                default: throw CompactReader.Damaged(description: "unknown event \(tag)")
                }
            }
            ranges.append(OSVRecord.Range(type: type, repo: repo, events: events))
        }
        return OSVRecord.Affected(package: nil, ranges: ranges, versions: versions, severity: [])
    }
}

extension RegionTable {
    fileprivate func write(to writer: inout CompactWriter) {
        writer.strings(boundaries)
        for entrySpans in spans {
            writer.int(entrySpans.count)
            for span in entrySpans {
                writer.int(span.lowerBound)
                writer.int(span.upperBound)
            }
        }
        for entryFixes in fixes { writer.ints(entryFixes) }
        writer.int(cleanFixes.count)
        for fix in cleanFixes {
            writer.int(fix.boundary)
            writer.string(fix.text)
        }
        for flag in ranged { writer.bool(flag) }
        writer.int(listed.count)
        for (version, positions) in listed.sorted(by: { $0.key < $1.key }) {
            writer.string(version)
            writer.ints(positions)
        }
    }

    /// `entries` is the package's entry count: each per-entry list has one item per entry.
    fileprivate init(from reader: inout CompactReader, entries: Int) throws(CompactReader.Damaged) {
        let boundaries = try reader.strings()
        self.boundaries = boundaries
        let regionCount = boundaries.count * 2 + 1
        var spans: [[Range<Int>]] = []
        for _ in 0..<entries {
            var entrySpans: [Range<Int>] = []
            for _ in 0..<(try reader.count()) {
                let lower = try reader.index(below: regionCount)
                let upper = try reader.int()
                guard upper > lower, upper <= regionCount else { throw CompactReader.Damaged(description: "a span \(lower)..<\(upper) is outside \(regionCount) regions") }
                entrySpans.append(lower..<upper)
            }
            spans.append(entrySpans)
        }
        self.spans = spans
        var fixes: [[Int]] = []
        for _ in 0..<entries {
            let entryFixes = try reader.ints()
            guard entryFixes.allSatisfy({ (0..<boundaries.count).contains($0) }) else { throw CompactReader.Damaged(description: "a fix names a boundary out of range") }
            fixes.append(entryFixes)
        }
        self.fixes = fixes
        var cleanFixes: [CleanFix] = []
        for _ in 0..<(try reader.count()) {
            let boundary = try reader.index(below: boundaries.count)
            guard cleanFixes.last.map({ $0.boundary < boundary }) ?? true else { throw CompactReader.Damaged(description: "clean fixes out of order") }
            cleanFixes.append(CleanFix(boundary: boundary, text: try reader.string()))
        }
        self.cleanFixes = cleanFixes
        var ranged: [Bool] = []
        for _ in 0..<entries { ranged.append(try reader.bool()) }
        self.ranged = ranged
        var listed: [String: [Int]] = [:]
        for _ in 0..<(try reader.count()) {
            let version = try reader.string()
            let positions = try reader.ints()
            guard positions.allSatisfy({ (0..<entries).contains($0) }) else { throw CompactReader.Damaged(description: "a listed version names an entry out of range") }
            listed[version] = positions
        }
        self.listed = listed
    }
}
