import CharterCore
import Foundation

/// Reads OSV advisories from what `charter db import` is given: single JSON files, or folders
/// searched for `*.json` files. A file that is not a valid record is reported by name and
/// field and skipped; the others are still read.
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
            throw DependenciesError(.inputUnreadable, "\(path): no such file or folder; pass OSV JSON files or folders holding them")
        }
        var loaded = Loaded()
        let files: [String]
        if isFolder.boolValue {
            let enumerator = FileManager.default.enumerator(atPath: path)
            files = (enumerator?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".json") }.sorted().map { path + "/" + $0 }
        } else {
            files = [path]
        }
        // Reading and parsing is most of an import: spread it over every core, keeping file order.
        let results = Locked([Result<(record: OSVRecord, json: [UInt8]), Problem>?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let result = read(files[index])
            results.withLock { $0[index] = result }
        }
        for result in results.withLock({ $0 }) {
            switch result {
            case .success(let item): loaded.records.append(item)
            case .failure(let problem): loaded.problems.append(problem.message)
            case nil: break
            }
        }
        return loaded
    }

    private struct Problem: Error {
        let message: String
    }

    private static func read(_ file: String) -> Result<(record: OSVRecord, json: [UInt8]), Problem> {
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        guard size <= largestRecord else { return .failure(Problem(message: "\(file): \(size >> 20) MiB is too large for an advisory record; skipped")) }
        guard let data = FileManager.default.contents(atPath: file) else { return .failure(Problem(message: "\(file): cannot be read")) }
        let bytes = Array(data)
        do {
            return .success((try OSVRecord.parse(bytes, source: file), bytes))
        } catch {
            return .failure(Problem(message: error.message))
        }
    }
}
