@testable import CharterDependencies

extension LockfileExtractor {
    /// The dependencies in `text` read as the file at `path`; `files` are the other files the
    /// format may read, relative to the scanned root.
    func dependencies(in text: String, path: String, files: [String: String] = [:]) throws(LockfileError) -> [Dependency] {
        try extract(Array(text.utf8), path: path) { other in
            guard let contents = files[other] else { throw LockfileError("\(other): no such file") }
            return Array(contents.utf8)
        }
    }

    /// `dependencies(in:path:)` as the test summary lines.
    func summary(of text: String, path: String, files: [String: String] = [:]) throws(LockfileError) -> [String] {
        DependencyInventoryTests.summary(try dependencies(in: text, path: path, files: files))
    }
}
