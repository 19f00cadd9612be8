/// Between a dependency and its Package URL: each ecosystem's namespace, name and case rules
/// (purl-spec's PURL-TYPES), and a distribution's release as the `distro` qualifier.
extension PackageURL {
    /// The Package URL of `dependency`; an ecosystem Charter does not know is written `generic`.
    init(_ dependency: Dependency) {
        guard let ecosystem = dependency.knownEcosystem else {
            self.init(type: "generic", name: dependency.name, version: dependency.version)
            return
        }
        let name = dependency.name
        var qualifiers: [String: String] = [:]
        var parts: (namespace: [String], name: String)
        switch ecosystem {
        case .pypi:
            parts = ([], ecosystem.normalizedName(name))
        case .npm where name.hasPrefix("@"):
            parts = Self.split(name, at: "/")
        case .go, .swiftURL:
            let segments = name.split(separator: "/").map(String.init)
            parts = (Array(segments.dropLast()), segments.last ?? name)
        case .maven:
            parts = Self.split(name, at: ":")
        case .packagist:
            parts = Self.split(name.lowercased(), at: "/")
        case .debian, .alpine:
            parts = ([ecosystem == .debian ? "debian" : "alpine"], name.lowercased())
            if let release = dependency.release { qualifiers["distro"] = Self.distro(ecosystem, release: release) }
        case .hex, .pub:
            parts = ([], name.lowercased())
        case .conanCenter, .cran, .cratesIO, .npm, .nuget, .rubyGems:
            parts = ([], name)
        }
        self.init(type: ecosystem.purlType, namespace: parts.namespace, name: parts.name, version: dependency.version, qualifiers: qualifiers)
    }

    /// The dependency this Package URL names, found at `path`:`line`; nil when it has no version
    /// or its type (or a distribution's vendor, such as `deb/ubuntu`) is no ecosystem Charter
    /// matches; `unsupportedKind` then names what it is.
    func dependency(path: String, line: Int) -> Dependency? {
        guard let version, let ecosystem = Ecosystem.allCases.first(where: { $0.purlType == type }) else { return nil }
        let joined = (namespace + [name]).joined(separator: "/")
        switch ecosystem {
        case .maven:
            guard let group = namespace.first else { return nil }
            return Dependency(.maven, name: "\(group):\(name)", version: version, path: path, line: line)
        case .debian, .alpine:
            guard namespace == [ecosystem == .debian ? "debian" : "alpine"] else { return nil }
            // SBOM tools name the binary package and give its source as `upstream`
            // (`openssl` or `openssl@3.0.11-1`); the distributions' advisories name the source.
            var source = (name: name, version: version)
            if let upstream = qualifiers["upstream"], !upstream.isEmpty {
                let parts = upstream.split(separator: "@", maxSplits: 1).map(String.init)
                source = (parts[0], parts.count > 1 ? parts[1] : version)
            }
            let release = qualifiers["distro"].flatMap { Self.release(ecosystem, distro: $0) }
            return Dependency(ecosystem, release: release, name: source.name, version: source.version, path: path, line: line)
        case .npm, .go, .swiftURL, .packagist:
            return Dependency(ecosystem, name: joined, version: version, path: path, line: line)
        case .conanCenter, .cran, .cratesIO, .hex, .nuget, .pub, .pypi, .rubyGems:
            // Hex's optional namespace is a private organisation, not hex.pm's public package.
            guard namespace.isEmpty || ecosystem == .conanCenter else { return nil }
            return Dependency(ecosystem, name: name, version: version, path: path, line: line)
        }
    }

    /// What an SBOM's package is, for the count of those Charter passes over: the type, with the
    /// vendor for distribution packages (`deb/ubuntu`), or `npm without a version`.
    var unsupportedKind: String {
        if version == nil { return "\(type) without a version" }
        if (type == "deb" || type == "apk"), let vendor = namespace.first { return "\(type)/\(vendor)" }
        return type
    }

    private static func split(_ name: String, at separator: Character) -> (namespace: [String], name: String) {
        guard let index = name.firstIndex(of: separator) else { return ([], name) }
        return ([String(name[..<index])], String(name[name.index(after: index)...]))
    }

    /// The `distro` qualifier of a release: `debian-12`, `alpine-3.18` (from OSV's `v3.18`).
    private static func distro(_ ecosystem: Ecosystem, release: String) -> String {
        ecosystem == .debian ? "debian-\(release)" : "alpine-\(release.hasPrefix("v") ? String(release.dropFirst()) : release)"
    }

    /// The OSV release suffix a `distro` qualifier names: `debian-12`, `12`, `bookworm` → `12`;
    /// `alpine-3.18.4`, `3.18` → `v3.18`. nil when it names no release this way.
    static func release(_ ecosystem: Ecosystem, distro: String) -> String? {
        var text = Substring(distro.lowercased())
        let vendor = ecosystem == .debian ? "debian" : "alpine"
        if text.hasPrefix(vendor + "-") { text = text.dropFirst(vendor.count + 1) }
        if ecosystem == .debian {
            if let number = debianCodenames[String(text)] { return number }
            let major = text.prefix { $0.isNumber }
            return major.isEmpty ? nil : String(major)
        }
        if text.hasPrefix("v") { text = text.dropFirst() }
        let numbers = text.split(separator: ".", omittingEmptySubsequences: false)
        guard numbers.count >= 2, let major = Int(numbers[0]), let minor = Int(numbers[1].prefix { $0.isNumber }) else { return nil }
        return "v\(major).\(minor)"
    }

    private static let debianCodenames = [
        "jessie": "8", "stretch": "9", "buster": "10", "bullseye": "11", "bookworm": "12", "trixie": "13", "forky": "14",
    ]
}
