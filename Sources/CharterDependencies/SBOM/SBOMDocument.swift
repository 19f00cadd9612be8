import CharterCore
import Foundation

/// A software bill of materials of what an inventory found, in CycloneDX 1.6 or SPDX 2.3 JSON:
/// one component per distinct package version (its Package URL as the key), with the lockfile
/// lines it was found on.
package struct SBOMDocument {
    package enum Format: String, Sendable, CaseIterable {
        case cyclonedx, spdx
    }

    package let subject: String
    package let dependencies: [Dependency]
    package let tool: (name: String, version: String)
    package let created: Date
    package let serial: UUID

    package init(subject: String, dependencies: [Dependency], tool: (name: String, version: String), created: Date = Date(), serial: UUID = UUID()) {
        self.subject = subject
        self.dependencies = dependencies
        self.tool = tool
        self.created = created
        self.serial = serial
    }

    /// Distinct package versions in purl order, each with every place it was found.
    var packages: [(dependency: Dependency, locations: [String])] {
        let grouped = Dictionary(grouping: dependencies, by: \.purl)
        return grouped.keys.sorted().map { purl in
            let found = grouped[purl]!.sorted { ($0.path, $0.line) < ($1.path, $1.line) }
            return (found[0], found.map { "\($0.path):\($0.line)" })
        }
    }

    package func json(_ format: Format) -> JSONValue {
        switch format {
        case .cyclonedx: cycloneDX
        case .spdx: spdx
        }
    }

    private var timestamp: String {
        // Both formats take seconds precision in UTC.
        String(RFC3339.format(created).prefix(19)) + "Z"
    }

    private var cycloneDX: JSONValue {
        .object([
            "bomFormat": "CycloneDX", "specVersion": "1.6", "serialNumber": .string("urn:uuid:" + serial.uuidString.lowercased()), "version": 1,
            "metadata": .object([
                "timestamp": .string(timestamp),
                "tools": .object(["components": .array([.object(["type": "application", "name": .string(tool.name), "version": .string(tool.version)])])]),
                "component": .object(["type": "application", "bom-ref": "subject", "name": .string(subject)]),
            ]),
            "components": .array(packages.map { item in
                .object([
                    "type": "library", "bom-ref": .string(item.dependency.purl), "name": .string(item.dependency.name),
                    "version": .string(item.dependency.version), "purl": .string(item.dependency.purl),
                    "properties": .array(item.locations.map { .object(["name": "charter:lockfile", "value": .string($0)]) }),
                ])
            }),
        ])
    }

    private var spdx: JSONValue {
        let ids = packages.enumerated().map { "SPDXRef-Package-\($0.offset + 1)" }
        return .object([
            "spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT", "name": .string(subject),
            "documentNamespace": .string("https://spdx.org/spdxdocs/charter-\(Self.idSafe(subject))-\(serial.uuidString.lowercased())"),
            "creationInfo": .object(["created": .string(timestamp), "creators": .array([.string("Tool: \(tool.name)-\(tool.version)")])]),
            "documentDescribes": .array(ids.map(JSONValue.string)),
            "packages": .array(zip(ids, packages).map { id, item in
                .object([
                    "SPDXID": .string(id), "name": .string(item.dependency.name), "versionInfo": .string(item.dependency.version),
                    "downloadLocation": "NOASSERTION", "filesAnalyzed": false,
                    "comment": .string("found in " + item.locations.joined(separator: ", ")),
                    "externalRefs": .array([.object(["referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": .string(item.dependency.purl)])]),
                ])
            }),
            "relationships": .array(ids.map { id in
                .object(["spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES", "relatedSpdxElement": .string(id)])
            }),
        ])
    }

    /// Letters, digits, `.` and `-` only, as SPDX identifiers and namespace paths allow.
    static func idSafe(_ text: String) -> String {
        let safe = text.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "-") ? $0 : "-" }
        return String(safe).isEmpty ? "project" : String(safe)
    }
}
