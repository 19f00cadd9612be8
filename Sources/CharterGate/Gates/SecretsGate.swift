import CharterCore
import CharterSecrets
import Foundation

/// The secrets gate: builds the rule set the policy asks for (built-in rules minus disabled ones,
/// plus imported gitleaks rules), scans a folder, a history, the index or a stream, and judges
/// the findings against the policy's threshold and waivers.
package struct SecretsGate {
    package let settings: SecretsGatePolicy
    package let scanner: SecretScanner

    /// `policyFolder` resolves `import-rules` paths; `builtIn` is the catalog (tests pass their own).
    package init(settings: SecretsGatePolicy, policyFolder: String, builtIn: [SecretRule], key: FingerprintKey, workers: Int? = nil, ruleCache: RuleDatabaseCache? = nil) throws {
        self.settings = settings
        var options = SecretScanOptions()
        options.decodeDepth = settings.decodeDepth
        if let workers { options.workers = workers }
        options.allowlist = try SecretAllowlist(
            paths: settings.allowlistPaths, regexes: settings.allowlistRegexes, stopwords: settings.allowlistStopwords,
            field: "charter.yml: gates.secrets.allowlist")
        for (rule, list) in settings.ruleAllowlists {
            options.ruleAllowlists[rule] = try SecretAllowlist(paths: list.paths, regexes: list.regexes, stopwords: list.stopwords, field: "charter.yml: gates.secrets.rule-allowlists.\(rule)")
        }
        var rules = builtIn
        for path in settings.importRules {
            let imported = try GitleaksRuleFile.load(path.hasPrefix("/") ? path : policyFolder + "/" + path)
            rules += imported.rules
            options.allowlist.merge(imported.globalAllowlist)
            options.ruleAllowlists.merge(imported.ruleAllowlists) { mine, theirs in
                var merged = mine
                merged.merge(theirs)
                return merged
            }
        }
        let known = Set(rules.map(\.id))
        if let unknown = settings.disabledRules.subtracting(known).sorted().first {
            throw GateError(.policyInvalid, "charter.yml: gates.secrets.disable-rules names \"\(unknown)\", which is not a rule; `charter scan rules` lists them")
        }
        rules.removeAll { settings.disabledRules.contains($0.id) }
        scanner = SecretScanner(engine: try SecretEngine(rules: rules, cache: ruleCache), key: key, options: options)
    }

    package var ruleDescriptors: [RuleDescriptor] {
        scanner.engine.rules.map { RuleDescriptor(id: $0.id, description: $0.description, gate: "secrets") }
    }

    /// Scans the files under `root`.
    /// `readsIgnoreFiles: false` for a tree whose ignore files are not the user's (an image's root).
    package func scanFolder(_ root: String, readsIgnoreFiles: Bool = true, progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> (findings: [Finding], summary: ScanSummary) {
        let started = Date()
        let walker = DirectoryWalker(root: root, maxFileSize: settings.maxFileSize, readsIgnoreFiles: readsIgnoreFiles)
        let (findings, totals, skipped) = try scanner.scan(folder: walker, progress: progress)
        let unreadable = (skipped.unreadable + totals.unreadable).sorted()
        if !unreadable.isEmpty {
            let listed = unreadable.prefix(5).joined(separator: ", ") + (unreadable.count > 5 ? " and \(unreadable.count - 5) more" : "")
            throw GateError(.inputUnreadable, "\(root): \(unreadable.count) path(s) could not be read, so the scan is incomplete: \(listed); fix their permissions or list them in .charterignore")
        }
        var summary = ScanSummary()
        summary.files = totals.files
        summary.bytes = totals.bytes
        summary.seconds = Date().timeIntervalSince(started)
        summary.skippedIgnored = skipped.ignored
        summary.skippedLarge = skipped.tooLarge
        summary.skippedBinary = skipped.binary + totals.binary
        summary.skippedSymlinks = skipped.symlinks
        return (findings, summary)
    }

    /// Scans what each commit added (all history, or after `since`): git processes (one more than
    /// the cores, so one huge commit leaves less of the rest to its process) each show a share of
    /// the commits, and every core scans what they show as it arrives.
    package func scanHistory(_ root: String, since: String?) throws -> (findings: [Finding], summary: ScanSummary) {
        let started = Date()
        let pool = scanner.pool()
        let files = Locked(0)
        let coverage: GitSource.Coverage
        do {
            coverage = try GitSource(repository: root).history(since: since, lanes: scanner.options.workers + 1) { batch in
                files.withLock { $0 += batch.count }
                try pool.submit(batch)
            }
        } catch {
            _ = try? pool.finish()
            throw error
        }
        let findings = try pool.finish()
        var summary = ScanSummary()
        summary.files = files.withLock { $0 }
        summary.bytes = coverage.bytes
        summary.commits = coverage.commits
        summary.seconds = Date().timeIntervalSince(started)
        return (findings, summary)
    }

    /// Scans the lines staged for the next commit.
    package func scanStaged(_ root: String) throws -> (findings: [Finding], summary: ScanSummary) {
        let started = Date()
        return try scan(try GitSource(repository: root).staged(), since: started)
    }

    /// Scans one file given by path.
    package func scanFile(_ path: String, bytes: [UInt8]) throws -> (findings: [Finding], summary: ScanSummary) {
        try scan([ScanFragment(path: path, bytes: bytes)], since: Date())
    }

    /// Scans bytes read from standard input, reported as path `-`.
    package func scanStream(_ bytes: [UInt8]) throws -> (findings: [Finding], summary: ScanSummary) {
        try scan([ScanFragment(path: "-", bytes: bytes)], since: Date())
    }

    private func scan(_ fragments: [ScanFragment], since started: Date) throws -> (findings: [Finding], summary: ScanSummary) {
        let findings = try scanner.scan(fragments: fragments)
        var summary = ScanSummary()
        summary.files = fragments.count
        summary.bytes = fragments.reduce(0) { $0 + $1.bytes.count }
        summary.seconds = Date().timeIntervalSince(started)
        return (findings, summary)
    }

    package func judge(_ findings: [Finding], waivers: [Waiver], baseline: Baseline = Baseline(fingerprints: []), now: Date = Date()) -> GateResult {
        GateJudge(waivers: waivers, failOn: settings.failOn, baseline: baseline, now: now).judge(gate: "secrets", findings: findings)
    }
}
