import Foundation

/// One package version a repository depends on, as a lockfile or manifest records it.
package struct Dependency: Sendable, Hashable, Codable {
    /// The ecosystem as OSV names it, with the distribution release after a colon when the
    /// advisories depend on it (`Debian:12`, `Alpine:v3.18`).
    package let ecosystem: String
    package let name: String
    package let version: String
    /// The lockfile, relative to the scanned root, and the 1-based line the package is on.
    package let path: String
    package let line: Int
    /// Whether the project asks for it itself (true), only through another package (false), or
    /// the format does not say (nil).
    package let direct: Bool?

    package init(_ ecosystem: Ecosystem, name: String, version: String, path: String, line: Int, direct: Bool? = nil) {
        self.init(ecosystem, release: nil, name: name, version: version, path: path, line: line, direct: direct)
    }

    /// A package of a distribution whose advisories are per release: `release` (`12`, `v3.18`)
    /// is written after the ecosystem, as OSV writes it; nil when the release is not known.
    package init(_ ecosystem: Ecosystem, release: String?, name: String, version: String, path: String, line: Int, direct: Bool? = nil) {
        self.ecosystem = release.map { "\(ecosystem.rawValue):\($0)" } ?? ecosystem.rawValue
        self.name = name
        self.version = version
        self.path = path
        self.line = line
        self.direct = direct
    }

    /// The ecosystem without its release, when Charter knows it.
    package var knownEcosystem: Ecosystem? { Ecosystem(osvName: ecosystem) }

    /// The distribution release after the ecosystem's colon (`12` in `Debian:12`), if any.
    package var release: String? {
        Ecosystem.release(ofOSVName: ecosystem)
    }

    /// The Package URL (https://github.com/package-url/purl-spec), e.g. `pkg:pypi/django@4.2.1`.
    package var purl: String {
        PackageURL(self).description
    }
}

/// A lockfile that could not be read as its format says: the gate fails closed on it unless the
/// policy says otherwise, and the other lockfiles are still scanned.
package struct LockfileProblem: Sendable, Hashable, Codable {
    package let path: String
    package let line: Int?
    package let message: String
}

/// Packages of one kind (a purl type such as `docker`) that a lockfile lists but that no
/// ecosystem Charter matches covers.
package struct UnsupportedPackages: Sendable, Hashable, Codable {
    package let path: String
    package let kind: String
    package let count: Int
}
