import CharterTestSupport
import Testing

/// Python's zipfile and zlib, run from tests to make archives as real archivers write them.
enum PythonArchiver {
    /// Runs `script` with `arguments`; its output, or a test failure naming what Python said.
    @discardableResult
    static func run(_ script: String, _ arguments: [String]) throws -> String {
        let result = try ExternalCommand.run("python3", ["-c", script] + arguments)
        try #require(result.status == 0, "python3 failed: \(result.output.prefix(600))")
        return result.output
    }

    /// Zips the files listed (one relative name a line) in `list` from `root` into `archive`, in
    /// that order: every fifth stored, the rest deflated; `unseekable` writes through a stream
    /// without `tell`, so sizes and CRCs go in data descriptors after each entry, as streaming
    /// archivers (Go's among them) write them.
    static func zip(root: String, list: String, into archive: String, unseekable: Bool = false) throws {
        let script = """
            import sys, zipfile
            root, names, target, unseekable = sys.argv[1], open(sys.argv[2]).read().split("\\n"), sys.argv[3], sys.argv[4] == "1"
            class Stream:
                def __init__(self, f): self.f = f
                def write(self, b): return self.f.write(b)
                def flush(self): self.f.flush()
            with open(target, "wb") as out:
                with zipfile.ZipFile(Stream(out) if unseekable else out, "w") as archive:
                    for index, name in enumerate(n for n in names if n):
                        method = zipfile.ZIP_STORED if index % 5 == 0 else zipfile.ZIP_DEFLATED
                        archive.write(root + "/" + name, name, compress_type=method)
            """
        try run(script, [root, list, archive, unseekable ? "1" : "0"])
    }
}
