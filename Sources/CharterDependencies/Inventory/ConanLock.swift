import CharterCore

/// Conan's `conan.lock`. Conan 2 (lockfile 0.5) lists references in `requires`,
/// `build_requires` and `python_requires`: `zlib/1.3#<revision>%<timestamp>`. Conan 1
/// (0.4) keeps a graph under `graph_lock.nodes`, each node's `ref` being
/// `name/version@user/channel#revision`; node "0" is the consumer itself, and the nodes it
/// requires are its direct dependencies.
struct ConanLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "conan.lock" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let json = try LockfileError.parsingJSON(bytes, path: path)
        let text = LockfileText(bytes)
        if let graph = json["graph_lock"] {
            return try Self.graph(graph, text: text, path: path)
        }
        guard json["requires"] != nil || json["build_requires"] != nil || json["python_requires"] != nil else {
            throw LockfileError(line: 1, "neither \"requires\" (lockfile 0.5) nor \"graph_lock\" (0.4) is here; is this a Conan lockfile?")
        }
        var found: [Dependency] = []
        for section in ["requires", "build_requires", "python_requires"] {
            guard let value = json[section] else { continue }
            let sectionLine = text.line(containing: "\"\(section)\"") ?? 1
            guard let references = value.arrayValue else {
                throw LockfileError(line: sectionLine, "\"\(section)\" is not an array of references; run `conan lock create` to rewrite the lock")
            }
            for reference in references {
                guard let reference = reference.stringValue, let (name, version) = Self.nameAndVersion(reference) else {
                    throw LockfileError(line: sectionLine, "\"\(section)\" holds an entry that is not a \"name/version#revision\" string; run `conan lock create` to rewrite the lock")
                }
                found.append(Dependency(.conanCenter, name: name, version: version, path: path,
                                        line: text.line(containing: "\"\(reference)", from: sectionLine - 1) ?? sectionLine))
            }
        }
        return found
    }

    private static func graph(_ graph: JSONValue, text: LockfileText, path: String) throws(LockfileError) -> [Dependency] {
        let graphLine = text.line(containing: "\"graph_lock\"") ?? 1
        guard let nodes = graph["nodes"]?.objectValue else {
            throw LockfileError(line: graphLine, "\"graph_lock\" has no object \"nodes\"; run `conan lock create` to rewrite the lock")
        }
        let direct = Set(nodes["0"]?["requires"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var found: [Dependency] = []
        for (id, node) in nodes.sorted(by: { (Int($0.key) ?? .max, $0.key) < (Int($1.key) ?? .max, $1.key) }) {
            let line = text.line(containing: "\"\(id)\": {", from: graphLine - 1) ?? graphLine
            // The consumer: a conanfile on disk, not a package from a remote.
            if id == "0" || node["path"] != nil { continue }
            guard let reference = node["ref"]?.stringValue, let (name, version) = nameAndVersion(reference) else {
                throw LockfileError(line: line, "node \(id) has no \"ref\" of the form name/version; run `conan lock create` to rewrite the lock")
            }
            found.append(Dependency(.conanCenter, name: name, version: version, path: path, line: line, direct: direct.contains(id)))
        }
        return found
    }

    /// `openssl/3.2.0@user/channel#rev%1700000000.1` → `openssl`, `3.2.0`.
    static func nameAndVersion(_ reference: String) -> (String, String)? {
        let base = reference.prefix { $0 != "#" && $0 != "%" && $0 != "@" }
        let parts = base.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return nil }
        return (String(parts[0]), String(parts[1]))
    }
}
