import Foundation

/// A gitignore-style glob: `*` and `?` within one path segment, `**` across segments, `[a-z]`
/// classes, a leading or inner `/` anchors it to its base folder, a trailing `/` matches folders only.
package struct GlobPattern: Sendable {
    package let source: String
    package let directoryOnly: Bool
    private let regex: NSRegularExpression

    package init(_ glob: String) throws {
        source = glob
        var body = glob
        directoryOnly = body.hasSuffix("/") && body.count > 1
        if directoryOnly { body.removeLast() }
        let anchored = body.dropLast().contains("/")
        if body.hasPrefix("/") { body.removeFirst() }
        let translated = Self.translate(body)
        let expression = anchored ? "^" + translated + "$" : "^(?:.*/)?" + translated + "$"
        do {
            regex = try NSRegularExpression(pattern: expression, options: [])
        } catch {
            throw SecretsError(.configuration, "\"\(glob)\" is not a valid path pattern: check its [ ] classes")
        }
    }

    /// Whether `path` (relative to the pattern's base folder, `/`-separated) matches.
    package func matches(_ path: String, isDirectory: Bool = false) -> Bool {
        if directoryOnly && !isDirectory { return false }
        return regex.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil
    }

    private static func translate(_ glob: String) -> String {
        let characters = Array(glob)
        var output = ""
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "*":
                if index + 1 < characters.count, characters[index + 1] == "*" {
                    index += 1
                    if index + 1 < characters.count, characters[index + 1] == "/" {
                        index += 1
                        output += "(?:.*/)?"
                    } else {
                        output += ".*"
                    }
                } else {
                    output += "[^/]*"
                }
            case "?":
                output += "[^/]"
            case "[":
                if let close = characters[(index + 1)...].firstIndex(of: "]"), close > index + 1 {
                    var members = String(characters[(index + 1)..<close])
                    if members.hasPrefix("!") { members = "^" + members.dropFirst() }
                    output += "[" + members.replacingOccurrences(of: "\\", with: "\\\\") + "]"
                    index = close
                } else {
                    output += "\\["
                }
            case "\\":
                if index + 1 < characters.count {
                    index += 1
                    output += NSRegularExpression.escapedPattern(for: String(characters[index]))
                }
            default:
                output += NSRegularExpression.escapedPattern(for: String(character))
            }
            index += 1
        }
        return output
    }
}
