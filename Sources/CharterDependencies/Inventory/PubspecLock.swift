/// Dart's and Flutter's `pubspec.lock` (YAML as `pub` writes it: two-space indents, one key per
/// line): each entry of `packages:` with its `dependency` kind, `source` and `version`. Only
/// `hosted` packages are pub.dev releases; `sdk`, `path` and `git` ones are left out.
struct PubspecLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "pubspec.lock" }

    private struct Entry {
        let name: String
        let line: Int
        var fields: [String: String] = [:]
    }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let text = LockfileText(bytes)
        var topLevel = Set<String>()
        var inPackages = false
        var entries: [Entry] = []
        for (index, line) in text.lines.enumerated() {
            let trimmed = line.trimmedSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let indent = line.prefix { $0 == " " }.count
            if indent == 0 {
                let key = trimmed.prefix { $0 != ":" }
                topLevel.insert(String(key))
                inPackages = key == "packages"
                continue
            }
            guard inPackages else { continue }
            if indent == 2 {
                guard trimmed.hasSuffix(":") else {
                    throw LockfileError(line: index + 1, "a package under packages: is not `name:` followed by its fields; run `dart pub get` to rewrite the lock")
                }
                entries.append(Entry(name: String(trimmed.dropLast()).trimmingQuotes, line: index + 1))
            } else if indent == 4, let colon = trimmed.firstIndex(of: ":"), !entries.isEmpty {
                let value = trimmed[trimmed.index(after: colon)...].trimmedSpaces
                entries[entries.count - 1].fields[String(trimmed[..<colon])] = value.trimmingQuotes.trimmingSingleQuotes
            }
        }
        guard topLevel.contains("packages") || topLevel.contains("sdks") else {
            throw LockfileError(line: 1, "no packages: or sdks: section; is this a pubspec.lock?")
        }
        var found: [Dependency] = []
        for entry in entries {
            guard let source = entry.fields["source"] else {
                throw LockfileError(line: entry.line, "the package \(entry.name) has no source:; the file may be truncated, so run `dart pub get` to rewrite it")
            }
            guard source == "hosted" else { continue }
            guard let version = entry.fields["version"], !version.isEmpty else {
                throw LockfileError(line: entry.line, "the hosted package \(entry.name) has no version:; run `dart pub get` to rewrite the lock")
            }
            let kind = entry.fields["dependency"]
            found.append(Dependency(.pub, name: entry.name, version: version, path: path, line: entry.line,
                                    direct: kind.map { $0.hasPrefix("direct") }))
        }
        return found
    }
}
