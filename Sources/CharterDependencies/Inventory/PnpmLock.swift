/// pnpm's `pnpm-lock.yaml`, lockfile versions 5 to 9: the keys of its `packages:` map name each
/// package and version (`/lodash/4.17.21`, `/lodash@4.17.21`, `lodash@4.17.21`, with any peer
/// suffix such as `(react@18.2.0)` or `_react@18.2.0` dropped).
struct PnpmLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "pnpm-lock.yaml" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let text = LockfileText(bytes)
        guard text.lines.contains(where: { $0.hasPrefix("lockfileVersion") }) else {
            throw LockfileError(line: 1, "no lockfileVersion; is this a pnpm lockfile?")
        }
        var found: [Dependency] = []
        var inPackages = false
        for (index, line) in text.lines.enumerated() {
            if !line.hasPrefix(" "), !line.isEmpty {
                inPackages = line.hasPrefix("packages:")
                continue
            }
            // Package keys sit two spaces in; their fields deeper.
            guard inPackages, line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") else { continue }
            let key = String(line.dropFirst(2).dropLast()).trimmingQuotes.trimmingSingleQuotes
            if let (name, version) = Self.package(fromKey: key) {
                found.append(Dependency(.npm, name: name, version: version, path: path, line: index + 1))
            }
        }
        return found
    }

    static func package(fromKey raw: String) -> (name: String, version: String)? {
        var key = Substring(raw)
        if key.hasPrefix("/") { key = key.dropFirst() }
        if let peers = key.firstIndex(of: "(") { key = key[..<peers] }
        // v5: name/version, whose version may carry `_peer@x` after it; v6+: name@version.
        if let slash = key.lastIndex(of: "/") {
            var version = key[key.index(after: slash)...]
            if let underscore = version.firstIndex(of: "_") { version = version[..<underscore] }
            if SemanticVersion(String(version)) != nil { return (String(key[..<slash]), String(version)) }
        }
        guard let at = key.dropFirst().lastIndex(of: "@") else { return nil }
        let version = key[key.index(after: at)...]
        guard SemanticVersion(String(version)) != nil else { return nil }
        return (String(key[..<at]), String(version))
    }
}
