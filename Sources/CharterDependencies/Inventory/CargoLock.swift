import Foundation

/// `Cargo.lock`: each `[[package]]` with its name and version. Packages without a `source` are
/// the workspace's own crates, not dependencies.
struct CargoLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "Cargo.lock" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        try TOMLPackageBlocks.extract(bytes, path: path, ecosystem: .cratesIO, format: "Cargo.lock") { block in block.source != nil }
    }
}

/// `poetry.lock` (and `pdm.lock`, `uv.lock`, which write packages the same way): each
/// `[[package]]` with its name and version; `uv.lock`'s editable/virtual project entries are skipped.
struct PythonTOMLLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { ["poetry.lock", "pdm.lock", "uv.lock"].contains(fileName) }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        try TOMLPackageBlocks.extract(bytes, path: path, ecosystem: .pypi, format: path.split(separator: "/").last.map(String.init) ?? path) { block in
            !(block.source?.contains("editable") ?? false) && !(block.source?.contains("virtual") ?? false)
        }
    }
}

/// The `[[package]]` tables of a TOML lockfile, read line by line (lock writers put one key on
/// each line), with the line each table starts on.
enum TOMLPackageBlocks {
    struct Block {
        var line: Int
        var name: String?
        var version: String?
        var source: String?
    }

    static func extract(_ bytes: [UInt8], path: String, ecosystem: Ecosystem, format: String, keep: (Block) -> Bool) throws(LockfileError) -> [Dependency] {
        let text = LockfileText(bytes)
        var blocks: [Block] = []
        var current: Block?
        for (index, line) in text.lines.enumerated() {
            let trimmed = line.trimmedSpaces
            if trimmed.hasPrefix("[") {
                if let current { blocks.append(current) }
                current = trimmed == "[[package]]" ? Block(line: index + 1) : nil
                continue
            }
            guard current != nil else { continue }
            if let name = LockfileText.tomlString(line, key: "name") { current?.name = name }
            if let version = LockfileText.tomlString(line, key: "version") { current?.version = version }
            if trimmed.hasPrefix("source") { current?.source = trimmed }
        }
        if let current { blocks.append(current) }
        return try blocks.filter(keep).map { (block: Block) throws(LockfileError) -> Dependency in
            guard let name = block.name, let version = block.version else {
                throw LockfileError(line: block.line, "a [[package]] without a name and version; is this a \(format) file?")
            }
            return Dependency(ecosystem, name: name, version: version, path: path, line: block.line)
        }
    }
}
