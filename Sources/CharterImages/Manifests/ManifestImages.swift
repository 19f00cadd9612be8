/// Reads the container image references out of one deploy manifest: Kubernetes YAML (any number
/// of documents, Helm-rendered or not) or a Compose file. Never throws: what cannot be read
/// becomes a problem with its line, and the rest of the file is still read.
package enum ManifestImages {
    /// Larger files are refused rather than composed: a rendered chart is rarely past a few MiB.
    package static let largestFile = 32 << 20

    /// The images in `text`, the file at `path` (relative to the scanned root, as reported). The
    /// format is Compose for Compose file names and Kubernetes otherwise, unless given.
    package static func scan(_ text: String, path: String, format: ManifestFormat? = nil) -> ManifestScan {
        var collector = ManifestCollector(path: path, bytes: text.utf8.count)
        collector.scan.files = [path]
        guard text.utf8.count <= largestFile else {
            collector.scan.problems.append(ManifestProblem(.tooLarge, path: path, "larger than \(largestFile >> 20) MiB; not read as a manifest"))
            return collector.scan
        }
        let format = format ?? ManifestFormat.named(path) ?? .kubernetes
        // libyaml skips a byte order mark without counting it; so does this.
        let text = text.hasPrefix("\u{FEFF}") ? String(text.unicodeScalars.dropFirst()) : text
        for element in ManifestYAMLDocuments(text, path: path) {
            switch element {
            case .problem(let problem):
                collector.scan.problems.append(problem)
            case .document(let document):
                guard !collector.isExhausted else { return collector.scan }
                switch format {
                case .kubernetes: KubernetesImages.read(document, into: &collector)
                case .compose: ComposeImages.read(document, into: &collector)
                }
            }
        }
        return collector.scan
    }

    /// The same for a file's bytes, which must be UTF-8.
    package static func scan(_ bytes: [UInt8], path: String, format: ManifestFormat? = nil) -> ManifestScan {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            var scan = ManifestScan()
            scan.files = [path]
            scan.problems.append(ManifestProblem(.unreadable, path: path, "is not UTF-8 text; manifests must be UTF-8"))
            return scan
        }
        return scan(text, path: path, format: format)
    }
}
