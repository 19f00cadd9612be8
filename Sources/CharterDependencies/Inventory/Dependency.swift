import Foundation

/// One package version a repository depends on, as a lockfile or manifest records it.
package struct Dependency: Sendable, Hashable, Codable {
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
        self.ecosystem = ecosystem.rawValue
        self.name = name
        self.version = version
        self.path = path
        self.line = line
        self.direct = direct
    }

    /// The Package URL (https://github.com/package-url/purl-spec), e.g. `pkg:pypi/django@4.2.1`.
    package var purl: String {
        guard let ecosystem = Ecosystem(rawValue: ecosystem) else { return "pkg:generic/\(Self.escape(name))@\(Self.escape(version))" }
        var namespaceAndName: String
        switch ecosystem {
        case .pypi:
            namespaceAndName = Self.escape(ecosystem.normalizedName(name))
        case .npm where name.hasPrefix("@"):
            let parts = name.split(separator: "/", maxSplits: 1)
            namespaceAndName = Self.escape(String(parts[0])) + "/" + Self.escape(String(parts.count > 1 ? parts[1] : ""))
        case .go, .swiftURL:
            namespaceAndName = name.split(separator: "/").map { Self.escape(String($0)) }.joined(separator: "/")
        default:
            namespaceAndName = Self.escape(name)
        }
        return "pkg:\(ecosystem.purlType)/\(namespaceAndName)@\(Self.escape(version))"
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_~")

    private static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }
}

/// A lockfile that could not be read as its format says: the gate fails closed on it unless the
/// policy says otherwise, and the other lockfiles are still scanned.
package struct LockfileProblem: Sendable, Hashable, Codable {
    package let path: String
    package let line: Int?
    package let message: String
}
