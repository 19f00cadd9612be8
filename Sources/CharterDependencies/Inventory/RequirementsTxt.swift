import Foundation

/// pip requirements files (`requirements*.txt`): pinned requirements (`name==1.2.3`, with extras,
/// markers and `--hash` options), `-r` includes followed relative to the including file, comments
/// and `\` continuations. Unpinned requirements name no version to match, so they are left out.
struct RequirementsTxt: LockfileExtractor {
    func handles(fileName: String) -> Bool {
        fileName.hasPrefix("requirements") && fileName.hasSuffix(".txt")
    }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        var visited: Set<String> = []
        return try extract(bytes, path: path, read: read, visited: &visited)
    }

    private func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8], visited: inout Set<String>) throws(LockfileError) -> [Dependency] {
        visited.insert(path)
        let text = LockfileText(bytes)
        var found: [Dependency] = []
        var logical = ""
        var startLine = 0
        for (index, raw) in text.lines.enumerated() {
            if logical.isEmpty { startLine = index + 1 }
            var line = String(raw)
            if let hash = line.range(of: " #") ?? (line.hasPrefix("#") ? line.range(of: "#") : nil) { line = String(line[..<hash.lowerBound]) }
            if line.hasSuffix("\\") {
                logical += line.dropLast() + " "
                continue
            }
            logical += line
            defer { logical = "" }
            let statement = logical.trimmedSpaces
            guard !statement.isEmpty else { continue }
            if let included = Self.include(statement) {
                let target = Self.resolve(included, from: path)
                guard !visited.contains(target) else { continue }
                let contents: [UInt8]
                do {
                    contents = try read(target)
                } catch {
                    throw LockfileError(line: startLine, "-r \(included): \(target) \((error as? LockfileError)?.message ?? "cannot be read")")
                }
                do {
                    found += try extract(contents, path: target, read: read, visited: &visited)
                } catch {
                    throw LockfileError(line: startLine, "in \(target)\(error.line.map { ":\($0)" } ?? ""): \(error.message)")
                }
                continue
            }
            guard !statement.hasPrefix("-"), let pinned = Self.pinned(statement) else { continue }
            found.append(Dependency(.pypi, name: pinned.name, version: pinned.version, path: path, line: startLine, direct: nil))
        }
        return found
    }

    /// The file a `-r FILE` / `--requirement FILE` line includes.
    static func include(_ statement: String) -> String? {
        for option in ["--requirement=", "--requirement ", "-r "] where statement.hasPrefix(option) {
            return statement.dropFirst(option.count).trimmedSpaces
        }
        if statement.hasPrefix("-r"), statement.count > 2 { return String(statement.dropFirst(2)) }
        return nil
    }

    static func resolve(_ included: String, from path: String) -> String {
        guard !included.hasPrefix("/") else { return included }
        var parts = path.split(separator: "/").dropLast().map(String.init)
        for component in included.split(separator: "/") {
            if component == ".." { _ = parts.popLast() } else if component != "." { parts.append(String(component)) }
        }
        return parts.joined(separator: "/")
    }

    /// `name[extra]==1.2.3 ; python_version < "3.12" --hash=sha256:…` → name and version.
    static func pinned(_ statement: String) -> (name: String, version: String)? {
        var requirement = Substring(statement)
        if let marker = requirement.firstIndex(of: ";") { requirement = requirement[..<marker] }
        if let option = requirement.range(of: " --") { requirement = requirement[..<option.lowerBound] }
        guard let operatorRange = requirement.range(of: "===") ?? requirement.range(of: "==") else { return nil }
        var name = requirement[..<operatorRange.lowerBound].trimmedSpaces
        if let extras = name.firstIndex(of: "[") { name = String(name[..<extras]) }
        let version = requirement[operatorRange.upperBound...].trimmedSpaces
        guard !name.isEmpty, !version.isEmpty, !version.contains("*"), !version.contains(","),
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }) else { return nil }
        return (name, version)
    }
}
