import CharterDependencies
import Foundation

/// A synthetic monorepo of lockfiles built from the corpus advisories' own packages: each
/// lockfile pins packages named in advisories, one in `vulnerableEvery` at a version an advisory
/// lists as affected (usually an old one, with many vulnerabilities) and the rest at versions
/// above every fix, in the three ecosystems the corpus covers.
enum DepsMonorepo {
    @discardableResult
    static func write(to folder: String, records: [OSVRecord], lockfiles: Int, packages: Int, vulnerableEvery: Int) throws -> Int {
        var byEcosystem: [Ecosystem: [(name: String, affected: String?)]] = [:]
        for record in records {
            for affected in record.affected {
                guard let package = affected.package, let ecosystem = Ecosystem(osvName: package.ecosystem),
                      [.pypi, .cratesIO, .go].contains(ecosystem), package.name != "stdlib" else { continue }
                byEcosystem[ecosystem, default: []].append((package.name, affected.versions.first))
            }
        }
        let ecosystems: [Ecosystem] = [.pypi, .cratesIO, .go]
        let perFile = packages / lockfiles
        var written = 0
        for index in 0..<lockfiles {
            let ecosystem = ecosystems[index % ecosystems.count]
            let pool = byEcosystem[ecosystem] ?? []
            guard !pool.isEmpty else { continue }
            var pins: [(name: String, version: String)] = []
            var names = Set<String>()
            var cursor = index * perFile
            while pins.count < perFile && names.count < pool.count {
                let candidate = pool[cursor % pool.count]
                cursor += 7
                guard names.insert(candidate.name).inserted else { continue }
                let vulnerable = pins.count % vulnerableEvery == 0
                pins.append((candidate.name, vulnerable ? (candidate.affected ?? "0.0.1") : "999.0.0"))
            }
            let service = folder + "/services/svc-\(index)"
            try FileManager.default.createDirectory(atPath: service, withIntermediateDirectories: true)
            switch ecosystem {
            case .pypi:
                try pins.map { "\($0.name)==\($0.version)\n" }.joined().write(toFile: service + "/requirements.txt", atomically: true, encoding: .utf8)
            case .cratesIO:
                try ("version = 3\n" + pins.map { "\n[[package]]\nname = \"\($0.name)\"\nversion = \"\($0.version)\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n" }.joined())
                    .write(toFile: service + "/Cargo.lock", atomically: true, encoding: .utf8)
            default:
                let versioned = pins.map { "\t\($0.name) \($0.version.hasPrefix("v") ? $0.version : "v" + $0.version)\n" }.joined()
                try "module example.com/svc\(index)\n\ngo 1.22.0\n\nrequire (\n\(versioned))\n".write(toFile: service + "/go.mod", atomically: true, encoding: .utf8)
            }
            written += pins.count
        }
        return written
    }
}
