/// Hex (Erlang and Elixir) versions, which Elixir's `Version` reads as strict Semantic
/// Versioning 2.0.0: exactly `MAJOR.MINOR.PATCH`, no leading zeros in numbers (pre-release
/// numbers included), no `v` prefix; build metadata is accepted and ignored.
package struct HexVersionScheme: VersionScheme {
    package init() {}

    package func parse(_ text: String) -> SemanticVersion? {
        guard Self.isStrict(text), let version = SemanticVersion(text) else { return nil }
        return version
    }

    package func canonical(_ text: String) -> String { parse(text)?.precedenceKey ?? text }

    /// The checks `SemanticVersion` leaves to the ecosystem: the text begins with a digit, no
    /// numeric identifier of the version or its pre-release has a leading zero, and build
    /// metadata is made of identifiers.
    private static func isStrict(_ text: String) -> Bool {
        guard let first = text.utf8.first, first >= UInt8(ascii: "0"), first <= UInt8(ascii: "9") else { return false }
        let withoutBuild = text.prefix { $0 != "+" }
        if withoutBuild.count < text.count {
            let build = text.dropFirst(withoutBuild.count + 1).split(separator: ".", omittingEmptySubsequences: false)
            guard build.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } }) else { return false }
        }
        let release = withoutBuild.prefix { $0 != "-" }
        let prerelease = withoutBuild.dropFirst(release.count + 1)
        let numbers = release.split(separator: ".", omittingEmptySubsequences: false)
            + prerelease.split(separator: ".", omittingEmptySubsequences: false).filter(NumericText.isDigits)
        return !numbers.contains { $0.count > 1 && $0.first == "0" }
    }
}
