/// An image's operating system and CPU, as OCI indexes and configs name them (`linux/arm64/v8`).
package struct ImagePlatform: Sendable, Hashable, CustomStringConvertible {
    package var os: String
    package var architecture: String
    package var variant: String?

    package init(os: String, architecture: String, variant: String? = nil) {
        self.os = os
        self.architecture = architecture
        self.variant = variant
    }

    /// Parses `os/architecture[/variant]`, as `docker --platform` takes it.
    package init(parsing text: String) throws(ImageArchiveError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw ImageArchiveError(.selection, "platform \"\(text)\" is not os/architecture[/variant], such as linux/amd64 or linux/arm64/v8")
        }
        self.init(os: parts[0], architecture: parts[1], variant: parts.count == 3 ? parts[2] : nil)
    }

    /// What a runtime picks when nobody asks for a platform; also Charter's default.
    package static let linuxAMD64 = ImagePlatform(os: "linux", architecture: "amd64")

    package var description: String {
        [os, architecture, variant].compactMap { $0 }.joined(separator: "/")
    }

    /// Whether an image for this platform serves a request for `requested`: same OS and
    /// architecture, and the same variant when the request names one (arm64's only variant,
    /// v8, is implied when absent).
    package func serves(_ requested: ImagePlatform) -> Bool {
        guard os == requested.os, architecture == requested.architecture else { return false }
        guard let wanted = requested.variant else { return true }
        return (variant ?? impliedVariant) == wanted
    }

    private var impliedVariant: String? {
        architecture == "arm64" ? "v8" : nil
    }

    /// Build attestations sit in indexes beside images under this placeholder platform.
    var isUnknown: Bool { os == "unknown" || architecture == "unknown" }

    init?(_ fields: JSONFields?) throws(ImageArchiveError) {
        guard let fields else { return nil }
        self.init(
            os: try fields.requiredString("os"), architecture: try fields.requiredString("architecture"),
            variant: try fields.string("variant"))
    }
}
