import CharterCore
import Foundation

/// One record `charter db import` will read: a file, an entry of a ZIP archive, or a problem
/// already found while listing (an archive that cannot be opened, an entry refused by name).
enum AdvisoryInput: Sendable {
    case file(String, AdvisoryRecordFormat)
    case entry(ZipArchive, ZipEntry, AdvisoryRecordFormat)
    case problem(DependenciesError)

    /// What a path given to `charter db import` (or found in a folder given to it) holds.
    static func inputs(of path: String) -> [AdvisoryInput] {
        if let format = AdvisoryRecordFormat(fileName: path) { return [.file(path, format)] }
        guard path.lowercased().hasSuffix(".zip") || ZipArchive.hasSignature(path) else { return [.file(path, .json)] }
        let archive: ZipArchive
        do {
            archive = try ZipArchive(path: path)
        } catch {
            return [.problem(error)]
        }
        return archive.entries.compactMap { entry in
            // Refused by name even when not a record: such an entry means the archive is hostile.
            if let reason = entry.unsafeNameReason { return .problem(archive.problem(with: entry, "\(reason); refused")) }
            guard !entry.isDirectory, let format = AdvisoryRecordFormat(fileName: entry.name) else { return nil }
            return .entry(archive, entry, format)
        }
    }

    func read() -> Result<(record: OSVRecord, json: [UInt8]), DependenciesError> {
        do {
            switch self {
            case .file(let path, let format):
                return .success(try format.record(from: try Self.contents(of: path), source: path))
            case .entry(let archive, let entry, let format):
                return .success(try format.record(from: try archive.contents(of: entry), source: archive.source(of: entry)))
            case .problem(let problem):
                return .failure(problem)
            }
        } catch {
            return .failure(error)
        }
    }

    private static func contents(of file: String) throws(DependenciesError) -> [UInt8] {
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        guard size <= AdvisoryFiles.largestRecord else {
            throw DependenciesError(.inputUnreadable, "\(file): \(size >> 20) MiB is too large for an advisory record; skipped")
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DependenciesError(.inputUnreadable, "\(file): cannot be read")
        }
        return Array(data)
    }
}
