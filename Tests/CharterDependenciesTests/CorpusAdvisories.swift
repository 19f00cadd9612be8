@testable import CharterDependencies
import CharterTestSupport
import Foundation

/// The OSV advisories in ../shared/corpora (PyPA, RustSec, Go), for tests over real data.
enum CorpusAdvisories {
    static let all = ["advisories/pypa", "advisories/rustsec", "advisories/go"]

    /// Every advisory file under `folders` with its bytes, named by its path in the folder.
    static func files(_ folders: [String] = all) throws -> [(name: String, bytes: [UInt8])] {
        try folders.flatMap { folder in
            try SharedCorpus.files(under: folder, withExtension: "json").map { file in
                (file, Array(try Data(contentsOf: SharedCorpus.url(folder).appendingPathComponent(file))))
            }
        }
    }

    static func records(_ folders: [String] = all) throws -> [OSVRecord] {
        try files(folders).map { try OSVRecord.parse($0.bytes, source: $0.name) }
    }
}
