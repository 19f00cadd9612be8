/// Alpine's package database, `lib/apk/db/installed`: a record per installed package with its
/// name (`P:`), version (`V:`) and origin (`o:`), the source package Alpine's advisories name.
/// The packages one origin builds are reported once. The release comes from the same root's
/// os-release.
struct ApkInstalled: LockfileExtractor {
    static let databaseFolder = "lib/apk/db/"

    func handles(fileName: String) -> Bool { false }

    func handles(path: String) -> Bool { path == "lib/apk/db/installed" || path.hasSuffix("/lib/apk/db/installed") }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let database = try PackageDatabaseStanzas(bytes, allowsContinuations: false, format: "an apk installed database")
        let release = try OSRelease.root(of: path, databaseFolder: Self.databaseFolder)
            .flatMap { OSRelease.of(root: $0, read: read) }?
            .release(for: .alpine, database: "lib/apk/db/installed")
        var found: [Dependency] = []
        var seen = Set<String>()
        for stanza in database.stanzas {
            guard let package = stanza.fields["P"], !package.isEmpty, let version = stanza.fields["V"], !version.isEmpty else {
                throw LockfileError(line: stanza.line, "a record without a P: name and a V: version; the file looks damaged or truncated")
            }
            let origin = stanza.fields["o"].flatMap { $0.isEmpty ? nil : $0 } ?? package
            guard seen.insert("\(origin) \(version)").inserted else { continue }
            found.append(Dependency(.alpine, release: release, name: origin, version: version, path: path, line: stanza.line(of: "P")))
        }
        return found
    }
}
