import CharterCore
import Foundation

/// Reads OSV advisories from what `charter db import` is given: JSON or YAML record files, ZIP
/// archives of them (OSV's per-ecosystem `all.zip`), or folders searched for all of these. A
/// record that cannot be read or is not valid OSV is reported by file (and archive entry) and
/// field, and skipped; the others are still read.
package enum AdvisoryFiles {
    package struct Loaded: Sendable {
        package var records: [(record: OSVRecord, json: [UInt8])] = []
        package var problems: [String] = []
    }

    /// Records larger than this are not advisories (the largest real ones are a few hundred KiB).
    package static let largestRecord = 16 << 20

    package static func load(_ path: String) throws(DependenciesError) -> Loaded {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw DependenciesError(.inputUnreadable, "\(path): no such file or folder; pass OSV JSON or YAML files, ZIP archives of them, or folders holding these")
        }
        let inputs = isFolder.boolValue ? filesInFolder(path).flatMap(AdvisoryInput.inputs) : AdvisoryInput.inputs(of: path)
        // Reading and parsing is most of an import: spread it over every core, keeping input order.
        var loaded = Loaded()
        for result in inputs.concurrentMap(grain: 1, { $0.read() }) {
            switch result {
            case .success(let item): loaded.records.append(item)
            case .failure(let problem): loaded.problems.append(problem.message)
            }
        }
        return loaded
    }

    /// Record files and ZIP archives anywhere under `folder`, sorted by path.
    private static func filesInFolder(_ folder: String) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: folder)
        let names = (enumerator?.compactMap { $0 as? String } ?? []).filter { name in
            AdvisoryRecordFormat(fileName: name) != nil || name.lowercased().hasSuffix(".zip")
        }
        return names.sorted().map { folder + "/" + $0 }
    }
}
