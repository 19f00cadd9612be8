import Foundation

/// A root filesystem's os-release(5): which distribution its package database belongs to and
/// which release, since OSV keys the distributions' advisories by release (`Debian:12`,
/// `Alpine:v3.18`).
struct OSRelease {
    let id: String?
    let versionID: String?

    init(_ bytes: [UInt8]) {
        var values: [String: String] = [:]
        for line in LockfileText(bytes).lines {
            let trimmed = line.trimmedSpaces
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let value = String(trimmed[trimmed.index(after: equals)...]).trimmingQuotes.trimmingSingleQuotes
            values[String(trimmed[..<equals])] = value
        }
        id = values["ID"]?.lowercased()
        versionID = values["VERSION_ID"]
    }

    /// The os-release of the system whose root is `root` (empty, `/`, or a folder ending in
    /// `/`): `etc/os-release`, else `usr/lib/os-release`, as os-release(5) orders them; nil
    /// when neither can be read.
    static func of(root: String, read: (String) throws -> [UInt8]) -> OSRelease? {
        for candidate in ["etc/os-release", "usr/lib/os-release"] {
            if let bytes = try? read(root + candidate) { return OSRelease(bytes) }
        }
        return nil
    }

    /// The release suffix for `ecosystem`'s advisories (`12`; `v3.18` from `3.18.4`), nil when
    /// the file gives no release (Debian testing). A different distribution is an error: its
    /// versions and fixes are not Debian's or Alpine's, so matching them would judge wrongly.
    func release(for ecosystem: Ecosystem, database: String) throws(LockfileError) -> String? {
        let expected = ecosystem == .debian ? "debian" : "alpine"
        if let id, id != expected {
            throw LockfileError("os-release says this system is \(id), not \(expected); Charter judges \(database) against \(ecosystem.rawValue)'s advisories only, which would misjudge \(id)'s packages. Scan it with a tool that knows \(id)'s advisories, or accept this file in the policy")
        }
        guard let versionID else { return nil }
        if ecosystem == .debian {
            let major = versionID.prefix { $0.isNumber }
            return major.isEmpty ? nil : String(major)
        }
        return PackageURL.release(.alpine, distro: versionID)
    }

    /// The folder a package database at `path` sits in as a system root: `images/web/` for
    /// `images/web/var/lib/dpkg/status`, `` for `var/lib/dpkg/status`, `/` for `/var/lib/dpkg/status`.
    static func root(of path: String, databaseFolder: String) -> String? {
        if path.hasPrefix(databaseFolder) { return "" }
        guard let range = path.range(of: "/" + databaseFolder, options: .backwards) else { return nil }
        return String(path[...range.lowerBound])
    }
}
