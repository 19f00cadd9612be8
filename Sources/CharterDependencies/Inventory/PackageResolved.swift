import CharterCore
import Foundation

/// SwiftPM's `Package.resolved`, versions 1 to 3: each pinned package by its repository URL, as
/// OSV's `SwiftURL` ecosystem names packages (`github.com/apple/swift-nio`). A pin to a branch or
/// a bare revision has no version to match and is left out.
struct PackageResolved: LockfileExtractor {
    func handles(fileName: String) -> Bool { fileName == "Package.resolved" }

    func extract(_ bytes: [UInt8], path: String, read: (String) throws -> [UInt8]) throws(LockfileError) -> [Dependency] {
        let json = try LockfileError.parsingJSON(bytes, path: path)
        guard let pins = (json["pins"] ?? json["object"]?["pins"])?.arrayValue else {
            throw LockfileError(line: 1, "no \"pins\" list; is this a SwiftPM Package.resolved?")
        }
        let text = LockfileText(bytes)
        return pins.compactMap { pin -> Dependency? in
            guard let location = (pin["location"] ?? pin["repositoryURL"])?.stringValue,
                  let version = pin["state"]?["version"]?.stringValue else { return nil }
            let name = Self.packageName(location)
            return Dependency(.swiftURL, name: name, version: version, path: path, line: text.line(containing: location) ?? 1, direct: nil)
        }
    }

    /// `https://github.com/apple/swift-nio.git` → `github.com/apple/swift-nio`; `git@host:org/x.git` too.
    static func packageName(_ location: String) -> String {
        var name = Substring(location)
        if let scheme = name.range(of: "://") { name = name[scheme.upperBound...] }
        if let at = name.firstIndex(of: "@"), !name[..<at].contains("/") { name = name[name.index(after: at)...] }
        if let colon = name.firstIndex(of: ":"), !name[..<colon].contains("/") { name.replaceSubrange(colon...colon, with: "/") }
        if name.hasSuffix(".git") { name = name.dropLast(4) }
        if name.hasSuffix("/") { name = name.dropLast() }
        return String(name)
    }
}
