import Foundation

/// What a scan must not report, globally or for one rule: paths (globs), secret values matching
/// a regular expression, and secrets containing a stopword (`example`, `dummy`…).
package struct SecretAllowlist: Sendable {
    package var paths: [GlobPattern]
    package var regexes: [NSRegularExpression]
    package var stopwords: [String]
    /// Path regular expressions (gitleaks allowlists write paths this way).
    package var pathRegexes: [NSRegularExpression] = []

    package init(paths: [GlobPattern] = [], regexes: [NSRegularExpression] = [], stopwords: [String] = []) {
        self.paths = paths
        self.regexes = regexes
        self.stopwords = stopwords.map { $0.lowercased() }
    }

    /// Builds one from text, naming `field` in any error (e.g. `charter.yml: gates.secrets.allowlist.regexes[2]`).
    package init(paths: [String], regexes: [String], stopwords: [String], field: String) throws {
        self.init(
            paths: try paths.map { try GlobPattern($0) },
            regexes: try regexes.enumerated().map { index, text in
                do {
                    return try NSRegularExpression(pattern: text)
                } catch {
                    throw SecretsError(.configuration, "\(field).regexes[\(index)]: \"\(text)\" is not a valid regular expression")
                }
            },
            stopwords: stopwords)
    }

    package var isEmpty: Bool { paths.isEmpty && regexes.isEmpty && stopwords.isEmpty && pathRegexes.isEmpty }

    package func allows(path: String) -> Bool {
        paths.contains { $0.matches(path) }
            || pathRegexes.contains { $0.firstMatch(in: path, range: NSRange(path.startIndex..., in: path)) != nil }
    }

    package func allows(secret: String) -> Bool {
        let range = NSRange(secret.startIndex..., in: secret)
        if regexes.contains(where: { $0.firstMatch(in: secret, range: range) != nil }) { return true }
        guard !stopwords.isEmpty else { return false }
        let lowered = secret.lowercased()
        return stopwords.contains { lowered.contains($0) }
    }

    package mutating func merge(_ other: SecretAllowlist) {
        paths += other.paths
        regexes += other.regexes
        stopwords += other.stopwords
        pathRegexes += other.pathRegexes
    }
}

/// Lines a developer marked as reviewed: `charter:allow`, or `gitleaks:allow` for teams migrating.
package enum InlineAllow {
    static let markers = [Array("charter:allow".utf8), Array("gitleaks:allow".utf8)]

    static func isMarked(_ line: UnsafeRawBufferPointer) -> Bool {
        guard let base = line.baseAddress else { return false }
        // Every marker ends in ":allow"; memchr finds each colon, then the marker is compared.
        var offset = 0
        while offset < line.count, let colon = memchr(base + offset, 0x3A, line.count - offset) {
            let at = base.distance(to: UnsafeRawPointer(colon))
            for marker in markers where at >= marker.count - 6 && at + 6 <= line.count {
                let start = at - (marker.count - 6)
                if memcmp(base + start, marker, marker.count) == 0 { return true }
            }
            offset = at + 1
        }
        return false
    }
}
