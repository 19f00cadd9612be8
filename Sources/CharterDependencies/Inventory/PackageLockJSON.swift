import CharterCore

/// npm's `package-lock.json` and `npm-shrinkwrap.json`, lockfile versions 1 to 3: v2 and v3 list
/// every installed package under `packages` by its `node_modules/…` path; v1 nests them under
/// `dependencies`. Linked (workspace) packages are the project's own, not dependencies.
struct PackageLockJSON: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "package-lock.json" || fileName == "npm-shrinkwrap.json" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let json = try LockfileError.parsingJSON(bytes, path: path)
        let text = LockfileText(bytes)
        if let packages = json["packages"]?.objectValue {
            let root = packages[""]?.objectValue ?? [:]
            let directNames = Set(["dependencies", "devDependencies", "optionalDependencies", "peerDependencies"].flatMap { root[$0]?.objectValue?.keys ?? [:].keys })
            return packages.compactMap { key, value -> Dependency? in
                guard let range = key.range(of: "node_modules/", options: .backwards), value["link"]?.boolValue != true,
                      let version = value["version"]?.stringValue else { return nil }
                let name = value["name"]?.stringValue ?? String(key[range.upperBound...])
                let topLevel = key == "node_modules/" + name
                return Dependency(.npm, name: name, version: version, path: path, line: text.line(containing: "\"\(key)\"") ?? 1,
                                  direct: topLevel ? directNames.contains(name) : false)
            }.sorted { ($0.line, $0.name) < ($1.line, $1.name) }
        }
        guard let dependencies = json["dependencies"]?.objectValue else {
            throw LockfileError(line: 1, "neither \"packages\" (lockfile v2, v3) nor \"dependencies\" (v1) is here; is this an npm lockfile?")
        }
        var found: [Dependency] = []
        func visit(_ dependencies: [String: JSONValue], direct: Bool) {
            for (name, value) in dependencies.sorted(by: { $0.key < $1.key }) {
                if let version = value["version"]?.stringValue, SemanticVersion(version) != nil {
                    let line = text.line(containing: "\"\(name)\": {") ?? text.line(containing: "\"\(name)\"") ?? 1
                    found.append(Dependency(.npm, name: name, version: version, path: path, line: line, direct: direct))
                }
                if let nested = value["dependencies"]?.objectValue { visit(nested, direct: false) }
            }
        }
        visit(dependencies, direct: true)
        return found
    }
}
