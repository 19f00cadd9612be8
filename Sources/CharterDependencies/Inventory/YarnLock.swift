/// Yarn's `yarn.lock`, classic (v1) and Berry (v2+): each entry's first specifier names the
/// package, its `version` the resolved version. Workspace and linked entries are the project's own.
struct YarnLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "yarn.lock" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let text = LockfileText(bytes)
        var found: [Dependency] = []
        var entry: (name: String, line: Int)?
        for (index, line) in text.lines.enumerated() {
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            if !line.hasPrefix(" ") {
                entry = line.hasSuffix(":") ? Self.packageName(String(line.dropLast())).map { ($0, index + 1) } : nil
                continue
            }
            guard let current = entry else { continue }
            let trimmed = line.trimmedSpaces
            let version: String?
            if trimmed.hasPrefix("version: ") {
                version = String(trimmed.dropFirst(9)).trimmingQuotes
            } else if trimmed.hasPrefix("version ") {
                version = String(trimmed.dropFirst(8)).trimmingQuotes
            } else {
                version = nil
            }
            guard let version else { continue }
            if version.hasPrefix("0.0.0-use.local") { entry = nil; continue }
            found.append(Dependency(.npm, name: current.name, version: version, path: path, line: current.line))
            entry = nil
        }
        return found
    }

    /// `"@babel/core@^7.0.0", "@babel/core@^7.1.0"` or `"lodash@npm:^4.17.0"` → the package name;
    /// nil for entries that are not registry packages (`workspace:`, `link:`, `portal:`, `file:`).
    static func packageName(_ header: String) -> String? {
        let first = header.split(separator: ",").first.map { String($0).trimmedSpaces.trimmingQuotes } ?? ""
        // The name ends at the first `@` after a scope's leading one.
        guard first.count > 1, let at = first.dropFirst().firstIndex(of: "@") else { return nil }
        let name = String(first[..<at])
        var range = first[first.index(after: at)...]
        for local in ["workspace:", "link:", "portal:", "file:"] where range.hasPrefix(local) { return nil }
        // An alias (`string-width-cjs@npm:string-width@^4.2.0`) installs the package its range names.
        if range.hasPrefix("npm:") {
            range = range.dropFirst(4)
            if range.dropFirst().contains("@"), let aliasAt = range.dropFirst().lastIndex(of: "@") { return String(range[..<aliasAt]) }
        }
        return name.isEmpty ? nil : name
    }
}
