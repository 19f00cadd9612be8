import CharterCore

/// Bun's text lockfile `bun.lock` (JSON with trailing commas): each `packages` entry is an array
/// whose first element is `name@version`. Keys nest with `/` (`react-dom/scheduler`) when a
/// package needs a version other than the hoisted one. Workspace, linked, git and tarball
/// entries are not registry versions and are left out.
struct BunLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "bun.lock" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let json = try LockfileError.parsingJSON(JSONWithCommas.plainJSON(bytes), path: path)
        let text = LockfileText(bytes)
        let missing = "no \"lockfileVersion\" and \"packages\"; is this a Bun lockfile (bun.lock)?"
        guard json["lockfileVersion"] != nil else { throw LockfileError(line: 1, missing) }
        let packages = try LockfileError.object(json, "packages", in: text, missing: missing,
                                                shape: "name: [\"name@version\", …]", remedy: "regenerate it with `bun install`")
        // Every workspace's own manifest asks for its direct dependencies.
        let directNames = Set((json["workspaces"]?.objectValue ?? [:]).values.flatMap { workspace in
            ["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"].flatMap { workspace[$0]?.objectValue?.keys.map { $0 } ?? [] }
        })
        var found: [Dependency] = []
        for (key, entry) in packages {
            let line = text.line(containing: "\"\(key)\": [") ?? text.line(containing: "\"\(key)\"") ?? 1
            guard let identifier = entry.arrayValue?.first?.stringValue else {
                throw LockfileError(line: line, "the entry \"\(key)\" is not an array starting with \"name@version\"; regenerate bun.lock with `bun install`")
            }
            guard let (name, version) = Self.package(identifier) else { continue }
            // A hoisted package's key is the name it is installed as (an alias's, too).
            let hoisted = key.split(separator: "/").count == (key.hasPrefix("@") ? 2 : 1)
            found.append(Dependency(.npm, name: name, version: version, path: path, line: line,
                                    direct: hoisted ? directNames.contains(key) : false))
        }
        return found.sorted { ($0.line, $0.name) < ($1.line, $1.name) }
    }

    /// `@babel/core@7.24.0` → its name and version; nil for `workspace:`, `link:`, `file:`,
    /// git and tarball sources, whose "version" is not one a registry advisory can name.
    static func package(_ identifier: String) -> (name: String, version: String)? {
        guard identifier.count > 1, let at = identifier.dropFirst().lastIndex(of: "@") else { return nil }
        let version = String(identifier[identifier.index(after: at)...])
        guard SemanticVersion(version) != nil else { return nil }
        return (String(identifier[..<at]), version)
    }
}
