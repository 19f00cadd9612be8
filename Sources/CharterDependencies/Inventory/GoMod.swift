import Foundation

/// `go.mod`: `require` lines and blocks (`// indirect` marks a transitive module), `replace`
/// directives applied (a module replaced by a local folder is not a published version), and the
/// Go toolchain itself as the `stdlib` module, which the Go vulnerability database covers.
struct GoMod: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "go.mod" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let text = LockfileText(bytes)
        var required: [(name: String, version: String, line: Int, direct: Bool)] = []
        var replaced: [Replacement] = []
        var goVersion: (String, Int)?
        var toolchain: (String, Int)?
        var block: String?
        for (index, raw) in text.lines.enumerated() {
            let direct = !raw.contains("// indirect")
            var line = raw.trimmedSpaces
            if let comment = line.range(of: "//") { line = line[..<comment.lowerBound].trimmedSpaces }
            guard !line.isEmpty else { continue }
            if line == ")" {
                block = nil
                continue
            }
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if block == nil {
                if words.count == 2, words[1] == "(" {
                    block = words[0]
                    continue
                }
                let verb = words.removeFirst()
                switch verb {
                case "go": if let version = words.first { goVersion = (version, index + 1) }
                case "toolchain": if let version = words.first { toolchain = (String(version.dropFirst(2)), index + 1) }
                default: try apply(verb, words, line: index + 1, direct: direct, required: &required, replaced: &replaced)
                }
            } else if let verb = block {
                try apply(verb, words, line: index + 1, direct: direct, required: &required, replaced: &replaced)
            }
        }
        var found: [Dependency] = required.compactMap { module in
            // A replace naming a version applies to that version only, and wins over one naming none.
            let replacement = replaced.last { $0.module == module.name && $0.version == module.version }
                ?? replaced.last { $0.module == module.name && $0.version == nil }
            guard let replacement else {
                return Dependency(.go, name: module.name, version: module.version, path: path, line: module.line, direct: module.direct)
            }
            return replacement.target.map { Dependency(.go, name: $0.name, version: $0.version, path: path, line: module.line, direct: module.direct) }
        }
        if let (version, line) = toolchain ?? goVersion {
            found.append(Dependency(.go, name: "stdlib", version: version, path: path, line: line, direct: true))
        }
        return found
    }

    /// `replace MODULE [VERSION] => TARGET [VERSION]`; a nil target is a local folder, not a published module.
    private struct Replacement {
        let module: String
        let version: String?
        let target: (name: String, version: String)?
    }

    private func apply(_ verb: String, _ words: [String], line: Int, direct: Bool,
                       required: inout [(name: String, version: String, line: Int, direct: Bool)],
                       replaced: inout [Replacement]) throws(LockfileError) {
        switch verb {
        case "require":
            guard words.count == 2 else { throw LockfileError(line: line, "expected `require MODULE VERSION`") }
            required.append((words[0], words[1], line, direct))
        case "replace":
            guard let arrow = words.firstIndex(of: "=>"), arrow >= 1, words.count > arrow + 1 else {
                throw LockfileError(line: line, "expected `replace MODULE [VERSION] => TARGET [VERSION]`")
            }
            let target = words[arrow + 1]
            let isLocal = target.hasPrefix(".") || target.hasPrefix("/")
            replaced.append(Replacement(module: words[0], version: arrow >= 2 ? words[1] : nil,
                                        target: isLocal || words.count <= arrow + 2 ? nil : (target, words[arrow + 2])))
        default:
            break
        }
    }
}
