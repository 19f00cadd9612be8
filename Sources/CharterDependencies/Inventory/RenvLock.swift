import CharterCore

/// R's `renv.lock`: each entry of `Packages` with its `Package` name and `Version`. Only those
/// installed from a CRAN repository (`Source: Repository` with `Repository` CRAN, or Posit's
/// mirror of it: RSPM, PPM, P3M) are CRAN releases; Bioconductor, GitHub and local packages
/// are left out. renv does not record which packages the project loads itself.
struct RenvLock: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "renv.lock" }

    static let cranRepositories: Set<String> = ["CRAN", "RSPM", "PPM", "P3M"]

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let json = try LockfileError.parsingJSON(bytes, path: path)
        let text = LockfileText(bytes)
        let packages = try LockfileError.object(json, "Packages", in: text, missing: "no \"Packages\"; is this an renv.lock?",
                                                shape: "packages", remedy: "run `renv::snapshot()` to rewrite the lock")
        var found: [Dependency] = []
        for (key, package) in packages {
            let line = text.line(containing: "\"\(key)\": {") ?? 1
            guard let name = package["Package"]?.stringValue, let version = package["Version"]?.stringValue else {
                throw LockfileError(line: line, "the package \(key) has no string \"Package\" and \"Version\"; run `renv::snapshot()` to rewrite the lock")
            }
            guard package["Source"]?.stringValue == "Repository", let repository = package["Repository"]?.stringValue,
                  Self.cranRepositories.contains(repository) else { continue }
            found.append(Dependency(.cran, name: name, version: version, path: path, line: line))
        }
        return found.sorted { $0.line < $1.line }
    }
}
