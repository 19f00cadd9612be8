extension StringProtocol {
    /// Without leading and trailing spaces and tabs. Foundation's `trimmingCharacters` bridges
    /// through NSString, which showed up as the largest cost of reading lockfiles and versions.
    var trimmedSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension String {
    /// Without one pair of surrounding double quotes.
    var trimmingQuotes: String {
        count >= 2 && hasPrefix("\"") && hasSuffix("\"") ? String(dropFirst().dropLast()) : self
    }

    /// Without one pair of surrounding single quotes (YAML's other quoting).
    var trimmingSingleQuotes: String {
        count >= 2 && hasPrefix("'") && hasSuffix("'") ? String(dropFirst().dropLast()) : self
    }
}
