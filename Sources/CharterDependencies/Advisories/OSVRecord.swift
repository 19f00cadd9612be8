import CharterCore
import Foundation

/// One advisory in the OSV schema (https://ossf.github.io/osv-schema/): what it is, which package
/// versions it affects and how severe it is. Parsed from JSON with every problem named by its
/// field path (`affected[0].ranges[1].events[2]`), so a bad record can be reported and skipped.
package struct OSVRecord: Sendable {
    package struct Severity: Sendable, Equatable {
        /// `CVSS_V2`, `CVSS_V3`, `CVSS_V4`, `Ubuntu`…
        package let type: String
        package let score: String
    }

    package struct Package: Sendable, Equatable {
        package let ecosystem: String
        package let name: String
        package let purl: String?
    }

    package enum RangeType: String, Sendable {
        case semver = "SEMVER"
        case ecosystem = "ECOSYSTEM"
        case git = "GIT"
    }

    package enum Event: Sendable, Equatable {
        case introduced(String)
        case fixed(String)
        case lastAffected(String)
        case limit(String)
    }

    package struct Range: Sendable {
        package let type: RangeType
        package let repo: String?
        package let events: [Event]
    }

    package struct Affected: Sendable {
        package let package: Package?
        package let ranges: [Range]
        package let versions: [String]
        package let severity: [Severity]
    }

    package let id: String
    package let modified: String
    package let published: String?
    package let withdrawn: String?
    package let aliases: [String]
    package let summary: String?
    package let details: String?
    package let severity: [Severity]
    package let affected: [Affected]
    /// `database_specific.severity` (GitHub's `LOW`…`CRITICAL`), used when no vector is given.
    package let statedSeverity: String?

    /// Parses one record; `source` (a file name) starts every error message.
    package static func parse(_ bytes: [UInt8], source: String) throws(DependenciesError) -> OSVRecord {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes, source: source, options: .lenient)
        } catch {
            throw DependenciesError(.advisoryInvalid, "\(error)")
        }
        return try OSVRecord(json: json, source: source)
    }

    package init(json: JSONValue, source: String) throws(DependenciesError) {
        let record = try Field(json, path: "", source: source).object()
        id = try record.required("id").string()
        modified = try record.required("modified").string()
        published = try record.optional("published")?.string()
        withdrawn = try record.optional("withdrawn")?.string()
        aliases = try record.optional("aliases")?.strings() ?? []
        summary = try record.optional("summary")?.string()
        details = try record.optional("details")?.string()
        severity = try record.optional("severity")?.items().map(Self.severity) ?? []
        affected = try record.optional("affected")?.items().map(Self.affected) ?? []
        statedSeverity = try record.optional("database_specific")?.object().optional("severity")?.string()
    }

    private static func severity(_ field: Field) throws(DependenciesError) -> Severity {
        let object = try field.object()
        return Severity(type: try object.required("type").string(), score: try object.required("score").string())
    }

    private static func affected(_ field: Field) throws(DependenciesError) -> Affected {
        let object = try field.object()
        let package = try object.optional("package").map { (field: Field) throws(DependenciesError) -> Package in
            let members = try field.object()
            return Package(ecosystem: try members.required("ecosystem").string(), name: try members.required("name").string(),
                           purl: try members.optional("purl")?.string())
        }
        return Affected(
            package: package,
            ranges: try object.optional("ranges")?.items().map(range) ?? [],
            versions: try object.optional("versions")?.strings() ?? [],
            severity: try object.optional("severity")?.items().map(severity) ?? [])
    }

    private static func range(_ field: Field) throws(DependenciesError) -> Range {
        let object = try field.object()
        let typeField = try object.required("type")
        guard let type = RangeType(rawValue: try typeField.string()) else {
            throw typeField.error("expected SEMVER, ECOSYSTEM or GIT")
        }
        let eventsField = try object.required("events")
        let events = try eventsField.items().map { (field: Field) throws(DependenciesError) -> Event in
            let members = try field.object()
            guard members.count == 1, let (key, value) = members.first else {
                throw field.error("an event has exactly one of introduced, fixed, last_affected or limit")
            }
            switch key {
            case "introduced": return .introduced(try value.string())
            case "fixed": return .fixed(try value.string())
            case "last_affected": return .lastAffected(try value.string())
            case "limit": return .limit(try value.string())
            default: throw field.error("\"\(key)\" is not an event; expected introduced, fixed, last_affected or limit")
            }
        }
        guard events.contains(where: { if case .introduced = $0 { true } else { false } }) else {
            throw eventsField.error("a range needs at least one introduced event")
        }
        return Range(type: type, repo: try object.optional("repo")?.string(), events: events)
    }
}

/// A JSON value and where it sits in a record, for errors that name the field.
private struct Field {
    let value: JSONValue
    let path: String
    let source: String

    init(_ value: JSONValue, path: String, source: String) {
        self.value = value
        self.path = path
        self.source = source
    }

    func error(_ message: String) -> DependenciesError {
        DependenciesError(.advisoryInvalid, "\(source): \(path.isEmpty ? "the record" : path): \(message)")
    }

    func string() throws(DependenciesError) -> String {
        guard let text = value.stringValue else { throw error("expected a string") }
        return text
    }

    func strings() throws(DependenciesError) -> [String] {
        try items().map { (item: Field) throws(DependenciesError) in try item.string() }
    }

    func items() throws(DependenciesError) -> [Field] {
        guard let elements = value.arrayValue else { throw error("expected a list") }
        return elements.enumerated().map { Field($0.element, path: "\(path)[\($0.offset)]", source: source) }
    }

    func object() throws(DependenciesError) -> Members {
        guard let members = value.objectValue else { throw error("expected an object") }
        return Members(members: members, field: self)
    }

    struct Members {
        let members: [String: JSONValue]
        let field: Field

        var count: Int { members.count }
        var first: (String, Field)? { members.first.map { ($0.key, child($0.key, $0.value)) } }

        func optional(_ key: String) -> Field? {
            guard let value = members[key], value != .null else { return nil }
            return child(key, value)
        }

        func required(_ key: String) throws(DependenciesError) -> Field {
            guard let found = optional(key) else { throw field.error("\"\(key)\" is required") }
            return found
        }

        private func child(_ key: String, _ value: JSONValue) -> Field {
            Field(value, path: field.path.isEmpty ? key : "\(field.path).\(key)", source: field.source)
        }
    }
}
