import CharterCore

/// One piece of content to scan: a file's bytes, or the lines a commit added to a file.
package struct ScanFragment: Sendable {
    /// Relative to the scanned root, `/`-separated; `-` for standard input.
    package let path: String
    package let bytes: [UInt8]
    package let commit: CommitInfo?
    /// For added lines from a patch: the file line number of each line of `bytes`, in order.
    /// nil when `bytes` is the whole file (line n of `bytes` is line n of the file).
    package let lineNumbers: [Int]?

    package init(path: String, bytes: [UInt8], commit: CommitInfo? = nil, lineNumbers: [Int]? = nil) {
        self.path = path
        self.bytes = bytes
        self.commit = commit
        self.lineNumbers = lineNumbers
    }
}
