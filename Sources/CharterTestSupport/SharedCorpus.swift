import Foundation

/// Finds `../shared/corpora` beside the repository. Tests that need it are skipped when it is
/// absent, except under `CI=true`, where its absence is a failure.
package enum SharedCorpus {
    package static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.appendingPathComponent("shared/corpora")
    }()

    package static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: root.path)
    }

    /// Whether a corpus test should run: yes when the corpus is there, and yes under CI (so it fails loudly).
    package static var shouldRun: Bool {
        isAvailable || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    package static func url(_ relative: String) -> URL {
        root.appendingPathComponent(relative)
    }

    /// Files under a corpus folder, sorted; empty when the corpus is absent.
    package static func files(under relative: String, withExtension ext: String) -> [String] {
        let base = url(relative)
        guard let enumerator = FileManager.default.enumerator(atPath: base.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix("." + ext) }.sorted()
    }
}
