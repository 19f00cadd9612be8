/// Elixir's `mix.lock`: an Elixir map, one dependency a line, as Mix writes it:
/// `"plug": {:hex, :plug, "1.15.3", "<hash>", [:mix], [...], "hexpm", "<hash>"},`. The atom after
/// `:hex` is the package's Hex name (the key may be a local alias). `:git` and `:path` entries
/// are not Hex releases and are left out. Mix does not record which dependencies are direct.
struct MixLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "mix.lock" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let text = LockfileText(bytes)
        let significant = text.lines.indices.filter { !text.lines[$0].trimmedSpaces.isEmpty }
        guard let first = significant.first, text.lines[first].trimmedSpaces.hasPrefix("%{") else {
            throw LockfileError(line: 1, "a mix.lock starts with `%{`; is this an Elixir lock file?")
        }
        guard let last = significant.last, text.lines[last].trimmedSpaces.hasSuffix("}") else {
            throw LockfileError(line: (significant.last ?? 0) + 1, "the map is not closed with `}`; the file looks truncated, so run `mix deps.get` to rewrite it")
        }
        var found: [Dependency] = []
        for index in significant {
            var scanner = Scanner(text.lines[index])
            if index == first { scanner.skip("%{") }
            guard scanner.quoted() != nil else { continue }
            guard scanner.skip(":"), scanner.skip("{"), let scm = scanner.atom() else {
                throw LockfileError(line: index + 1, "an entry is not `\"name\": {:scm, …}`; run `mix deps.get` to rewrite the lock")
            }
            guard scm == "hex" else { continue }
            guard scanner.skip(","), let name = scanner.atom(), scanner.skip(","), let version = scanner.quoted(), !version.isEmpty else {
                throw LockfileError(line: index + 1, "a :hex entry is not `{:hex, :package, \"version\", …}`; run `mix deps.get` to rewrite the lock")
            }
            found.append(Dependency(.hex, name: name, version: version, path: path, line: index + 1))
        }
        return found
    }

    /// Just enough of Elixir's term syntax for a lock entry's opening: strings, atoms, punctuation.
    private struct Scanner {
        var rest: Substring

        init(_ line: Substring) { rest = line }

        mutating func skipSpaces() { rest = rest.drop { $0 == " " || $0 == "\t" } }

        @discardableResult
        mutating func skip(_ token: String) -> Bool {
            skipSpaces()
            guard rest.hasPrefix(token) else { return false }
            rest = rest.dropFirst(token.count)
            return true
        }

        /// `"text"`, without escapes (lock keys, names and versions have none).
        mutating func quoted() -> String? {
            skipSpaces()
            guard rest.hasPrefix("\""), let close = rest.dropFirst().firstIndex(of: "\"") else { return nil }
            let value = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            return String(value)
        }

        /// `:name` or `:"name"`.
        mutating func atom() -> String? {
            guard skip(":") else { return nil }
            if rest.hasPrefix("\"") { return quoted() }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            guard !name.isEmpty else { return nil }
            rest = rest.dropFirst(name.count)
            return String(name)
        }
    }
}
