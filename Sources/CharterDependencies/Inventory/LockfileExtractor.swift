import CharterCore

/// Reads one lockfile or manifest format into dependencies, with the line each is on.
protocol LockfileExtractor: Sendable {
    /// Whether a file of this name is this format's.
    func handles(fileName: String) -> Bool

    /// The dependencies in `bytes` (the file at `path`, relative to the scanned root). `read`
    /// fetches another file relative to the root, for formats that include others.
    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency]
}

/// Why a lockfile could not be read, and where.
struct LockfileError: Error {
    let line: Int?
    let message: String

    init(line: Int? = nil, _ message: String) {
        self.line = line
        self.message = message
    }

    /// A JSON lockfile's document; a syntax error becomes a lockfile error at its line.
    static func parsingJSON(_ bytes: [UInt8], path: String) throws(LockfileError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes, source: path, options: .lenient)
        } catch {
            throw LockfileError(line: error.line, error.message)
        }
    }
}
