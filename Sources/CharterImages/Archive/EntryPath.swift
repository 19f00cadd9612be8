/// A member name reduced to plain components under a root: "." and empty components dropped,
/// ".." resolved lexically, a leading "/" ignored. A name that climbs above the root is clamped
/// to it, as container runtimes place such entries, and says so, so it can be reported.
struct EntryPath: Sendable, Equatable {
    var components: [String]
    /// The name started with "/".
    var wasAbsolute: Bool
    /// A ".." tried to climb above the root and was stopped there.
    var climbedAboveRoot: Bool

    init(_ name: String) {
        var components: [String] = []
        var climbed = false
        for part in name.split(separator: "/", omittingEmptySubsequences: true) where part != "." {
            if part == ".." {
                if components.popLast() == nil { climbed = true }
            } else {
                components.append(String(part))
            }
        }
        self.components = components
        wasAbsolute = name.hasPrefix("/")
        climbedAboveRoot = climbed
    }

    var isRoot: Bool { components.isEmpty }

    /// The components joined with "/" (empty for the root).
    var relative: String { components.joined(separator: "/") }

    var name: String? { components.last }

    var parent: ArraySlice<String> { components.dropLast() }
}
