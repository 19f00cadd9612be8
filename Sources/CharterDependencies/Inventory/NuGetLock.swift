import CharterCore

/// NuGet's `packages.lock.json`: per target framework, each package with its `type` (`Direct`,
/// `Transitive`, `CentralTransitive`; `Project` references are the solution's own) and the
/// version it `resolved` to. A package locked for several frameworks at one version is reported
/// once, at its first.
struct NuGetLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "packages.lock.json" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let json = try LockfileError.parsingJSON(bytes, path: path)
        let text = LockfileText(bytes)
        let frameworks = try LockfileError.object(json, "dependencies", in: text, missing: "no \"dependencies\"; is this a NuGet packages.lock.json?",
                                                  shape: "target frameworks", remedy: "run `dotnet restore --force-evaluate` to rewrite the lock")
        var found: [Dependency] = []
        var seen = Set<String>()
        let ordered = frameworks.map { (name: $0.key, packages: $0.value, line: text.line(containing: "\"\($0.key)\": {") ?? text.line(containing: "\"\($0.key)\"") ?? 1) }.sorted { $0.line < $1.line }
        for framework in ordered {
            guard let packages = framework.packages.objectValue else {
                throw LockfileError(line: framework.line, "the framework \"\(framework.name)\" is not an object of packages; run `dotnet restore --force-evaluate` to rewrite the lock")
            }
            for (name, package) in packages {
                let line = text.line(containing: "\"\(name)\": {", from: framework.line) ?? framework.line
                guard let type = package["type"]?.stringValue else {
                    throw LockfileError(line: line, "the package \(name) has no string \"type\"; run `dotnet restore --force-evaluate` to rewrite the lock")
                }
                guard type != "Project" else { continue }
                guard let version = package["resolved"]?.stringValue else {
                    throw LockfileError(line: line, "the package \(name) has no \"resolved\" version; run `dotnet restore --force-evaluate` to rewrite the lock")
                }
                guard seen.insert("\(name.lowercased())@\(version.lowercased())").inserted else { continue }
                found.append(Dependency(.nuget, name: name, version: version, path: path, line: line, direct: type == "Direct"))
            }
        }
        return found.sorted { ($0.line, $0.name) < ($1.line, $1.name) }
    }
}
