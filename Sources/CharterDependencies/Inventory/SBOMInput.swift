import CharterCore

/// A software bill of materials read as the inventory: CycloneDX JSON (1.4 to 1.6; every
/// component, nested ones too, by its `purl`) or SPDX 2.3 JSON (each package's `externalRefs`
/// of type `purl`). Packages whose purl names no ecosystem Charter matches (`pkg:docker/…`,
/// `pkg:deb/ubuntu/…`), or that have no purl or version, are counted, not judged.
struct SBOMInput: LockfileExtractor {
    func handles(fileName: String) -> Bool {
        Self.isExplicit(fileName) || fileName == "bom.json" || fileName == "sbom.json" || fileName.hasSuffix(".sbom.json")
    }

    /// `x.cdx.json` and `x.spdx.json` say what they are; `bom.json` and `sbom.json` are common
    /// names for other things too, so those are read only when they look like an SBOM.
    func recognizes(_ bytes: [UInt8], path: String) -> Bool {
        Self.isExplicit(String(path.split(separator: "/").last ?? "")) || Self.contains(bytes, "\"bomFormat\"") || Self.contains(bytes, "\"spdxVersion\"")
    }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        try extraction(bytes, path: path, read: read).dependencies
    }

    func extraction(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> LockfileExtraction {
        let json = try LockfileError.parsingJSON(bytes, path: path)
        var reading = Reading(text: LockfileText(bytes), path: path)
        if json["bomFormat"]?.stringValue == "CycloneDX" {
            try reading.components(json["components"], key: "components")
        } else if let version = json["spdxVersion"]?.stringValue, version.hasPrefix("SPDX-") {
            try reading.spdxPackages(json["packages"])
        } else {
            throw LockfileError(line: 1, "neither \"bomFormat\": \"CycloneDX\" nor an \"spdxVersion\" is here; Charter reads CycloneDX and SPDX JSON SBOMs")
        }
        return reading.extraction
    }

    private static func isExplicit(_ fileName: String) -> Bool { fileName.hasSuffix(".cdx.json") || fileName.hasSuffix(".spdx.json") }

    private static func contains(_ bytes: [UInt8], _ needle: String) -> Bool {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return false }
        return (0...(bytes.count - pattern.count)).contains { start in
            bytes[start] == pattern[0] && bytes[start..<(start + pattern.count)].elementsEqual(pattern)
        }
    }

    /// The walk over one SBOM: what it found, what it passed over, and the text to find lines in.
    private struct Reading {
        let text: LockfileText
        let path: String
        var extraction = LockfileExtraction(dependencies: [])
        var seen = Set<String>()

        init(text: LockfileText, path: String) {
            self.text = text
            self.path = path
        }

        mutating func components(_ value: JSONValue?, key: String) throws(LockfileError) {
            guard let value else { return }
            guard let components = value.arrayValue else {
                throw LockfileError(line: text.line(containing: "\"\(key)\""), "\"\(key)\" is not an array of components; regenerate the SBOM")
            }
            for component in components {
                guard component.objectValue != nil else {
                    throw LockfileError(line: text.line(containing: "\"\(key)\""), "a component is not an object; regenerate the SBOM")
                }
                try package(purl: component["purl"], name: component["name"]?.stringValue)
                try self.components(component["components"], key: "components")
            }
        }

        mutating func spdxPackages(_ value: JSONValue?) throws(LockfileError) {
            guard let value else { return }
            guard let packages = value.arrayValue else {
                throw LockfileError(line: text.line(containing: "\"packages\""), "\"packages\" is not an array; regenerate the SBOM")
            }
            for package in packages {
                let references = package["externalRefs"]?.arrayValue ?? []
                let purl = references.first { $0["referenceType"]?.stringValue == "purl" }?["referenceLocator"]
                try self.package(purl: purl, name: package["name"]?.stringValue)
            }
        }

        private mutating func package(purl value: JSONValue?, name: String?) throws(LockfileError) {
            guard let value else {
                extraction.unsupported["without a purl", default: 0] += 1
                return
            }
            let line = value.stringValue.flatMap { text.line(containing: "\"\($0)\"") } ?? name.flatMap { text.line(containing: "\"\($0)\"") }
            guard let purlText = value.stringValue, let purl = PackageURL(parsing: purlText) else {
                throw LockfileError(line: line, "\(name.map { "the package \($0) has" } ?? "a package has") a purl that is not a Package URL (pkg:type/name@version); regenerate the SBOM")
            }
            guard let dependency = purl.dependency(path: path, line: line ?? 1) else {
                extraction.unsupported[purl.unsupportedKind, default: 0] += 1
                return
            }
            guard seen.insert("\(dependency.ecosystem) \(dependency.name) \(dependency.version)").inserted else { return }
            extraction.dependencies.append(dependency)
        }
    }
}
