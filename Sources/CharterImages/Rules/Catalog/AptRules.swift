// Debian and Ubuntu package installs (apt-get, apt): advice for small, reproducible layers.

extension DockerfileRuleCatalog {
    static let apt: [DockerfileRule] = [
        DockerfileRule(
            id: "DF016", level: .low, title: "apt-get install without --no-install-recommends",
            documentation: """
                By default apt also installs every "recommended" package, often doubling the \
                layer with tools the image never uses — each one more thing to patch. Add \
                `--no-install-recommends` and name what you need. Checked in the stages that end up \
                in the final image.
                """,
            passing: "FROM \(base)\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\nUSER app\n",
            failing: "FROM \(base)\nRUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u8 && rm -rf /var/lib/apt/lists/*\nUSER app\n",
            check: { context in
                aptInstalls(in: context, shippedOnly: true).compactMap { run, command in
                    let configured = command.arguments.contains { $0.lowercased().contains("install-recommends=") && ($0.hasSuffix("=false") || $0.hasSuffix("=0")) }
                    guard !command.hasOption("--no-install-recommends"), !configured else { return nil }
                    return RuleHit(run.step.location, excerpt: command.excerpt, reason: "recommended packages are installed too", subject: command.excerpt)
                }
            }),
        DockerfileRule(
            id: "DF017", level: .low, title: "apt-get install without -y",
            documentation: """
                Without `-y` apt asks for confirmation; a build has no terminal to answer, so apt \
                aborts (or, with some configurations, hangs). Pass `-y` (or `--yes`).
                """,
            passing: "FROM \(base)\nRUN apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1 && rm -rf /var/lib/apt/lists/*\nUSER app\n",
            failing: "FROM \(base)\nRUN apt-get update && apt-get install --no-install-recommends tini=0.19.0-1 && rm -rf /var/lib/apt/lists/*\nUSER app\n",
            check: { context in
                aptInstalls(in: context, shippedOnly: false).compactMap { run, command in
                    let assumesYes = command.hasOption("-y", "--yes", "--assume-yes", "--force-yes", "-qq", "--quiet=2", "-q=2")
                        || command.arguments.contains { $0.lowercased().contains("assume-yes=true") }
                    guard !assumesYes else { return nil }
                    return RuleHit(run.step.location, excerpt: command.excerpt, reason: "apt will stop at its confirmation prompt", subject: command.excerpt)
                }
            }),
        DockerfileRule(
            id: "DF018", level: .low, title: "apt package lists left in the layer",
            documentation: """
                `apt-get update` downloads package lists (tens of megabytes) into \
                `/var/lib/apt/lists`; unless the same RUN removes them, they stay in the layer for \
                good. End the RUN with `rm -rf /var/lib/apt/lists/*`, or mount a cache there \
                (`--mount=type=cache,target=/var/lib/apt/lists`). Checked in the stages that end up \
                in the final image.
                """,
            passing: "FROM \(base)\nRUN --mount=type=cache,target=/var/lib/apt/lists apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311\nUSER app\n",
            failing: "FROM \(base)\nRUN apt-get update && apt-get install -y --no-install-recommends ca-certificates=20230311\nUSER app\n",
            check: { context in
                let lists = ["/var/lib/apt/lists"]
                let updates = context.commands(aptNames).filter { run, command in
                    context.shipped.contains(run.step.stage) && command.subcommand(skipping: aptValueOptions) == "update"
                }
                return updates.compactMap { run, command in
                    guard !context.run(run, removesAny: lists), !context.run(run, cachesAny: lists) else { return nil }
                    return RuleHit(run.step.location, excerpt: command.excerpt, reason: "the package lists stay in this layer; remove /var/lib/apt/lists/* in the same RUN")
                }
            }),
        DockerfileRule(
            id: "DF019", level: .low, title: "apt package installed without a pinned version",
            documentation: """
                `apt-get install curl` installs whatever version the mirror has that day, so two \
                builds of one commit can differ. Pin versions (`curl=7.88.1-10+deb12u8`) where \
                reproducibility matters, and update them deliberately.
                """,
            passing: "FROM \(base)\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ./vendor/tool.deb && rm -rf /var/lib/apt/lists/*\nUSER app\n",
            failing: "FROM \(base)\nRUN apt-get update && apt-get install -y --no-install-recommends curl git && rm -rf /var/lib/apt/lists/*\nUSER app\n",
            check: { context in
                aptInstalls(in: context, shippedOnly: false).compactMap { run, command in
                    let unpinned = (command.operands(after: ["install"], valueOptions: aptValueOptions) ?? []).filter { package in
                        !package.utf8.contains(UInt8(ascii: "=")) && !package.utf8.contains(UInt8(ascii: "$")) && !package.hasSuffix(".deb") && !package.hasPrefix("/") && !package.hasPrefix(".")
                    }
                    guard !unpinned.isEmpty else { return nil }
                    return RuleHit(run.step.location, excerpt: command.excerpt, reason: "no version pinned for \(unpinned.joined(separator: ", "))", subject: unpinned.joined(separator: " "))
                }
            }),
        DockerfileRule(
            id: "DF025", level: .low, title: "Distribution upgrade run inside the image",
            documentation: """
                `apt-get upgrade` (or `dist-upgrade`, `full-upgrade`) in a Dockerfile upgrades \
                whatever is outdated on build day, so the image's contents depend on the date rather \
                than the file, and packages the base image's maintainers chose not to upgrade change \
                underneath you. Rebuild on a newer pinned base instead. Checked in the stages that \
                end up in the final image.
                """,
            passing: "FROM \(base)\nRUN apt-get update && apt-get install -y --no-install-recommends --only-upgrade openssl=3.0.15-1~deb12u1 && rm -rf /var/lib/apt/lists/*\nUSER app\n",
            failing: "FROM \(base)\nRUN apt-get update && apt-get -y dist-upgrade && rm -rf /var/lib/apt/lists/*\nUSER app\n",
            check: { context in
                context.commands(aptNames).compactMap { run, command in
                    guard context.shipped.contains(run.step.stage), let subcommand = command.subcommand(skipping: aptValueOptions),
                        ["upgrade", "dist-upgrade", "full-upgrade"].contains(subcommand)
                    else { return nil }
                    return RuleHit(run.step.location, excerpt: command.excerpt, reason: "`\(subcommand)` makes the image depend on the build date", subject: subcommand)
                }
            }),
    ]

    private static let aptNames: Set<String> = ["apt-get", "apt"]
    /// apt-get options whose value is the next word.
    private static let aptValueOptions: Set<String> = ["-o", "-c", "-t", "--option", "--config-file", "--target-release", "--default-release"]

    /// `apt-get install` / `apt install` commands.
    private static func aptInstalls(in context: RuleContext, shippedOnly: Bool) -> [(run: RuleContext.RunStep, command: ShellCommand)] {
        context.commands(aptNames).filter { run, command in
            (!shippedOnly || context.shipped.contains(run.step.stage)) && command.subcommand(skipping: aptValueOptions) == "install"
        }
    }
}
