/// A Semantic Versioning 2.0.0 version, as crates.io, npm and OSV `SEMVER` ranges use it:
/// precedence by major, minor and patch numerically, a pre-release below its release,
/// pre-release identifiers numeric-before-alphanumeric, build metadata ignored.
package struct SemanticVersion: Comparable, Sendable, CustomStringConvertible {
    package let core: [Substring]
    package let prerelease: [Substring]
    package let build: Substring?

    /// Parses `1.2.3`, `1.2.3-rc.1+build.5`; a leading `v` or `=` is accepted, as npm and Go write
    /// versions. Components must be digits; leading zeros are tolerated (npm's loose mode).
    package init?(_ text: String) {
        var body = Substring(text.trimmedSpaces)
        if body.first == "v" || body.first == "V" || body.first == "=" { body = body.dropFirst() }
        var buildPart: Substring?
        if let plus = body.firstIndex(of: "+") {
            buildPart = body[body.index(after: plus)...]
            body = body[..<plus]
        }
        var pre: [Substring] = []
        if let dash = body.firstIndex(of: "-") {
            pre = body[body.index(after: dash)...].split(separator: ".", omittingEmptySubsequences: false)
            body = body[..<dash]
            guard !pre.isEmpty, pre.allSatisfy({ !$0.isEmpty && $0.allSatisfy(Self.isIdentifierCharacter) }) else { return nil }
        }
        let numbers = body.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count == 3, numbers.allSatisfy(NumericText.isDigits) else { return nil }
        core = numbers
        prerelease = pre
        build = buildPart
    }

    private static func isIdentifierCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-")
    }

    /// The same for versions of equal precedence: numbers without leading zeros, no build metadata.
    var precedenceKey: String {
        core.map { String($0.drop { $0 == "0" }) }.joined(separator: ".") + (prerelease.isEmpty ? "" : "-" + prerelease.map { NumericText.isDigits($0) ? String($0.drop { $0 == "0" }) : String($0) }.joined(separator: "."))
    }

    package var description: String {
        core.joined(separator: ".") + (prerelease.isEmpty ? "" : "-" + prerelease.joined(separator: ".")) + (build.map { "+" + $0 } ?? "")
    }

    package static func == (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) == 0 }
    package static func < (lhs: Self, rhs: Self) -> Bool { compare(lhs, rhs) < 0 }

    static func compare(_ lhs: Self, _ rhs: Self) -> Int {
        for (left, right) in zip(lhs.core, rhs.core) {
            let order = NumericText.compare(left, right)
            if order != 0 { return order }
        }
        switch (lhs.prerelease.isEmpty, rhs.prerelease.isEmpty) {
        case (true, true): return 0
        case (true, false): return 1
        case (false, true): return -1
        case (false, false): break
        }
        for (left, right) in zip(lhs.prerelease, rhs.prerelease) {
            let order = compareIdentifier(left, right)
            if order != 0 { return order }
        }
        return lhs.prerelease.count == rhs.prerelease.count ? 0 : (lhs.prerelease.count < rhs.prerelease.count ? -1 : 1)
    }

    private static func compareIdentifier(_ lhs: Substring, _ rhs: Substring) -> Int {
        switch (NumericText.isDigits(lhs), NumericText.isDigits(rhs)) {
        case (true, true): return NumericText.compare(lhs, rhs)
        case (true, false): return -1
        case (false, true): return 1
        case (false, false): return lhs == rhs ? 0 : (lhs.utf8.lexicographicallyPrecedes(rhs.utf8) ? -1 : 1)
        }
    }
}

/// crates.io and npm versions, and OSV `SEMVER` ranges of any ecosystem.
package struct SemanticVersionScheme: VersionScheme {
    package init() {}
    package func parse(_ text: String) -> SemanticVersion? { SemanticVersion(text) }
    package func canonical(_ text: String) -> String { parse(text)?.precedenceKey ?? text }
}

/// Go module versions: semantic versions written with a `v`, where `+incompatible` marks a
/// major version without a module path suffix and pseudo-versions
/// (`v0.0.0-20191109021931-daa7c04131f5`) are pre-releases that order by their timestamp.
///
/// The toolchain's own versions (the `stdlib` module: `1.20`, `go1.21.5`, `1.22rc1`) are read the
/// way the Go vulnerability database writes them: `1.20.0`, `1.21.5`, `1.22.0-rc.1`.
package struct GoVersionScheme: VersionScheme {
    package init() {}

    package func parse(_ text: String) -> SemanticVersion? {
        if let version = SemanticVersion(text) { return version }
        return Self.toolchain(text).flatMap(SemanticVersion.init)
    }

    package func canonical(_ text: String) -> String { parse(text)?.precedenceKey ?? text }

    /// `go1.21rc2` → `1.21.0-rc.2`; nil when `text` is not a toolchain version either.
    static func toolchain(_ text: String) -> String? {
        var body = Substring(text)
        if body.hasPrefix("go") { body = body.dropFirst(2) }
        var prerelease = ""
        for marker in ["rc", "beta", "alpha"] {
            if let range = body.range(of: marker) {
                let number = body[range.upperBound...]
                guard NumericText.isDigits(number) else { return nil }
                prerelease = "-\(marker).\(number)"
                body = body[..<range.lowerBound]
                break
            }
        }
        var parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts.allSatisfy(NumericText.isDigits) else { return nil }
        while parts.count < 3 { parts.append("0") }
        return parts.joined(separator: ".") + prerelease
    }
}
