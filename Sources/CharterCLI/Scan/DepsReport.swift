import CharterCore
import CharterDependencies
import CharterGate
import Foundation

/// What `charter scan deps` prints: each vulnerable package with its vulnerabilities (most
/// severe first), the version that fixes them all, and the lockfiles that could not be read.
struct DepsReport {
    let inventory: DependencyInventory.Result
    let matches: [DependencyMatch]
    /// The gate's judgement of each vulnerability, in the order of `matches` and their
    /// vulnerabilities (the order the gate made its findings in).
    let judged: [JudgedFinding]
    /// Per match: where its vulnerabilities' judgements start in `judged`.
    let firstJudged: [Int]
    /// The lowest level that fails.
    let failOn: FindingLevel
    let failing: Int
    /// The gate's verdict: undecidable matches and unreadable lockfiles fail it too.
    let passed: Bool
    /// When the ledger first saw each open vulnerability; nil when there is no ledger to ask.
    let clock: RemediationClock?
    let now: Date

    init(run: DepsRun, settings: DepsGatePolicy, clock: RemediationClock? = nil, now: Date = Date()) {
        self.clock = clock
        self.now = now
        inventory = run.scan.inventory
        matches = run.scan.matches
        judged = run.result.findings
        var start = 0
        firstJudged = matches.map { match in
            defer { start += match.vulnerabilities.count }
            return start
        }
        failOn = settings.failOn.min() ?? .critical
        failing = run.result.counts.failing
        passed = run.result.passed
    }

    /// The judgement of `match`'s vulnerability at `position`: the gate judged one finding per
    /// vulnerability, in order; a finding for another vulnerability there would be a bug, and
    /// shows as no judgement rather than a wrong one.
    private func judgement(_ match: Int, _ position: Int) -> JudgedFinding? {
        let index = firstJudged[match] + position
        guard index < judged.count, judged[index].finding.ruleID == matches[match].vulnerabilities[position].id else { return nil }
        return judged[index]
    }

    /// When the ledger first saw this vulnerability of this package in this lockfile (RFC 3339).
    private func firstSeen(_ match: Int, _ position: Int) -> String? {
        judgement(match, position).flatMap { clock?.firstSeen($0.finding) }
    }

    /// "12 d" since the ledger first saw it, "new" when this scan is the first to.
    private func openFor(_ match: Int, _ position: Int) -> String {
        guard let clock, let finding = judgement(match, position)?.finding, clock.firstSeen(finding) != nil else { return "new" }
        return "\(clock.age(of: finding, now: now)) d"
    }

    /// The severity the gate judged by (an unrated advisory takes the policy's rating), and the
    /// waiver that covers it.
    private func label(_ match: Int, _ position: Int) -> String {
        let vulnerability = matches[match].vulnerabilities[position]
        let judgement = judgement(match, position)
        let level = judgement?.finding.level.rawValue ?? "unknown"
        let score = vulnerability.severity.score.map { String(format: " %.1f", $0) } ?? (vulnerability.severity.rating == nil ? " (unrated)" : "")
        let waiver = judgement?.status == .waived ? " waived \(judgement?.waiver ?? "")" : ""
        return level + score + waiver
    }

    var text: String {
        var rows: [[String]] = []
        let order = matches.indices.sorted { (matches[$0].dependency.path, matches[$0].dependency.line, matches[$0].dependency.name) < (matches[$1].dependency.path, matches[$1].dependency.line, matches[$1].dependency.name) }
        for index in order {
            let match = matches[index]
            let dependency = match.dependency
            for (position, vulnerability) in match.vulnerabilities.enumerated() {
                let first = position == 0
                rows.append([
                    first ? "\(dependency.name) (\(dependency.ecosystem))" : "", first ? dependency.version : "",
                    label(index, position),
                    vulnerability.id + (vulnerability.aliases.isEmpty ? "" : " (" + vulnerability.aliases.prefix(2).joined(separator: ", ") + (vulnerability.aliases.count > 2 ? ", …" : "") + ")"),
                    first ? (match.fixedIn ?? "no fix yet") : "", first ? "\(dependency.path):\(dependency.line)" : "",
                ] + (clock == nil ? [] : [openFor(index, position)]))
            }
        }
        var lines: [String] = []
        if !rows.isEmpty {
            lines.append(TextTable.render(header: ["PACKAGE", "VERSION", "SEVERITY", "VULNERABILITY", "FIXED IN", "LOCKFILE"] + (clock == nil ? [] : ["OPEN FOR"]), rows: rows))
        }
        for match in matches where !match.undecidable.isEmpty {
            let reasons = Dictionary(grouping: match.undecidable) { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? $0 }
            for (reason, advisories) in reasons.sorted(by: { $0.key < $1.key }) {
                let ids = advisories.compactMap { $0.split(separator: ":").first.map(String.init) }
                lines.append("could not decide \(match.dependency.name) \(match.dependency.version) (\(match.dependency.path):\(match.dependency.line)) against \(ids.count) advisor\(ids.count == 1 ? "y" : "ies") (\(ids.prefix(3).joined(separator: ", "))\(ids.count > 3 ? ", …" : "")): \(reason)")
            }
        }
        for problem in inventory.problems {
            lines.append("cannot read \(problem.path)\(problem.line.map { ":\($0)" } ?? ""): \(problem.message)")
        }
        let vulnerable = matches.filter { !$0.vulnerabilities.isEmpty }
        let count = vulnerable.reduce(0) { $0 + $1.vulnerabilities.count }
        lines.append("\(count) known vulnerabilit\(count == 1 ? "y" : "ies") in \(vulnerable.count) of \(inventory.dependencies.count) packages from \(inventory.lockfiles.count) lockfile(s); "
            + (failing > 0 ? "FAIL: \(failing) at or above \(failOn.rawValue) without a waiver" : "pass: none at or above \(failOn.rawValue) without a waiver")
            + (inventory.problems.isEmpty ? "" : "; \(inventory.problems.count) lockfile(s) could not be read, so the scan is incomplete (exit 3)"))
        return lines.joined(separator: "\n")
    }

    /// A GitHub-flavoured markdown table, for a pull-request comment.
    var markdown: String {
        let vulnerable = matches.filter { !$0.vulnerabilities.isEmpty }
        var lines = ["### Dependency vulnerabilities",
                     failing > 0 ? "**\(failing) at or above \(failOn.rawValue)** in \(vulnerable.count) of \(inventory.dependencies.count) packages" : "None at or above \(failOn.rawValue) in \(inventory.dependencies.count) packages"]
        if !vulnerable.isEmpty {
            lines += ["", "| Package | Version | Severity | Vulnerability | Fixed in | Lockfile |", "|---|---|---|---|---|---|"]
            for index in matches.indices where !matches[index].vulnerabilities.isEmpty {
                let match = matches[index]
                let dependency = match.dependency
                for (position, vulnerability) in match.vulnerabilities.enumerated() {
                    let cells = ["`\(dependency.name)`", dependency.version, label(index, position), vulnerability.id,
                                 match.fixedIn ?? "no fix yet", "`\(dependency.path):\(dependency.line)`"]
                    lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
                }
            }
        }
        for problem in inventory.problems {
            lines += ["", "> cannot read `\(problem.path)\(problem.line.map { ":\($0)" } ?? "")`: \(problem.message)"]
        }
        return lines.joined(separator: "\n")
    }

    /// The report as JSON bytes, the vulnerable packages made and written a batch at a time,
    /// each batch on every core: the whole report never exists as values.
    var jsonBytes: [UInt8] {
        let batches = stride(from: 0, to: matches.count, by: 512).lazy.map { start in
            Array(start..<min(start + 512, self.matches.count))
        }
        let report = self
        return PrettyJSON.encode([
            "passed": .bool(passed),
            "failOn": .string(failOn.rawValue),
            "lockfiles": .array(inventory.lockfiles.map(JSONValue.string)),
            "packages": .number(Double(inventory.dependencies.count)),
            "problems": .array(inventory.problems.map { problem in
                .object(["path": .string(problem.path), "line": problem.line.map { .number(Double($0)) } ?? .null, "message": .string(problem.message)])
            }),
        ], streaming: "vulnerable", fragments: batches.flatMap { $0.concurrentMap(grain: 16) { report.jsonFragment($0) } })
    }

    /// One vulnerable package as the report's JSON writes it (members in key order).
    private func jsonFragment(_ index: Int) -> [UInt8] {
        let match = matches[index]
        let dependency = match.dependency
        var json = PrettyJSONWriter(indent: 4)
        json.beginObject()
        json.key("direct")
        if let direct = dependency.direct { json.bool(direct) } else { json.null() }
        json.key("ecosystem"); json.string(dependency.ecosystem)
        json.key("fixedIn"); json.string(match.fixedIn)
        json.key("line"); json.number(Double(dependency.line))
        json.key("name"); json.string(dependency.name)
        json.key("path"); json.string(dependency.path)
        json.key("purl"); json.string(dependency.purl)
        json.key("undecidable"); json.strings(match.undecidable)
        json.key("version"); json.string(dependency.version)
        json.key("vulnerabilities")
        json.beginArray()
        for (position, vulnerability) in match.vulnerabilities.enumerated() {
            let judged = judgement(index, position)
            json.beginObject()
            json.key("aliases"); json.strings(vulnerability.aliases)
            json.key("firstSeen"); json.string(firstSeen(index, position))
            json.key("id"); json.string(vulnerability.id)
            json.key("published"); json.string(vulnerability.published)
            json.key("severity")
            json.beginObject()
            json.key("rating"); json.string(judged?.finding.level.rawValue ?? "unknown")
            json.key("score")
            if let score = vulnerability.severity.score { json.number(score) } else { json.null() }
            json.key("source"); json.string(vulnerability.severity.source)
            json.endObject()
            json.key("status"); json.string(judged?.status.rawValue ?? "unknown")
            json.key("summary"); json.string(vulnerability.summary)
            json.key("waiver"); json.string(judged?.waiver)
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }
}
