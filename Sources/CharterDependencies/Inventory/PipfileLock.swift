import CharterCore

/// Pipenv's `Pipfile.lock`: the `default` and `develop` sections, each package pinned `==X`.
struct PipfileLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "Pipfile.lock" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let json = try LockfileError.parsingJSON(bytes, path: path)
        guard json["default"] != nil || json["develop"] != nil else {
            throw LockfileError(line: 1, "neither \"default\" nor \"develop\" is here; is this a Pipfile.lock?")
        }
        let text = LockfileText(bytes)
        var found: [Dependency] = []
        for section in ["default", "develop"] {
            for (name, value) in (json[section]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let pin = value["version"]?.stringValue, pin.hasPrefix("==") else { continue }
                found.append(Dependency(.pypi, name: name, version: String(pin.dropFirst(2)), path: path,
                                        line: text.line(containing: "\"\(name)\": {") ?? 1))
            }
        }
        return found
    }
}
