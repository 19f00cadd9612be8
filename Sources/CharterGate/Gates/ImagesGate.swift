import CharterCore
import CharterImages
import Crypto
import Foundation

/// The images gate: every Dockerfile under a folder against the rule catalog and the base-image
/// policy, and every image its Kubernetes manifests and Compose files deploy against the same
/// policy. A file that cannot be fully read fails the gate: a check that saw half a Dockerfile
/// cannot say the image is safe.
package struct ImagesGate: Sendable {
    package let settings: ImagesGatePolicy
    private let policy: BaseImagePolicy
    private let checker: DockerfileChecker
    private let manifestRules: ManifestImageRules
    private let probe: any SecretProbe
    /// Larger files named like Dockerfiles are not read whole; they fail the gate instead.
    static let largestDockerfile = 4 << 20

    package init(settings: ImagesGatePolicy, probe: any SecretProbe) throws {
        self.settings = settings
        self.probe = probe
        let hasher: @Sendable (String) -> String = { "sha256:" + SHA256.hash(data: Array($0.utf8)).withUnsafeBytes { LowercaseHex.string($0) } }
        do {
            policy = try BaseImagePolicy(approvedPatterns: settings.approvedBases, requireDigest: settings.requireDigest, allowLatest: settings.allowLatest)
        } catch {
            throw GateError(.policyInvalid, "charter.yml: gates.images.approved-bases: \(error.message)")
        }
        checker = try DockerfileChecker(disabledRules: settings.disabledRules.subtracting(ManifestImageRules.ids).subtracting(BuiltImageRules.rules.map(\.id)),
                                        hasher: hasher)
        manifestRules = ManifestImageRules(disabledRules: settings.disabledRules, hasher: hasher)
    }

    /// What a scan of one folder found.
    package struct Scan: Sendable {
        package var dockerfiles: [String] = []
        package var manifests: [String] = []
        package var findings: [Finding] = []
        /// `path:line: message` for everything that could not be read; each fails the gate.
        package var problems: [String] = []
        /// Warnings from the Dockerfile parser (things that build, but probably not as meant).
        package var warnings: [String] = []
        package var summary = ScanSummary()
    }

    package func scan(_ root: String) throws -> Scan {
        let started = Date()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isFolder) else {
            throw GateError(.inputUnreadable, "\(root): no such file or folder")
        }
        var scan = Scan()
        let folder = isFolder.boolValue ? root : (root as NSString).deletingLastPathComponent
        // A YAML file named on its own is a manifest; any other file is a Dockerfile.
        let manifestOnly = !isFolder.boolValue && ManifestFormat.isYAML((root as NSString).lastPathComponent)
            && !DockerfileFinder.isDockerfile((root as NSString).lastPathComponent)
        let found: (files: [String], unreadable: [String]) = manifestOnly ? ([], []) : DockerfileFinder(root: root).find()
        scan.dockerfiles = found.files
        scan.problems += found.unreadable.map { "\($0): the folder cannot be read, so its Dockerfiles were not checked" }
        let checker = checker, policy = policy, probe = probe
        let reports = scan.dockerfiles.concurrentMap(grain: 8) { relative -> Result<DockerfileReport, GateError> in
            let path = (folder.isEmpty ? "." : folder) + "/" + relative
            if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size > Self.largestDockerfile {
                return .failure(GateError(.inputUnreadable, "\(relative): \(size) bytes is larger than a Dockerfile can sensibly be (\(Self.largestDockerfile) bytes); it was not checked"))
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                return .failure(GateError(.inputUnreadable, "\(relative): cannot be read; check its permissions"))
            }
            guard let text = String(data: data, encoding: .utf8) else {
                return .failure(GateError(.inputUnreadable, "\(relative): not UTF-8 text"))
            }
            return .success(checker.check(text: text, path: relative, policy: policy, probe: probe))
        }
        for report in reports {
            switch report {
            case .failure(let error):
                scan.problems.append(error.message)
            case .success(let report):
                scan.findings += report.findings
                for problem in report.problems {
                    let line = "\(report.path):\(problem.line): \(problem.message)"
                    if problem.severity == .error { scan.problems.append(line) } else { scan.warnings.append(line) }
                }
            }
        }
        if settings.manifests, isFolder.boolValue || manifestOnly {
            let manifests: ManifestScan
            do {
                manifests = try ManifestFinder(root: root).scan()
            } catch {
                throw GateError(.inputUnreadable, error.message)
            }
            scan.manifests = manifests.files
            scan.findings += manifestRules.findings(manifests.images, policy: policy)
            scan.problems += manifests.problems.map(\.description)
        }
        scan.problems += probe.failures()
        scan.summary.files = scan.dockerfiles.count + scan.manifests.count
        scan.summary.bytes = (scan.dockerfiles + scan.manifests).reduce(0) { total, relative in
            let path = isFolder.boolValue ? root + "/" + relative : root
            return total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        scan.summary.seconds = Date().timeIntervalSince(started)
        return scan
    }

    /// Judges a scan: the threshold and waivers, then whatever could not be read.
    package func judge(_ scan: Scan, waivers: [Waiver], baseline: Baseline = Baseline(fingerprints: []), now: Date = Date()) -> GateResult {
        let applicable = waivers.filter { if case .rule("*", _) = $0.scope { false } else { true } }
        let judged = GateJudge(waivers: applicable, failOn: settings.failOn, baseline: baseline, now: now, levelMeaning: "severity")
            .judge(gate: "images", findings: scan.findings)
        var reasons = judged.reasons
        for problem in scan.problems { reasons.append("cannot check \(problem)") }
        if scan.dockerfiles.isEmpty, scan.manifests.isEmpty {
            reasons.append("no Dockerfile or deploy manifest found")
        }
        return GateResult(gate: "images", passed: judged.passed && scan.problems.isEmpty, findings: judged.findings, reasons: reasons,
                          expiredWaivers: judged.expiredWaivers)
    }

    package var ruleDescriptors: [RuleDescriptor] {
        DockerfileRuleCatalog.all.map { RuleDescriptor(id: $0.id, description: $0.title, gate: "images", securitySeverity: Self.score($0.level)) }
            + ManifestImageRules.rules.map { RuleDescriptor(id: $0.id, description: $0.title, gate: "images", securitySeverity: Self.score($0.level)) }
    }

    /// A 0–10 `security-severity` for code-scanning UIs, in the middle of the level's CVSS band.
    package static func score(_ level: FindingLevel) -> Double {
        switch level {
        case .critical: 9.5
        case .high: 8.0
        case .medium: 5.5
        case .low: 2.0
        }
    }
}
