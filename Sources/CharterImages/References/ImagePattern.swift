/// One entry of a base-image allow-list: a registry and a repository path in which a component
/// may be a glob, optionally pinned to one digest.
///
/// - `*` inside a component matches any run of characters within that one component:
///   `registry.example.com/base/*` matches `registry.example.com/base/python` but not
///   `registry.example.com/base/python/slim`; `base/python-*` matches `base/python-3.12`.
/// - `**` as a whole component matches any number of components. At the end of a pattern it needs
///   at least one (`gcr.io/distroless/**` matches `gcr.io/distroless/static` and
///   `gcr.io/distroless/java/base`, not a repository named `gcr.io/distroless`); elsewhere it may
///   match none (`ghcr.io/acme/**/base` matches `ghcr.io/acme/base`).
/// - The registry is written out and compared without regard to case; it takes no wildcards, so
///   an allow-list never approves a registry by accident. A pattern without a registry is on
///   Docker Hub and one-component names gain `library/`, exactly as references do: `debian`
///   means `docker.io/library/debian`.
/// - `@sha256:<hex>` restricts the pattern to that one image. Tags are rejected: a pattern names
///   repositories, and "approved" must not hinge on a movable tag.
package struct ImagePattern: Sendable, Hashable, CustomStringConvertible {
    enum Component: Sendable, Hashable {
        case literal(String)
        /// The literal pieces between `*`s.
        case wildcard([String])
        case anyDepth
    }

    /// The pattern as written in the policy.
    package let source: String
    /// Lowercased, because registry host names are case-insensitive.
    package let registry: String
    let components: [Component]
    package let digest: ImageDigest?

    package init(_ text: String) throws(ImageReferenceError) {
        guard !text.isEmpty else { throw ImageReferenceError(text, .empty) }
        var body = Substring(text)
        var digest: ImageDigest?
        if let at = body.firstIndex(of: "@") {
            digest = try ImageDigest(parsing: body[body.index(after: at)...], in: text)
            body = body[..<at]
        }
        let (registry, path) = try ImageReference.splitRegistry(body, in: text)
        if let colon = path.firstIndex(of: ":") {
            throw ImageReferenceError(text, .tagInPattern(String(path[path.index(after: colon)...])))
        }
        if path.utf8.contains(where: DockerBytes.isUppercase) {
            throw ImageReferenceError(text, .uppercaseRepository(String(path)))
        }
        var components: [Component] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            components.append(try Self.component(part, in: text))
        }
        source = text
        self.registry = registry.lowercased()
        self.components = components
        self.digest = digest
    }

    package var description: String { source }

    package func matches(_ reference: ImageReference) -> Bool {
        let path = reference.repository.split(separator: "/", omittingEmptySubsequences: false)
        return matches(registry: reference.registry.lowercased(), path: path, digest: reference.digest)
    }

    /// `matches` with the reference's parts prepared once for a whole allow-list.
    func matches(registry: String, path: [Substring], digest: ImageDigest?) -> Bool {
        guard registry == self.registry else { return false }
        if let pinned = self.digest, pinned != digest { return false }
        return Self.match(components[...], path[...])
    }

    private static func component(_ part: Substring, in text: String) throws(ImageReferenceError) -> Component {
        guard !part.isEmpty else { throw ImageReferenceError(text, .emptyPathComponent) }
        if part == "**" { return .anyDepth }
        if part.contains("*") {
            let pieces = part.split(separator: "*", omittingEmptySubsequences: false)
            let allowed = pieces.allSatisfy { piece in
                piece.utf8.allSatisfy { DockerBytes.isLowercase($0) || DockerBytes.isDigit($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
            }
            guard allowed, !part.contains("**") else { throw ImageReferenceError(text, .invalidPatternComponent(String(part))) }
            return .wildcard(pieces.map(String.init))
        }
        guard ImageReference.isPathComponent(part) else { throw ImageReferenceError(text, .invalidPathComponent(String(part))) }
        return .literal(String(part))
    }

    private static func match(_ pattern: ArraySlice<Component>, _ path: ArraySlice<Substring>) -> Bool {
        guard let first = pattern.first else { return path.isEmpty }
        let rest = pattern.dropFirst()
        switch first {
        case .anyDepth:
            let minimum = rest.isEmpty ? 1 : 0
            guard path.count >= minimum else { return false }
            return (minimum...path.count).contains { match(rest, path.dropFirst($0)) }
        case .literal(let literal):
            guard let component = path.first, component == literal else { return false }
            return match(rest, path.dropFirst())
        case .wildcard(let pieces):
            guard let component = path.first, matchesWildcard(pieces, component) else { return false }
            return match(rest, path.dropFirst())
        }
    }

    /// The component starts with the first piece, ends with the last, and holds the ones between
    /// in order (the `*`s stand for whatever is left).
    private static func matchesWildcard(_ pieces: [String], _ component: Substring) -> Bool {
        guard let head = pieces.first, let tail = pieces.last, component.hasPrefix(head) else { return false }
        var remaining = component.dropFirst(head.count)
        guard remaining.count >= tail.count, remaining.hasSuffix(tail) else { return false }
        remaining = remaining.dropLast(tail.count)
        for piece in pieces.dropFirst().dropLast() where !piece.isEmpty {
            guard let found = remaining.range(of: piece) else { return false }
            remaining = remaining[found.upperBound...]
        }
        return true
    }
}
