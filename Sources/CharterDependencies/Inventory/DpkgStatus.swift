/// Debian's package database, `var/lib/dpkg/status` (and distroless images' one-record files
/// under `var/lib/dpkg/status.d/`): every package dpkg has installed. Debian's advisories name
/// source packages, so each is reported by its `Source:` (whose version, when given in
/// parentheses, differs from the binary's) or else its own name; the binary packages one
/// source builds are reported once. The release comes from the same root's os-release.
struct DpkgStatus: LockfileExtractor {
    static let databaseFolder = "var/lib/dpkg/"

    func handles(fileName: String) -> Bool { false }

    func handles(path: String) -> Bool {
        let components = path.split(separator: "/")
        guard components.count >= 4 else { return false }
        let folder = components.suffix(4).dropLast().joined(separator: "/")
        if folder == "var/lib/dpkg" { return components.last == "status" }
        return components.count >= 5 && components.suffix(5).dropLast().joined(separator: "/") == "var/lib/dpkg/status.d"
            && !(components.last?.contains(".") ?? true)
    }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let database = try PackageDatabaseStanzas(bytes, allowsContinuations: true, format: "a dpkg status file")
        let release = try OSRelease.root(of: path, databaseFolder: Self.databaseFolder)
            .flatMap { OSRelease.of(root: $0, read: read) }?
            .release(for: .debian, database: "var/lib/dpkg/status")
        var found: [Dependency] = []
        var seen = Set<String>()
        for stanza in database.stanzas {
            guard let package = stanza.fields["Package"], !package.isEmpty else {
                throw LockfileError(line: stanza.line, "a record without a Package: field; the file looks damaged or truncated")
            }
            // `Status: want flag status`: held packages (`hold ok installed`) are installed too.
            // Distroless images write records for installed packages only, without a Status.
            if let status = stanza.fields["Status"]?.split(separator: " ") {
                guard status.count == 3, status[1] == "ok", status[2] == "installed" else { continue }
            }
            guard let binaryVersion = stanza.fields["Version"], !binaryVersion.isEmpty else {
                throw LockfileError(line: stanza.line, "the installed package \(package) has no Version:; the file looks damaged or truncated")
            }
            let (name, version) = Self.source(stanza.fields["Source"], package: package, version: binaryVersion)
            guard seen.insert("\(name) \(version)").inserted else { continue }
            found.append(Dependency(.debian, release: release, name: name, version: version, path: path, line: stanza.line(of: "Package")))
        }
        return found
    }

    /// `Source: openssl` or `Source: zlib (1:1.2.13.dfsg-1)`: the source package and its version.
    static func source(_ field: String?, package: String, version: String) -> (String, String) {
        guard let field, !field.isEmpty else { return (package, version) }
        guard let open = field.firstIndex(of: "("), let close = field.lastIndex(of: ")"), open < close else {
            return (field.trimmedSpaces, version)
        }
        let sourceVersion = field[field.index(after: open)..<close].trimmedSpaces
        return (field[..<open].trimmedSpaces, sourceVersion.isEmpty ? version : sourceVersion)
    }
}
