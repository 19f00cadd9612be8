import CharterCore

/// Reads one lockfile or manifest format into dependencies, with the line each is on.
protocol LockfileExtractor: Sendable {
    /// Whether a file of this name is this format's.
    func handles(fileName: String) -> Bool

    /// Whether the file at `path` (relative to the scanned root) is this format's. By default the
    /// name decides; formats whose names are too generic (`status`, `installed`) match the path.
    func handles(path: String) -> Bool

    /// Whether `bytes` are this format's at all. Formats sharing a generic name with other files
    /// (`bom.json`) look at the content; a file they do not recognise is skipped, not a problem.
    func recognizes(_ bytes: [UInt8], path: String) -> Bool

    /// The dependencies in `bytes` (the file at `path`, relative to the scanned root). `read`
    /// fetches another file relative to the root, for formats that include others.
    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency]

    /// The dependencies and how many packages were passed over because Charter cannot name
    /// their ecosystem (an SBOM's `pkg:docker/…`); by default, none are.
    func extraction(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> LockfileExtraction
}

extension LockfileExtractor {
    func handles(path: String) -> Bool {
        handles(fileName: path.lastIndex(of: "/").map { String(path[path.index(after: $0)...]) } ?? path)
    }

    func recognizes(_ bytes: [UInt8], path: String) -> Bool { true }

    func extraction(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> LockfileExtraction {
        LockfileExtraction(dependencies: try extract(bytes, path: path, read: read))
    }
}

/// What one lockfile yielded: its dependencies, and the packages it lists that no ecosystem
/// Charter knows covers, by kind (`docker`: 2).
struct LockfileExtraction {
    var dependencies: [Dependency]
    var unsupported: [String: Int] = [:]
}

/// Why a lockfile could not be read, and where.
struct LockfileError: Error {
    let line: Int?
    let message: String

    init(line: Int? = nil, _ message: String) {
        self.line = line
        self.message = message
    }

    /// The object a JSON lockfile keeps under `key`: missing, a lockfile error at line 1 saying
    /// `missing`; not an object, one at the key's line saying it should be `shape` and `remedy`.
    static func object(_ json: JSONValue, _ key: String, in text: LockfileText, missing: String, shape: String, remedy: String) throws(LockfileError) -> [String: JSONValue] {
        guard let value = json[key] else { throw LockfileError(line: 1, missing) }
        guard let object = value.objectValue else {
            throw LockfileError(line: text.line(containing: "\"\(key)\""), "\"\(key)\" is not an object of \(shape); \(remedy)")
        }
        return object
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
