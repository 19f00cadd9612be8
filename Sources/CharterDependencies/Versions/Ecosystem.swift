/// The package ecosystems Charter matches advisories for, named as OSV names them, each with
/// the version ordering its own tooling uses.
package enum Ecosystem: String, Sendable, CaseIterable {
    case cratesIO = "crates.io"
    case go = "Go"
    case npm
    case pypi = "PyPI"
    case swiftURL = "SwiftURL"

    /// The ecosystem an OSV `package.ecosystem` names; a suffix such as `Debian:12` or
    /// `PyPI:legacy` keeps the ecosystem before the colon.
    package init?(osvName: String) {
        let base = osvName.split(separator: ":", maxSplits: 1).first.map(String.init) ?? osvName
        self.init(rawValue: base)
    }

    /// The ordering of this ecosystem's versions (OSV `ECOSYSTEM` ranges).
    package var scheme: any VersionScheme {
        switch self {
        case .cratesIO, .npm, .swiftURL: SemanticVersionScheme()
        case .go: GoVersionScheme()
        case .pypi: PEP440VersionScheme()
        }
    }

    /// The ordering of OSV `SEMVER` ranges for this ecosystem: Semantic Versioning, read the way
    /// the ecosystem writes versions (Go's toolchain versions such as `1.20` included).
    package var semverScheme: any VersionScheme {
        self == .go ? GoVersionScheme() : SemanticVersionScheme()
    }

    /// The Package URL type (purl-spec) for this ecosystem.
    package var purlType: String {
        switch self {
        case .cratesIO: "cargo"
        case .go: "golang"
        case .npm: "npm"
        case .pypi: "pypi"
        case .swiftURL: "swift"
        }
    }

    /// How a package name is compared: PyPI's is normalised (PEP 503), a repository URL's case
    /// ignored, the others exact.
    package func normalizedName(_ name: String) -> String {
        switch self {
        case .pypi:
            var normalized = ""
            var lastWasSeparator = false
            for character in name.lowercased() {
                if character == "-" || character == "_" || character == "." {
                    if !lastWasSeparator { normalized.append("-") }
                    lastWasSeparator = true
                } else {
                    normalized.append(character)
                    lastWasSeparator = false
                }
            }
            return normalized
        case .swiftURL:
            return name.lowercased()
        case .cratesIO, .go, .npm:
            return name
        }
    }
}
