// Files that must not be copied into an image: credentials, private keys, repository history.

extension DockerfileRuleCatalog {
    static let copiedFiles: [DockerfileRule] = [
        DockerfileRule(
            id: "DF014", level: .high, title: "Credentials or private keys copied into the image",
            documentation: """
                COPY or ADD of `.env` files, SSH keys (`id_rsa`, `id_ed25519`…), `*.key`, `*.pem`, \
                `*.p12`/`*.pfx`, registry and package credentials (`.npmrc`, `.pypirc`, `.netrc`, \
                `.git-credentials`, `.dockercfg`, `.pgpass`, `credentials.json`) or credential \
                folders (`.aws`, `.ssh`, `.gnupg`, `.kube`, `.docker`) — as the source or as where \
                the file lands, inline heredocs included — puts them in a layer, where \
                deleting them later does not remove them. Use `RUN --mount=type=secret` or \
                `--mount=type=ssh` for the step that needs them, and list them in \
                `.dockerignore`. `COPY . .` is not reported by itself; `.env.example`-style \
                templates and `.pem` files named as certificates (`*cert*`, `*chain*`, \
                `*ca-bundle*`) are not reported either.
                """,
            passing: "FROM \(node)\nCOPY package.json package-lock.json .env.example ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\nCOPY . .\nUSER node\n",
            failing: "FROM \(node)\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci\nCOPY deploy/id_ed25519 /root/.ssh/\nUSER node\n",
            check: { context in
                context.steps(.copy, .add).flatMap { step -> [RuleHit] in
                    let keyword = step.instruction.keyword.rawValue
                    let sources = step.sources.filter { !isRemote($0) }.compactMap { source in
                        SensitivePath.credential(in: source).map { RuleHit(step.location, excerpt: "\(keyword) \(source)", reason: $0, subject: source) }
                    }
                    guard sources.isEmpty, let destination = step.instruction.words.last, let reason = SensitivePath.credential(in: destination) else { return sources }
                    return [RuleHit(step.location, excerpt: "\(keyword) … \(destination)", reason: "written to \(destination): \(reason)", subject: destination)]
                }
            }),
        DockerfileRule(
            id: "DF015", level: .medium, title: "`.git` folder copied into the image",
            documentation: """
                The `.git` folder holds the repository's whole history: removed secrets, internal \
                branches, commit authors. It does not belong in an image. Add `.git` to \
                `.dockerignore` (which also keeps `COPY . .` from taking it), and pass the commit \
                as a build argument or label if the application needs it.
                """,
            passing: "FROM \(base)\nCOPY src/ /app/src/\nUSER app\n",
            failing: "FROM \(base)\nCOPY .git /app/.git\nUSER app\n",
            check: { context in
                context.steps(.copy, .add).flatMap { step in
                    step.sources.filter { !isRemote($0) && SensitivePath.isGitFolder($0) }.map { source in
                        RuleHit(step.location, excerpt: "\(step.instruction.keyword.rawValue) \(source)", reason: "\(source) is repository history", subject: source)
                    }
                }
            }),
    ]
}
