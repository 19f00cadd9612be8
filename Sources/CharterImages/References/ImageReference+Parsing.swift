/// The reference grammar Docker uses (the distribution project's `reference` package):
///
///     reference  := name [":" tag] ["@" digest]
///     name       := [registry "/"] path
///     registry   := host [":" port]           host: DNS name, IPv4, or "[" IPv6 "]"
///     path       := component ("/" component)*
///     component  := [a-z0-9]+ (separator [a-z0-9]+)*     separator: "." | "_" | "__" | "-"+
///     tag        := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
///     digest     := algorithm ":" hex             sha256 (64), sha384 (96) or sha512 (128) lowercase hex
///
/// The first path segment is a registry only when it contains `.` or `:`, is `localhost`, or has
/// an uppercase letter; otherwise the name is on Docker Hub (`docker.io`), and a one-component
/// Docker Hub name gains the `library/` prefix. `index.docker.io` is read as `docker.io`. The
/// whole name may be at most 255 characters.
extension ImageReference {
    static let maximumNameLength = 255
    static let maximumTagLength = 128

    package init(parsing text: String) throws(ImageReferenceError) {
        guard !text.isEmpty else { throw ImageReferenceError(text, .empty) }
        if text.utf8.count == 64, text.utf8.allSatisfy(ImageDigest.isLowercaseHex) {
            throw ImageReferenceError(text, .imageIDAsName)
        }
        var body = Substring(text)
        var digest: ImageDigest?
        if let at = body.firstIndex(of: "@") {
            digest = try ImageDigest(parsing: body[body.index(after: at)...], in: text)
            body = body[..<at]
        }
        let (registry, remainder) = try Self.splitRegistry(body, in: text)
        var path = remainder
        var tag: String?
        if let colon = remainder.firstIndex(of: ":") {
            path = remainder[..<colon]
            let tagText = remainder[remainder.index(after: colon)...]
            guard Self.isTag(tagText) else { throw ImageReferenceError(text, .invalidTag(String(tagText))) }
            tag = String(tagText)
        }
        try Self.validatePath(path, in: text)
        let nameLength = registry.utf8.count + 1 + path.utf8.count
        guard nameLength <= Self.maximumNameLength else { throw ImageReferenceError(text, .nameTooLong(nameLength)) }
        self.init(registry: registry, repository: String(path), tag: tag, digest: digest)
    }

    /// Splits `[registry/]rest` by Docker's rule for telling a registry from a first path
    /// component, validating the registry and adding `library/` to one-component Hub names.
    static func splitRegistry(_ body: Substring, in text: String) throws(ImageReferenceError) -> (registry: String, remainder: Substring) {
        guard let slash = body.firstIndex(of: "/") else {
            return (dockerHub, Substring(officialPrefix + body))
        }
        let first = body[..<slash]
        let rest = body[body.index(after: slash)...]
        let isRegistry = first == "localhost" || first.utf8.contains(UInt8(ascii: ".")) || first.utf8.contains(UInt8(ascii: ":")) || first.utf8.contains(where: DockerBytes.isUppercase)
        guard isRegistry else { return (dockerHub, body) }
        guard isRegistryName(first) else { throw ImageReferenceError(text, .invalidRegistry(String(first))) }
        if first == "index.docker.io" || first == dockerHub {
            return (dockerHub, rest.utf8.contains(UInt8(ascii: "/")) ? rest : Substring(officialPrefix + rest))
        }
        return (String(first), rest)
    }

    /// `host[:port]` where host is a DNS name (or IPv4 address) or a bracketed IPv6 address.
    static func isRegistryName(_ text: Substring) -> Bool {
        let host: Substring
        let port: Substring?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return false }
            host = text[...close]
            let after = text[text.index(after: close)...]
            guard after.isEmpty || after.hasPrefix(":") else { return false }
            port = after.isEmpty ? nil : after.dropFirst()
        } else if let colon = text.firstIndex(of: ":") {
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        } else {
            host = text
            port = nil
        }
        if let port, port.isEmpty || !port.utf8.allSatisfy(DockerBytes.isDigit) { return false }
        if host.hasPrefix("[") { return isBracketedIPv6(host) }
        return host.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isDomainLabel)
    }

    /// `[` hex digits and colons `]`, as the reference grammar accepts IPv6 hosts.
    private static func isBracketedIPv6(_ host: Substring) -> Bool {
        let inner = host.utf8.dropFirst().dropLast()
        return !inner.isEmpty && inner.allSatisfy { byte in
            DockerBytes.isDigit(byte) || byte == UInt8(ascii: ":") || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
        }
    }

    /// A DNS label: letters and digits, with dashes only inside.
    private static func isDomainLabel(_ label: Substring) -> Bool {
        let bytes = label.utf8
        guard let first = bytes.first, let last = bytes.last,
            DockerBytes.isAlphanumeric(first), DockerBytes.isAlphanumeric(last)
        else { return false }
        return bytes.allSatisfy { DockerBytes.isAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    static func validatePath(_ path: Substring, in text: String) throws(ImageReferenceError) {
        if path.utf8.contains(where: DockerBytes.isUppercase) {
            throw ImageReferenceError(text, .uppercaseRepository(String(path)))
        }
        for component in path.split(separator: "/", omittingEmptySubsequences: false) {
            guard !component.isEmpty else { throw ImageReferenceError(text, .emptyPathComponent) }
            guard isPathComponent(component) else { throw ImageReferenceError(text, .invalidPathComponent(String(component))) }
        }
    }

    /// Lowercase alphanumeric runs joined by `.`, `_`, `__` or one or more `-`.
    static func isPathComponent(_ component: Substring) -> Bool {
        // The separator run since the last alphanumeric, counted by kind.
        var dots = 0
        var underscores = 0
        var dashes = 0
        var sawAlphanumeric = false
        for byte in component.utf8 {
            if DockerBytes.isLowercase(byte) || DockerBytes.isDigit(byte) {
                let kinds = (dots > 0 ? 1 : 0) + (underscores > 0 ? 1 : 0) + (dashes > 0 ? 1 : 0)
                guard kinds <= 1, dots <= 1, underscores <= 2 else { return false }
                dots = 0
                underscores = 0
                dashes = 0
                sawAlphanumeric = true
            } else if sawAlphanumeric && byte == UInt8(ascii: ".") {
                dots += 1
            } else if sawAlphanumeric && byte == UInt8(ascii: "_") {
                underscores += 1
            } else if sawAlphanumeric && byte == UInt8(ascii: "-") {
                dashes += 1
            } else {
                return false
            }
        }
        return sawAlphanumeric && dots + underscores + dashes == 0
    }

    static func isTag(_ tag: Substring) -> Bool {
        let bytes = tag.utf8
        guard let first = bytes.first, DockerBytes.isWord(first), bytes.count <= maximumTagLength else { return false }
        return bytes.allSatisfy { DockerBytes.isWord($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }
}
