// Secrets written into the Dockerfile or handed to the build where they end up in the image or
// its history.

extension DockerfileRuleCatalog {
    static let secrets: [DockerfileRule] = [
        DockerfileRule(
            id: "DF007", level: .high, title: "Secret in an ENV, ARG or LABEL value",
            documentation: """
                ENV and LABEL values are stored in the image configuration and ARG values in its \
                build history; anyone who can pull the image can read them with `docker inspect` or \
                `docker history`. Pass secrets at run time (environment, mounted files) and to the \
                build with `RUN --mount=type=secret`. The secret engine decides what is a secret.
                """,
            passing: "FROM \(base)\nENV AWS_REGION=eu-west-1\nUSER app\n",
            failing: "FROM \(base)\nENV AWS_ACCESS_KEY_ID=AKIAQ3EGRBWYSXLUVMZK\nUSER app\n",
            check: { context in probed(in: context, keywords: [.env, .arg, .label], settings: true) }),
        DockerfileRule(
            id: "DF008", level: .high, title: "Secret in a command or inline file",
            documentation: """
                A secret in a RUN command is saved in the image's history and often in a layer; one \
                in CMD, ENTRYPOINT or HEALTHCHECK is in the image configuration; one in a COPY \
                heredoc is a file in the image. Mount it for the one step that needs it: \
                `RUN --mount=type=secret,id=token …` and `docker build --secret id=token,src=…`.
                """,
            passing: "FROM \(base)\nRUN --mount=type=secret,id=aws aws s3 cp s3://bucket/artifact /srv/\nUSER app\n",
            failing: "FROM \(base)\nRUN AWS_ACCESS_KEY_ID=AKIAQ3EGRBWYSXLUVMZK aws s3 cp s3://bucket/artifact /srv/\nUSER app\n",
            check: { context in probed(in: context, keywords: Set(InstructionKeyword.allCases).subtracting([.env, .arg, .label]), settings: false) }),
        DockerfileRule(
            id: "DF009", level: .high, title: "Secret-named variable holds a literal value",
            documentation: """
                An ENV or ARG named like a secret (`DB_PASSWORD`, `NPM_TOKEN`, `API_KEY`…) with a \
                value written in the file puts that value in the image configuration or history, \
                whatever it looks like. Remove the value and supply it at run time, or mount it \
                with `RUN --mount=type=secret`. Names that point at a secret (`PASSWORD_FILE`, \
                `TOKEN_URL`) and values built from variables are not reported; the finding never \
                shows the value.
                """,
            passing: "FROM \(base)\nENV DB_PASSWORD_FILE=/run/secrets/db_password\nUSER app\n",
            failing: "FROM \(base)\nENV DB_PASSWORD=correct-horse-battery\nUSER app\n",
            check: { context in
                context.secretNamedPairs.compactMap { instruction, pair in
                    guard SecretNames.isLiteral(pair.value) else { return nil }
                    return RuleHit(instruction, excerpt: "\(instruction.keyword.rawValue) \(pair.key)=\(PreviewRedactor.redaction(of: pair.value ?? ""))", reason: "`\(pair.key)` is named like a secret and set to a literal value", subject: pair.key)
                }
            }),
        DockerfileRule(
            id: "DF010", level: .medium, title: "Secret handed to the build through ARG or ENV",
            documentation: """
                `ARG NPM_TOKEN` filled by `--build-arg` is recorded in the image's history and build \
                provenance, and `ENV TOKEN=$TOKEN` copies it into the image configuration for every \
                container. Use a secret mount instead: `RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci`.
                """,
            passing: "FROM \(node)\nRUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci\nUSER node\n",
            failing: "FROM \(node)\nARG NPM_TOKEN\nRUN npm ci\nUSER node\n",
            check: { context in
                context.secretNamedPairs.compactMap { instruction, pair in
                    let fromVariable = instruction.keyword == .env && (pair.value?.utf8.contains(UInt8(ascii: "$")) ?? false)
                    let buildArgument = instruction.keyword == .arg && pair.value == nil
                    guard fromVariable || buildArgument else { return nil }
                    let reason = buildArgument
                        ? "`\(pair.key)` is named like a secret and comes in as a build argument, which the image history records"
                        : "`\(pair.key)` is named like a secret and copied into the image's environment"
                    return RuleHit(instruction, excerpt: "\(instruction.keyword.rawValue) \(pair.key)", reason: reason, subject: pair.key)
                }
            }),
    ]

    static let node = "node:20-slim@sha256:" + "4c3b2a1908f7e6d5c4b3a29180706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e"

    /// Probe findings in instructions of `keywords` (ONBUILD counts as what it triggers).
    private static func probed(in context: RuleContext, keywords: Set<InstructionKeyword>, settings: Bool) -> [RuleHit] {
        context.secrets.flatMap { found -> [RuleHit] in
            let keyword = found.instruction.trigger?.keyword ?? found.instruction.keyword
            guard keywords.contains(keyword) else { return [] }
            let place = settings ? "a value the image keeps" : keyword.rawValue
            return found.secrets.map { secret in
                RuleHit(
                    found.instruction, line: line(of: secret, in: found.instruction), excerpt: "\(keyword.rawValue) … \(secret.preview)",
                    reason: "a \(secret.ruleID) secret in \(place)", identity: "\(keyword.rawValue)\u{0}\(secret.ruleID)\u{0}\(secret.identity)",
                    notes: ["found by secret rule \(secret.ruleID)"])
            }
        }
    }

    /// The line a secret is on: inside a heredoc body, the body's line; otherwise the instruction's.
    /// `probeText` is the instruction's header, then each heredoc body after a newline.
    private static func line(of secret: ProbedSecret, in instruction: Instruction) -> Int {
        var offset = instruction.probeText.utf8.count - instruction.heredocs.reduce(0) { $0 + 1 + $1.content.utf8.count }
        for heredoc in instruction.heredocs {
            offset += 1
            let body = heredoc.content.utf8
            if secret.range.lowerBound >= offset && secret.range.lowerBound < offset + body.count {
                return heredoc.firstLine + body.prefix(secret.range.lowerBound - offset).filter { $0 == UInt8(ascii: "\n") }.count
            }
            offset += body.count
        }
        return instruction.startLine
    }
}
