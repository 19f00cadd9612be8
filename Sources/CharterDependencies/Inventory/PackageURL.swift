import Foundation

/// A Package URL (https://github.com/package-url/purl-spec):
/// `pkg:type/namespace/name@version?qualifiers#subpath`, parsed and written as the
/// specification's "how to parse" and "how to build" sections say.
package struct PackageURL: Sendable, Hashable, CustomStringConvertible {
    package var type: String
    /// The namespace's segments, decoded (`["@angular"]`, `["github.com", "gorilla"]`).
    package var namespace: [String]
    package var name: String
    package var version: String?
    package var qualifiers: [String: String]
    package var subpath: String?

    package init(type: String, namespace: [String] = [], name: String, version: String? = nil, qualifiers: [String: String] = [:], subpath: String? = nil) {
        self.type = type
        self.namespace = namespace
        self.name = name
        self.version = version
        self.qualifiers = qualifiers
        self.subpath = subpath
    }

    /// The parts of `text`; nil when it is not a Package URL (no `pkg:` scheme, no type or name,
    /// a malformed percent escape).
    package init?(parsing text: String) {
        var rest = Substring(text)
        if let hash = rest.lastIndex(of: "#") {
            let segments = rest[rest.index(after: hash)...].split(separator: "/").filter { $0 != "." && $0 != ".." }
            guard let decoded = Self.decode(segments) else { return nil }
            subpath = decoded.isEmpty ? nil : decoded.joined(separator: "/")
            rest = rest[..<hash]
        }
        qualifiers = [:]
        if let question = rest.lastIndex(of: "?") {
            for pair in rest[rest.index(after: question)...].split(separator: "&") {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex,
                      pair[..<equals].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }),
                      let value = String(pair[pair.index(after: equals)...]).removingPercentEncoding else { return nil }
                if !value.isEmpty { qualifiers[pair[..<equals].lowercased()] = value }
            }
            rest = rest[..<question]
        }
        guard let colon = rest.firstIndex(of: ":"), rest[..<colon].lowercased() == "pkg" else { return nil }
        rest = rest[rest.index(after: colon)...].drop { $0 == "/" }
        guard let slash = rest.firstIndex(of: "/") else { return nil }
        type = rest[..<slash].lowercased()
        guard !type.isEmpty, type.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "+" || $0 == "-") }) else { return nil }
        rest = rest[rest.index(after: slash)...]
        // The version's `@` comes after the name's last `/`; an npm scope's `@` comes before it.
        let nameStart = rest.lastIndex(of: "/").map { rest.index(after: $0) } ?? rest.startIndex
        version = nil
        if let at = rest[nameStart...].lastIndex(of: "@") {
            guard let decoded = String(rest[rest.index(after: at)...]).removingPercentEncoding else { return nil }
            version = decoded.isEmpty ? nil : decoded
            rest = rest[..<at]
        }
        var segments = rest.split(separator: "/")
        guard let last = segments.popLast(), let decodedName = String(last).removingPercentEncoding, !decodedName.isEmpty,
              let decodedNamespace = Self.decode(segments) else { return nil }
        name = decodedName
        namespace = decodedNamespace
    }

    package var description: String {
        var text = "pkg:" + type + "/"
        for segment in namespace { text += Self.encode(segment) + "/" }
        text += Self.encode(name)
        if let version { text += "@" + Self.encode(version) }
        if !qualifiers.isEmpty {
            text += "?" + qualifiers.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.encode($0.value))" }.joined(separator: "&")
        }
        if let subpath { text += "#" + subpath.split(separator: "/").map { Self.encode(String($0)) }.joined(separator: "/") }
        return text
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_~")

    private static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static func decode(_ segments: [Substring]) -> [String]? {
        var decoded: [String] = []
        for segment in segments where !segment.isEmpty {
            guard let text = String(segment).removingPercentEncoding else { return nil }
            decoded.append(text)
        }
        return decoded
    }
}
