/// What reading manifests yielded: the image references, the Compose services that build their
/// own image, and everything that could not be read (each named by file and line; the rest of
/// the file and the other files are still read).
package struct ManifestScan: Sendable, Hashable, Codable {
    package var images: [ManifestImage] = []
    /// Compose services with `build:` and no `image:`: no reference to check here, but the
    /// Dockerfile they build is worth checking.
    package var builtServices: [ComposeBuild] = []
    package var problems: [ManifestProblem] = []
    /// The manifests read, relative to the scanned root, sorted.
    package var files: [String] = []
    /// Helm chart folders (holding `Chart.yaml`) whose `templates/` were not read: templates
    /// only become manifests once rendered (`helm template CHART | charter …`).
    package var charts: [String] = []

    package init() {}

    mutating func append(_ other: ManifestScan) {
        images += other.images
        builtServices += other.builtServices
        problems += other.problems
        files += other.files
        charts += other.charts
    }
}

/// A Compose service built from source with no image reference of its own.
package struct ComposeBuild: Sendable, Hashable, Codable {
    package let service: String
    package let path: String
    /// Where the service's `build:` stands.
    package let line: Int
    package let column: Int
    /// The build context (`build: ./api` or `build.context`), after interpolation; `.` is the default.
    package let context: String
    /// `build.dockerfile` after interpolation, relative to the context; nil means `Dockerfile`.
    package let dockerfile: String?

    package init(service: String, path: String, line: Int, column: Int, context: String, dockerfile: String?) {
        self.service = service
        self.path = path
        self.line = line
        self.column = column
        self.context = context
        self.dockerfile = dockerfile
    }
}
