import Foundation

/// The `.gitignore` and `.charterignore` patterns in force in one folder: its own files' rules
/// after its ancestors', so the last matching rule wins, as git decides.
package struct IgnoreRules: Sendable {
    struct Rule: Sendable {
        /// The folder that declared it, relative to the root ("" for the root).
        let base: String
        let pattern: GlobPattern
        let negated: Bool
        /// `base` and a `/`: what a path must start with for the rule to apply.
        let prefix: [UInt8]

        init(base: String, pattern: GlobPattern, negated: Bool) {
            self.base = base
            self.pattern = pattern
            self.negated = negated
            prefix = base.isEmpty ? [] : Array((base + "/").utf8)
        }
    }

    private(set) var rules: [Rule] = []

    package init() {}

    /// Adds the rules of the ignore files in `folder` (relative path `base`).
    package mutating func load(folder: String, base: String, files: [String]) {
        for name in files {
            guard let data = FileManager.default.contents(atPath: folder + "/" + name) else { continue }
            add(String(decoding: data, as: UTF8.self), base: base)
        }
    }

    package mutating func add(_ text: String, base: String) {
        // "\r\n" is one Character in Swift: split on any newline so CRLF files work.
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            while line.hasSuffix(" ") && !line.hasSuffix("\\ ") { line.removeLast() }
            guard !line.isEmpty, !line.hasPrefix("#") else { continue }
            var negated = false
            if line.hasPrefix("!") {
                negated = true
                line.removeFirst()
            } else if line.hasPrefix("\\!") || line.hasPrefix("\\#") {
                line.removeFirst()
            }
            // A malformed line is ignored, as git ignores it, rather than failing the scan.
            guard let pattern = try? GlobPattern(line) else { continue }
            rules.append(Rule(base: base, pattern: pattern, negated: negated))
        }
    }

    /// Whether `path` (relative to the root) is ignored.
    package func isIgnored(_ path: String, isDirectory: Bool) -> Bool {
        guard !rules.isEmpty else { return false }
        var path = path
        return path.withUTF8 { bytes in
            var ignored = false
            for rule in rules where ignored == rule.negated {
                guard bytes.count > rule.prefix.count, bytes.starts(with: rule.prefix) else { continue }
                if rule.pattern.matches(utf8: UnsafeBufferPointer(rebasing: bytes[rule.prefix.count...]), isDirectory: isDirectory) {
                    ignored = !rule.negated
                }
            }
            return ignored
        }
    }
}
