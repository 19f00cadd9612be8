import CharterCore

/// Composer's `composer.lock`: the `packages` and `packages-dev` arrays, each with the name and
/// version it was installed at. Versions keep their text (`v6.4.1`); a branch (`dev-main`) is
/// reported too, since Packagist advisories cannot order it and the matcher says so instead of
/// letting it pass unseen. The lock does not say which packages composer.json asks for.
struct ComposerLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "composer.lock" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let json = try LockfileError.parsingJSON(bytes, path: path)
        let text = LockfileText(bytes)
        guard json["packages"] != nil || json["packages-dev"] != nil else {
            throw LockfileError(line: 1, "neither \"packages\" nor \"packages-dev\" is here; is this a composer.lock?")
        }
        var found: [Dependency] = []
        for section in ["packages", "packages-dev"] {
            guard let value = json[section], value != .null else { continue }
            let sectionLine = text.line(containing: "\"\(section)\"") ?? 1
            guard let packages = value.arrayValue else {
                throw LockfileError(line: sectionLine, "\"\(section)\" is not an array of packages; run `composer update --lock` to rewrite the lock")
            }
            var searchFrom = sectionLine - 1
            for package in packages {
                guard let name = package["name"]?.stringValue, let version = package["version"]?.stringValue else {
                    throw LockfileError(line: text.line(containing: "{", from: searchFrom + 1) ?? sectionLine,
                                        "a package in \"\(section)\" without a string \"name\" and \"version\"; run `composer update --lock` to rewrite the lock")
                }
                let line = text.line(containing: "\"name\": \"\(name)\"", from: searchFrom)
                    ?? text.line(containing: "\"\(name)\"", from: searchFrom) ?? sectionLine
                searchFrom = line
                found.append(Dependency(.packagist, name: name, version: version, path: path, line: line))
            }
        }
        return found
    }
}
