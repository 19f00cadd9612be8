/// Gradle's dependency locks: `gradle.lockfile` (and `buildscript-gradle.lockfile`), one
/// `group:artifact:version=configurations` a line, and the older per-configuration
/// `gradle/dependency-locks/*.lockfile`, one `group:artifact:version` a line. `empty=` lists the
/// configurations that resolve nothing. The locks do not say which modules are direct.
struct GradleLockfile: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "gradle.lockfile" || fileName.hasSuffix("-gradle.lockfile") }

    func handles(path: String) -> Bool {
        let components = path.split(separator: "/")
        guard let name = components.last else { return false }
        if handles(fileName: String(name)) { return true }
        return name.hasSuffix(".lockfile") && components.count >= 3
            && components[components.count - 3] == "gradle" && components[components.count - 2] == "dependency-locks"
    }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        var found: [Dependency] = []
        for (index, line) in LockfileText(bytes).lines.enumerated() {
            let trimmed = line.trimmedSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix("empty=") { continue }
            let coordinates = trimmed.prefix { $0 != "=" }.split(separator: ":", omittingEmptySubsequences: false)
            guard coordinates.count == 3, coordinates.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
                throw LockfileError(line: index + 1, "expected group:artifact:version=configurations; run `gradle dependencies --write-locks` to rewrite the lock")
            }
            found.append(Dependency(.maven, name: "\(coordinates[0]):\(coordinates[1])", version: String(coordinates[2]), path: path, line: index + 1))
        }
        return found
    }
}
