/// A gitignore-style glob: `*` and `?` within one path segment, `**` across segments, `[a-z]`
/// classes, a leading or inner `/` anchors it to its base folder, a trailing `/` matches folders only.
///
/// Compiled once into tokens and matched on the path's UTF-8 bytes: ignore rules are checked for
/// every file of a walk, so matching allocates nothing.
package struct GlobPattern: Sendable {
    package let source: String
    package let directoryOnly: Bool
    private let tokens: [Token]
    /// Patterns with three or more wildcards remember failed (token, offset) pairs, which keeps
    /// matching linear in the path's length times the pattern's (fewer stay linear without it).
    private let needsMemo: Bool
    /// An unanchored pattern none of whose tokens can cross a `/` can only match the path's last
    /// component, so it is matched there once instead of after every `/`.
    private let lastComponentOnly: Bool

    enum Token: Sendable, Equatable {
        case literal([UInt8])
        /// `?`: one character other than `/`.
        case oneCharacter
        /// `*`: any run of characters other than `/`.
        case segmentRun
        /// `**/`: nothing, or any folders (each ending in `/`).
        case folders
        /// `**` not followed by `/`: anything.
        case anything
        case characterClass(CharacterClass)

        var staysInOneComponent: Bool {
            switch self {
            case .literal(let bytes): !bytes.contains(UInt8(ascii: "/"))
            case .oneCharacter, .segmentRun: true
            case .folders, .anything: false
            case .characterClass(let set): !set.contains(UInt32(UInt8(ascii: "/")))
            }
        }
    }

    struct CharacterClass: Sendable, Equatable {
        var ranges: [ClosedRange<UInt32>]
        var negated: Bool

        func contains(_ scalar: UInt32) -> Bool {
            ranges.contains { $0.contains(scalar) } != negated
        }
    }

    package init(_ glob: String) throws {
        source = glob
        var body = glob
        directoryOnly = body.hasSuffix("/") && body.count > 1
        if directoryOnly { body.removeLast() }
        let anchored = body.dropLast().contains("/")
        if body.hasPrefix("/") { body.removeFirst() }
        var tokens = try Self.tokenize(body, glob: glob)
        lastComponentOnly = !anchored && tokens.allSatisfy(\.staysInOneComponent)
        if !anchored && !lastComponentOnly { tokens.insert(.folders, at: 0) }
        self.tokens = tokens
        needsMemo = tokens.filter { [.segmentRun, .folders, .anything].contains($0) }.count >= 3
    }

    /// Whether `path` (relative to the pattern's base folder, `/`-separated) matches.
    package func matches(_ path: String, isDirectory: Bool = false) -> Bool {
        var path = path
        return path.withUTF8 { matches(utf8: $0, isDirectory: isDirectory) }
    }

    /// `matches` on the path's UTF-8 bytes, for callers that already hold them.
    func matches(utf8 path: UnsafeBufferPointer<UInt8>, isDirectory: Bool) -> Bool {
        if directoryOnly && !isDirectory { return false }
        var path = path
        if lastComponentOnly, let slash = path.lastIndex(of: UInt8(ascii: "/")) {
            path = UnsafeBufferPointer(rebasing: path[(slash + 1)...])
        }
        var matcher = Matcher(tokens: tokens, path: path, memo: needsMemo ? Set() : nil)
        return matcher.match(0, 0)
    }

    private struct Matcher {
        let tokens: [Token]
        let path: UnsafeBufferPointer<UInt8>
        var memo: Set<Int>?

        mutating func match(_ token: Int, _ offset: Int) -> Bool {
            guard token < tokens.count else { return offset == path.count }
            let key = token &* (path.count + 1) &+ offset
            if memo?.contains(key) == true { return false }
            let matched = matchToken(token, offset)
            if !matched { memo?.insert(key) }
            return matched
        }

        private mutating func matchToken(_ token: Int, _ offset: Int) -> Bool {
            let slash = UInt8(ascii: "/")
            switch tokens[token] {
            case .literal(let bytes):
                guard offset + bytes.count <= path.count else { return false }
                for (index, byte) in bytes.enumerated() where path[offset + index] != byte { return false }
                return match(token + 1, offset + bytes.count)
            case .oneCharacter:
                guard offset < path.count, path[offset] != slash else { return false }
                return match(token + 1, offset + scalarLength(at: offset))
            case .characterClass(let set):
                guard offset < path.count else { return false }
                let length = scalarLength(at: offset)
                return set.contains(scalar(at: offset, length: length)) && match(token + 1, offset + length)
            case .segmentRun:
                var end = offset
                while true {
                    if match(token + 1, end) { return true }
                    guard end < path.count, path[end] != slash else { return false }
                    end += 1
                }
            case .anything:
                for end in offset...path.count where match(token + 1, end) { return true }
                return false
            case .folders:
                if match(token + 1, offset) { return true }
                for end in offset..<path.count where path[end] == slash {
                    if match(token + 1, end + 1) { return true }
                }
                return false
            }
        }

        private func scalarLength(at offset: Int) -> Int {
            let lead = path[offset]
            let length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            return min(length, path.count - offset)
        }

        private func scalar(at offset: Int, length: Int) -> UInt32 {
            guard length > 1 else { return UInt32(path[offset]) }
            var value = UInt32(path[offset]) & (0xFF >> (length + 1))
            for index in 1..<length { value = value << 6 | UInt32(path[offset + index] & 0x3F) }
            return value
        }
    }

    private static func tokenize(_ body: String, glob: String) throws -> [Token] {
        let characters = Array(body.unicodeScalars)
        var tokens: [Token] = []
        func appendLiteral(_ scalar: Unicode.Scalar) {
            let bytes = Array(String(scalar).utf8)
            if case .literal(let previous)? = tokens.last {
                tokens[tokens.count - 1] = .literal(previous + bytes)
            } else {
                tokens.append(.literal(bytes))
            }
        }
        var index = 0
        while index < characters.count {
            switch characters[index] {
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    index += 1
                    if index + 1 < characters.count, characters[index + 1] == "/" {
                        index += 1
                        tokens.append(.folders)
                    } else {
                        tokens.append(.anything)
                    }
                } else {
                    tokens.append(.segmentRun)
                }
            case "?":
                tokens.append(.oneCharacter)
            case "[":
                if let close = classEnd(characters, from: index) {
                    tokens.append(.characterClass(try characterClass(characters[(index + 1)..<close], glob: glob)))
                    index = close
                } else {
                    appendLiteral("[")
                }
            case "\\":
                if index + 1 < characters.count {
                    index += 1
                    appendLiteral(characters[index])
                }
            default:
                appendLiteral(characters[index])
            }
            index += 1
        }
        return tokens
    }

    /// The `]` closing the class opened at `open`, stepping over `[:name:]` members.
    private static func classEnd(_ characters: [Unicode.Scalar], from open: Int) -> Int? {
        var index = open + 1
        if index < characters.count, characters[index] == "!" || characters[index] == "^" { index += 1 }
        let first = index
        while index < characters.count {
            if characters[index] == "[", index + 1 < characters.count, characters[index + 1] == ":",
               let end = (index + 2..<characters.count).first(where: { characters[$0] == ":" && $0 + 1 < characters.count && characters[$0 + 1] == "]" }) {
                index = end + 2
                continue
            }
            if characters[index] == "]", index > first { return index }
            index += 1
        }
        return nil
    }

    private static let namedClasses: [String: [ClosedRange<UInt32>]] = [
        "alnum": [0x30...0x39, 0x41...0x5A, 0x61...0x7A], "alpha": [0x41...0x5A, 0x61...0x7A], "blank": [0x09...0x09, 0x20...0x20],
        "cntrl": [0x00...0x1F, 0x7F...0x7F], "digit": [0x30...0x39], "graph": [0x21...0x7E], "lower": [0x61...0x7A],
        "print": [0x20...0x7E], "punct": [0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E], "space": [0x09...0x0D, 0x20...0x20],
        "upper": [0x41...0x5A], "xdigit": [0x30...0x39, 0x41...0x46, 0x61...0x66],
    ]

    private static func characterClass(_ members: ArraySlice<Unicode.Scalar>, glob: String) throws -> CharacterClass {
        var members = Array(members)
        let negated = members.first == "!" || members.first == "^"
        if negated { members.removeFirst() }
        var ranges: [ClosedRange<UInt32>] = []
        var index = 0
        while index < members.count {
            if members[index] == "[", index + 1 < members.count, members[index + 1] == ":",
               let end = (index + 2..<members.count).first(where: { members[$0] == ":" && $0 + 1 < members.count && members[$0 + 1] == "]" }) {
                let name = String(String.UnicodeScalarView(members[(index + 2)..<end]))
                guard let named = namedClasses[name] else {
                    throw SecretsError(.configuration, "\"\(glob)\" is not a valid path pattern: [:\(name):] is not a character class; use alnum, alpha, digit, lower, upper, space, punct or xdigit")
                }
                ranges += named
                index = end + 2
                continue
            }
            var lower = members[index]
            if lower == "\\", index + 1 < members.count {
                index += 1
                lower = members[index]
            }
            if index + 2 < members.count, members[index + 1] == "-" {
                let upper = members[index + 2]
                guard lower.value <= upper.value else {
                    throw SecretsError(.configuration, "\"\(glob)\" is not a valid path pattern: the range \(lower)-\(upper) in [ ] runs backwards")
                }
                ranges.append(lower.value...upper.value)
                index += 3
            } else {
                ranges.append(lower.value...lower.value)
                index += 1
            }
        }
        return CharacterClass(ranges: ranges, negated: negated)
    }
}
