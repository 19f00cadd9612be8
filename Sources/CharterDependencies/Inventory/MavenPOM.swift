/// Maven's `pom.xml`, as declared: the `<dependencies>` and `<dependencyManagement>` entries
/// with their versions, `${property}` references filled in from `<properties>`,
/// `${project.version}`, `${project.parent.version}` and `${project.groupId}`. Nothing is
/// fetched, so neither the parent POM nor imported BOMs are read: a dependency whose version is
/// not a literal this file settles (none given and none managed here, a property defined
/// elsewhere, a range such as `[1.0,2.0)`) is skipped rather than guessed.
struct MavenPOM: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "pom.xml" }

    private struct Declared {
        let name: String
        let version: String?
        let line: Int
    }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let project = try XMLTree.parse(bytes)
        guard project.name == "project" else {
            throw LockfileError(line: project.line, "the root element is <\(project.name)>, not <project>; is this a Maven POM?")
        }
        let properties = Self.properties(of: project)
        let managed = try Self.declared(project.child("dependencyManagement")?.child("dependencies"), properties: properties)
        let used = try Self.declared(project.child("dependencies"), properties: properties)
        let managedVersions = Dictionary(managed.compactMap { entry in entry.version.map { (entry.name, $0) } }, uniquingKeysWith: { first, _ in first })
        var found: [Dependency] = []
        for entry in used {
            guard let version = entry.version ?? managedVersions[entry.name] else { continue }
            found.append(Dependency(.maven, name: entry.name, version: version, path: path, line: entry.line, direct: true))
        }
        // Managed versions are constraints: whether anything uses them the POM alone does not say.
        let usedNames = Set(used.map(\.name))
        for entry in managed where !usedNames.contains(entry.name) {
            guard let version = entry.version else { continue }
            found.append(Dependency(.maven, name: entry.name, version: version, path: path, line: entry.line))
        }
        return found.sorted { $0.line < $1.line }
    }

    /// The `<dependency>` entries of a `<dependencies>` element, each `groupId:artifactId` with
    /// its version when this file settles it to a literal.
    private static func declared(_ dependencies: XMLTree.Element?, properties: [String: String]) throws(LockfileError) -> [Declared] {
        try (dependencies?.children("dependency") ?? []).map { (dependency: XMLTree.Element) throws(LockfileError) -> Declared in
            guard let group = dependency.child("groupId")?.text, !group.isEmpty,
                  let artifact = dependency.child("artifactId")?.text, !artifact.isEmpty else {
                throw LockfileError(line: dependency.line, "a <dependency> without a <groupId> and an <artifactId>; add them, as Maven requires")
            }
            let name = "\(substituting(group, properties) ?? group):\(substituting(artifact, properties) ?? artifact)"
            let version = dependency.child("version").flatMap { substituting($0.text, properties) }.flatMap(literal)
            return Declared(name: name, version: version, line: dependency.line)
        }
    }

    /// `<properties>` and the project's own coordinates, as `${…}` names them.
    private static func properties(of project: XMLTree.Element) -> [String: String] {
        var properties: [String: String] = [:]
        for property in project.child("properties")?.children ?? [] { properties[property.name] = property.text }
        let parent = project.child("parent")
        let coordinates = [
            ("project.version", project.child("version")?.text ?? parent?.child("version")?.text),
            ("project.groupId", project.child("groupId")?.text ?? parent?.child("groupId")?.text),
            ("project.artifactId", project.child("artifactId")?.text),
            ("project.parent.version", parent?.child("version")?.text),
            ("project.parent.groupId", parent?.child("groupId")?.text),
        ]
        for case let (key, value?) in coordinates { properties[key] = value }
        // Maven 2's deprecated spellings still appear in old POMs.
        properties["pom.version"] = properties["project.version"]
        properties["version"] = properties["version"] ?? properties["project.version"]
        return properties
    }

    /// `text` with every `${name}` replaced, following properties that name others a few levels
    /// deep; nil when one is not defined here (or they refer to each other in a loop).
    static func substituting(_ text: String, _ properties: [String: String]) -> String? {
        var result = text
        for _ in 0..<32 {
            guard let open = result.range(of: "${") else { return result }
            guard let close = result[open.upperBound...].firstIndex(of: "}"),
                  let value = properties[String(result[open.upperBound..<close])] else { return nil }
            result.replaceSubrange(open.lowerBound...close, with: value)
        }
        return result.contains("${") ? nil : result
    }

    /// A version Maven would use as written: not empty and not a range (`[1.0,2.0)`, `(,1.5]`).
    private static func literal(_ version: String) -> String? {
        guard !version.isEmpty, !version.contains(where: { "[](),".contains($0) }) else { return nil }
        return version
    }
}
