import CharterCore

/// Checks Dockerfiles against the base-image policy and the rule catalog.
///
/// Fingerprints come from an injected hasher so this module needs no cryptography: the caller
/// passes a function returning `sha256:<hex>` (or a keyed hash) of its input, which is
/// `ruleID NUL path NUL identity`, where identity is the instruction's normalised text (secret
/// values masked) plus what distinguishes the hit within it (a package name, a path), or for
/// secret findings the probe's identity of the secret — never the raw instruction.
package struct DockerfileChecker: Sendable {
    package let rules: [DockerfileRule]
    private let hasher: @Sendable (String) -> String

    /// - Parameter disabledRules: rule ids to skip; an unknown id is an error.
    package init(disabledRules: Set<String> = [], hasher: @escaping @Sendable (String) -> String) throws(DockerfileCheckError) {
        let all = DockerfileRuleCatalog.all
        let unknown = disabledRules.subtracting(all.map(\.id))
        guard unknown.isEmpty else { throw DockerfileCheckError(unknownRuleIDs: unknown.sorted()) }
        rules = all.filter { !disabledRules.contains($0.id) }
        self.hasher = hasher
    }

    package func check(text: String, path: String, policy: BaseImagePolicy, probe: any SecretProbe) -> DockerfileReport {
        let dockerfile = DockerfileParser.parse(text)
        let context = RuleContext(dockerfile: dockerfile, policy: policy, probe: probe)
        let redactor = PreviewRedactor(context: context)
        var findings: [Finding] = []
        for rule in rules {
            for hit in rule.check(context).sorted(by: { $0.line < $1.line }) {
                findings.append(finding(rule, hit, path: path, redactor: redactor))
            }
        }
        let problems = dockerfile.problems.map { DockerfileProblem($0.severity, line: $0.line, redactor.redact($0.message)) }
        return DockerfileReport(path: path, findings: findings, problems: problems, images: Self.images(in: context))
    }

    /// Previews are cut to this many characters: enough to recognise the instruction.
    static let previewLength = 160

    private func finding(_ rule: DockerfileRule, _ hit: RuleHit, path: String, redactor: PreviewRedactor) -> Finding {
        var identity = hit.identity ?? redactor.redact(hit.instruction.normalizedText)
        if let subject = hit.subject { identity += "\u{0}" + redactor.redact(subject) }
        var preview = redactor.redact(hit.excerpt.split(whereSeparator: \.isNewline).joined(separator: " "))
        if preview.count > Self.previewLength { preview = String(preview.prefix(Self.previewLength - 1)) + "…" }
        return Finding(
            gate: "images", ruleID: rule.id, title: rule.title, level: rule.level,
            location: SourceLocation(path: path, line: hit.line, column: 1),
            fingerprint: hasher([rule.id, path, identity].joined(separator: "\u{0}")),
            preview: preview, notes: ([hit.reason] + hit.notes).map(redactor.redact))
    }

    private static func images(in context: RuleContext) -> [ImageUse] {
        context.images.map { image in
            ImageUse(
                reference: image.reference, role: image.isBase ? .base : .copySource, stage: image.stage,
                line: image.instruction.startLine, shipped: context.shipped.contains(image.stage))
        }
    }
}
