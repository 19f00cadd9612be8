// Code and files fetched during the build: remote ADD, scripts piped into a shell, and
// verification switched off.

extension DockerfileRuleCatalog {
    static let downloads: [DockerfileRule] = [
        DockerfileRule(
            id: "DF011", level: .high, title: "ADD downloads a remote file without a checksum",
            documentation: """
                `ADD https://…` (or a Git URL) fetches whatever the server returns at build time, \
                with no check that it is the file you reviewed. Add `--checksum=sha256:<digest>` \
                (BuildKit verifies it), or download with RUN and verify the checksum before use.
                """,
            passing: "FROM \(base)\nADD --checksum=sha256:\(String(repeating: "9e", count: 32)) https://example.com/tool.tar.gz /opt/\nUSER app\n",
            failing: "FROM \(base)\nADD https://example.com/tool.tar.gz /opt/\nUSER app\n",
            check: { context in
                context.steps(.add).flatMap { step -> [RuleHit] in
                    guard step.instruction.flag("checksum") == nil else { return [] }
                    return step.sources.filter(isRemote).map { source in
                        RuleHit(step.location, excerpt: "ADD \(source)", reason: "\(source) is fetched at build time and not verified", subject: source)
                    }
                }
            }),
        DockerfileRule(
            id: "DF012", level: .high, title: "Downloaded script piped into a shell",
            documentation: """
                `curl … | sh` runs whatever the server (or anyone between it and you) sends, \
                unreviewed and unverified, as the build user — usually root. Download to a file, \
                check its published checksum or signature, then run it; or install from a package \
                repository.
                """,
            passing: """
                FROM \(base)
                RUN curl -fsSLo /tmp/install.sh https://example.com/install.sh \\
                 && echo "\(String(repeating: "3d", count: 32))  /tmp/install.sh" | sha256sum -c - \\
                 && sh /tmp/install.sh
                USER app
                """,
            failing: "FROM \(base)\nRUN curl -fsSL https://example.com/install.sh | bash -s -- --yes\nUSER app\n",
            check: { context in
                context.runs.flatMap { run in
                    run.script.allPipelines.compactMap { pipeline in
                        pipedDownload(pipeline).map { RuleHit(run.step.location, excerpt: $0, reason: "a downloaded script runs without being verified", subject: $0) }
                    }
                }
            }),
        DockerfileRule(
            id: "DF013", level: .high, title: "TLS or signature verification turned off",
            documentation: """
                `curl -k`, `wget --no-check-certificate`, `pip --trusted-host`, `git -c \
                http.sslVerify=false`, `npm config set strict-ssl false`, `apk --allow-untrusted`, \
                `apt-get --allow-unauthenticated`, `[trusted=yes]` sources, `--nogpgcheck`, or \
                variables such as `NODE_TLS_REJECT_UNAUTHORIZED=0` let anyone on the network path \
                substitute what the build downloads. Fix the certificate store or the repository \
                key instead.
                """,
            passing: "FROM \(base)\nRUN curl -fsSL --cacert /etc/ssl/certs/corp.pem https://internal.example.com/tool -o /usr/local/bin/tool\nUSER app\n",
            failing: "FROM \(base)\nRUN curl -fsSLk https://internal.example.com/tool -o /usr/local/bin/tool\nUSER app\n",
            check: { context in
                let commands = context.runs.flatMap { run in
                    run.script.allCommands.compactMap { command in
                        VerificationSwitch.disabled(by: command).map { RuleHit(run.step.location, excerpt: command.excerpt, reason: $0, subject: command.excerpt) }
                    }
                }
                let settings = context.steps(.env).flatMap { step in
                    step.instruction.pairs.compactMap { pair in
                        VerificationSwitch.disabled(variable: pair.key, value: pair.value ?? "").map {
                            RuleHit(step.location, excerpt: "ENV \(pair.key)=\(pair.value ?? "")", reason: $0, subject: pair.key)
                        }
                    }
                }
                return commands + settings
            }),
    ]

    /// Programs that fetch URLs and programs that run what they are fed.
    private static let downloaders: Set<String> = ["curl", "wget", "fetch"]
    private static let interpreters: Set<String> = ShellCommand.shells.union(["python", "python2", "python3", "perl", "ruby", "node", "php", "pwsh"])

    /// The pipeline's text when a download feeds an interpreter (`curl … | sh`), or an
    /// interpreter runs a download's output (`sh -c "$(curl …)"`, `bash <(wget -O- …)`).
    private static func pipedDownload(_ pipeline: [ShellCommand]) -> String? {
        let text = pipeline.map(\.excerpt).joined(separator: " | ")
        if let download = pipeline.firstIndex(where: { $0.name.map(downloaders.contains) ?? false }),
            pipeline[(download + 1)...].contains(where: { $0.name.map(interpreters.contains) ?? false }) {
            return text
        }
        for command in pipeline {
            guard let name = command.name, interpreters.contains(name) || ["eval", "source", "."].contains(name) else { continue }
            let fed = command.arguments.contains { argument in
                guard argument.hasPrefix("$(") || argument.hasPrefix("<(") || argument.hasPrefix("`") else { return false }
                return ShellScript.parse(String(argument.dropFirst(argument.hasPrefix("`") ? 1 : 2))).allCommands.contains { $0.name.map(downloaders.contains) ?? false }
            }
            if fed { return text }
        }
        return nil
    }

    static func isRemote(_ source: String) -> Bool {
        let lowered = source.lowercased()
        return ["http://", "https://", "git@", "git://", "ssh://"].contains { lowered.hasPrefix($0) }
    }
}
