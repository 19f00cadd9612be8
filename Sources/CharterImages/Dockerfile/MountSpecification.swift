/// The fields of a `RUN --mount=` flag (`type=cache,target=/var/cache/apt,sharing=locked`), read
/// as comma-separated `key=value` pairs; a bare key is a boolean such as `readonly`.
package struct MountSpecification: Sendable, Equatable {
    package let fields: [String: String]

    package init(_ text: String) {
        var fields: [String: String] = [:]
        for item in text.split(separator: ",") {
            let parts = item.split(separator: "=", maxSplits: 1)
            guard let key = parts.first else { continue }
            fields[key.lowercased()] = parts.count > 1 ? String(parts[1]) : "true"
        }
        self.fields = fields
    }

    /// `bind` when no type is given, as in BuildKit.
    package var type: String { fields["type"] ?? "bind" }

    /// Where the mount appears in the build container (`target`, `dst` or `destination`).
    package var target: String? { fields["target"] ?? fields["dst"] ?? fields["destination"] }

    /// The stage or image a bind or cache mount reads from.
    package var from: String? { fields["from"] }
}
