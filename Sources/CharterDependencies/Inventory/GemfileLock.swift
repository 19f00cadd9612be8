/// Bundler's `Gemfile.lock` (or `gems.locked`): the gems a `GEM` source resolved
/// (`    name (version)` under `specs:`, their own requirements one level deeper), direct when
/// `DEPENDENCIES` names them. Gems from `GIT` and `PATH` sources are not rubygems.org releases
/// and are left out. A platform after the version (`1.15.4-x86_64-linux`) is dropped, as
/// Bundler splits it off.
struct GemfileLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "Gemfile.lock" || fileName == "gems.locked" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let text = LockfileText(bytes)
        var section = ""
        var inSpecs = false
        var resolved: [(name: String, version: String, line: Int)] = []
        var direct = Set<String>()
        var knownSections = 0
        for (index, line) in text.lines.enumerated() {
            if line.isEmpty { continue }
            if !line.hasPrefix(" ") {
                section = line.trimmedSpaces
                inSpecs = false
                if ["GEM", "GIT", "PATH", "DEPENDENCIES"].contains(section) { knownSections += 1 }
                continue
            }
            let indent = line.prefix { $0 == " " }.count
            switch (section, indent) {
            case (_, 2) where line.trimmedSpaces == "specs:":
                inSpecs = true
            case ("GEM", 4) where inSpecs:
                guard let (name, version) = Self.nameAndVersion(line.dropFirst(4)) else {
                    throw LockfileError(line: index + 1, "a gem under specs: is not `name (version)`; the file may be truncated or edited by hand, so run `bundle lock` to rewrite it")
                }
                resolved.append((name, version, index + 1))
            case ("DEPENDENCIES", 2):
                let entry = line.dropFirst(2)
                let name = entry.prefix { $0 != " " && $0 != "!" }
                guard !name.isEmpty else { throw LockfileError(line: index + 1, "a DEPENDENCIES entry without a gem name; run `bundle lock` to rewrite the file") }
                direct.insert(String(name))
            default:
                break
            }
        }
        guard knownSections > 0 else {
            throw LockfileError(line: 1, "no GEM, GIT, PATH or DEPENDENCIES section; is this a Gemfile.lock?")
        }
        return resolved.map { gem in
            Dependency(.rubyGems, name: gem.name, version: gem.version, path: path, line: gem.line,
                       direct: direct.isEmpty ? nil : direct.contains(gem.name))
        }
    }

    /// `nokogiri (1.15.4-x86_64-linux)` → `nokogiri`, `1.15.4`.
    static func nameAndVersion(_ spec: Substring) -> (String, String)? {
        guard let open = spec.firstIndex(of: " "), spec.hasSuffix(")"), spec[spec.index(after: open)...].hasPrefix("(") else { return nil }
        let name = spec[..<open]
        let inside = spec[spec.index(open, offsetBy: 2)..<spec.index(before: spec.endIndex)]
        let version = inside.prefix { $0 != "-" }
        guard !name.isEmpty, !version.isEmpty, !version.contains(" "), !version.contains("(") else { return nil }
        return (String(name), String(version))
    }
}
