import CharterCore
import Foundation

/// Finds the deploy manifests under a folder and reads their image references: Compose files by
/// name, Kubernetes YAML by content (a document with `apiVersion:` and `kind:` at its top level).
/// Installed and generated trees (`.git`, `node_modules`, `vendor`, build output, virtualenvs)
/// are skipped, and so are the `templates/` of Helm charts, which are manifests only once
/// rendered; the charts are listed instead.
package struct ManifestFinder {
    /// How much of an oversized YAML file is read to tell whether it is a manifest at all.
    static let sniffedPrefix = 64 << 10

    package let root: String

    package init(root: String) {
        self.root = root
    }

    /// Reads every manifest under the root, or the root itself when it is a file (read as
    /// Compose or Kubernetes by its name, whatever its content).
    package func scan() throws(ManifestError) -> ManifestScan {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else {
            throw ManifestError("\(root): no such file or folder")
        }
        guard isFolder.boolValue else {
            return read(root, relative: (root as NSString).lastPathComponent, explicit: true) ?? ManifestScan()
        }
        let (candidates, charts, unreadable) = self.candidates()
        var result = ManifestScan()
        result.charts = charts
        for folder in unreadable {
            result.problems.append(ManifestProblem(.unreadable, path: folder, "the folder cannot be read, so its manifests were not checked"))
        }
        let finder = self
        for scan in candidates.concurrentMap(grain: 4, { finder.read(finder.root + "/" + $0, relative: $0, explicit: false) }) {
            if let scan { result.append(scan) }
        }
        return result
    }

    /// YAML files (relative to the root, sorted) worth opening, and the Helm chart folders whose
    /// templates were passed over.
    func candidates() -> (files: [String], charts: [String], unreadable: [String]) {
        var charts: [String] = []
        let walked = SourceTreeWalk(root: root).files(keeping: ManifestFormat.isYAML) { folder, names in
            guard names.contains("Chart.yaml") else { return [] }
            charts.append(folder.isEmpty ? "." : folder)
            return ["templates"]
        }
        return (walked.files, charts.sorted(), walked.unreadable)
    }

    /// The scan of one file; nil for a YAML file that is not a manifest. `explicit` files were
    /// named by the user, so they are read whatever they look like.
    private func read(_ path: String, relative: String, explicit: Bool) -> ManifestScan? {
        let named = ManifestFormat.named(relative)
        let file: ManifestFileBytes
        do {
            file = try ManifestFileBytes(path, largest: ManifestImages.largestFile, prefix: Self.sniffedPrefix)
        } catch {
            guard explicit || named != nil else { return nil }
            return Self.problem(ManifestProblem(.unreadable, path: relative, "cannot be read: \(error.message)"))
        }
        if file.isTruncated {
            let looksLikeManifest = named != nil || explicit
                || ManifestFormat.looksLikeKubernetes(String(decoding: file.bytes, as: UTF8.self)[...])
            guard looksLikeManifest else { return nil }
            let sizes = "\(file.size >> 20) MiB, larger than \(ManifestImages.largestFile >> 20) MiB"
            return Self.problem(ManifestProblem(.tooLarge, path: relative, "\(sizes); not read as a manifest"))
        }
        if named == nil, !explicit {
            guard let text = String(validating: file.bytes, as: UTF8.self), ManifestFormat.looksLikeKubernetes(text[...]) else { return nil }
            return ManifestImages.scan(text, path: relative, format: .kubernetes)
        }
        return ManifestImages.scan(file.bytes, path: relative, format: named ?? .kubernetes)
    }

    private static func problem(_ problem: ManifestProblem) -> ManifestScan {
        var scan = ManifestScan()
        scan.files = [problem.path]
        scan.problems = [problem]
        return scan
    }
}
