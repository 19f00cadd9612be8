/// The package ecosystems Charter matches advisories for, named as OSV names them, each with
/// the version ordering its own tooling uses.
package enum Ecosystem: String, Sendable, CaseIterable {
    case alpine = "Alpine"
    case conanCenter = "ConanCenter"
    case cran = "CRAN"
    case cratesIO = "crates.io"
    case debian = "Debian"
    case go = "Go"
    case hex = "Hex"
    case maven = "Maven"
    case npm
    case nuget = "NuGet"
    case packagist = "Packagist"
    case pub = "Pub"
    case pypi = "PyPI"
    case rubyGems = "RubyGems"
    case swiftURL = "SwiftURL"

    /// The ecosystem an OSV `package.ecosystem` names; a suffix such as `Debian:12` or
    /// `PyPI:legacy` keeps the ecosystem before the colon.
    package init?(osvName: String) {
        let base = osvName.split(separator: ":", maxSplits: 1).first.map(String.init) ?? osvName
        self.init(rawValue: base)
    }

    /// The release after an OSV ecosystem name's colon (`12` in `Debian:12`), if any.
    package static func release(ofOSVName osvName: String) -> String? {
        osvName.firstIndex(of: ":").map { String(osvName[osvName.index(after: $0)...]) }
    }

    /// The ordering of this ecosystem's versions (OSV `ECOSYSTEM` ranges).
    package var scheme: any VersionScheme {
        switch self {
        case .cratesIO, .npm, .swiftURL: SemanticVersionScheme()
        case .go: GoVersionScheme()
        case .pypi: PEP440VersionScheme()
        case .alpine: AlpineVersionScheme()
        case .conanCenter: ConanVersionScheme()
        case .cran: CRANVersionScheme()
        case .debian: DebianVersionScheme()
        case .hex: HexVersionScheme()
        case .maven: MavenVersionScheme()
        case .nuget: NuGetVersionScheme()
        case .packagist: ComposerVersionScheme()
        case .pub: PubVersionScheme()
        case .rubyGems: RubyGemsVersionScheme()
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
        case .alpine: "apk"
        case .conanCenter: "conan"
        case .cran: "cran"
        case .cratesIO: "cargo"
        case .debian: "deb"
        case .go: "golang"
        case .hex: "hex"
        case .maven: "maven"
        case .npm: "npm"
        case .nuget: "nuget"
        case .packagist: "composer"
        case .pub: "pub"
        case .pypi: "pypi"
        case .rubyGems: "gem"
        case .swiftURL: "swift"
        }
    }

    /// How a package name is compared: PyPI's is normalised (PEP 503); NuGet ids, Composer
    /// names and repository URLs ignore case; the others are exact.
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
        case .swiftURL, .nuget, .packagist:
            return name.lowercased()
        case .alpine, .conanCenter, .cran, .cratesIO, .debian, .go, .hex, .maven, .npm, .pub, .rubyGems:
            return name
        }
    }
}
