// What the container may do at run time and the build may do while it runs: user, privileges,
// open ports, permissions.

extension DockerfileRuleCatalog {
    static let runtime: [DockerfileRule] = [
        DockerfileRule(
            id: "DF006", level: .high, title: "Final stage runs as root",
            documentation: """
                The image's processes run as the last `USER` of the final stage, inherited through \
                stages built FROM earlier ones; without one they run as root (`FROM scratch` too), \
                and so does `USER root`, `USER 0` or `USER root:…`. A process escaping its \
                container as root has far more to work with. Create an unprivileged user and end \
                with `USER app` (or a numeric UID such as `USER 10001`). A USER whose variable the \
                file leaves unset (`USER $APP_UID`, set by the base image) is not reported.
                """,
            passing: "FROM \(base) AS base\nRUN useradd --uid 10001 app\nUSER app\nFROM base\nCMD [\"/app/server\"]\n",
            failing: "FROM \(base)\nUSER app\nRUN make install\nUSER root\nCMD [\"/app/server\"]\n",
            check: { context in rootUser(in: context).map { [$0] } ?? [] }),
        DockerfileRule(
            id: "DF026", level: .medium, title: "sudo used in RUN",
            documentation: """
                Build steps already run as the current USER, root by default; `sudo` in a RUN \
                either does nothing or means sudo is installed and configured in the image, where \
                it lets any process become root. Switch with `USER root` and back instead.
                """,
            passing: "FROM \(base)\nRUN apt-get update\nUSER app\n",
            failing: "FROM \(base)\nUSER app\nRUN sudo apt-get update\n",
            check: { context in
                context.runs.flatMap { run in
                    run.script.allCommands.filter { $0.wrappers.contains("sudo") || $0.name == "sudo" }.map { command in
                        RuleHit(run.step.location, excerpt: command.excerpt, reason: "`sudo` in a build step; use USER to change who runs it", subject: command.excerpt)
                    }
                }
            }),
        DockerfileRule(
            id: "DF033", level: .medium, title: "SSH port 22 exposed",
            documentation: """
                Exposing port 22 means an SSH server in the container: another service with \
                credentials to manage and attack. Use `docker exec` or `kubectl exec` to get a shell.
                """,
            passing: "FROM \(base)\nEXPOSE 8080/tcp\nUSER app\n",
            failing: "FROM \(base)\nEXPOSE 8080 22/tcp\nUSER app\n",
            check: { context in
                context.steps(.expose).flatMap { step in
                    step.instruction.words.filter { $0.split(separator: "/").first == "22" }.map { port in
                        RuleHit(step.location, excerpt: "EXPOSE \(port)", reason: "port 22 is SSH; containers should not run an SSH server", subject: port)
                    }
                }
            }),
        DockerfileRule(
            id: "DF034", level: .medium, title: "World-writable permissions",
            documentation: """
                `chmod 777` (or `o+w`, `a+rwx`, `--chmod=777`) lets any user in the container \
                rewrite the files, so a compromised unprivileged process can replace binaries or \
                configuration that root later runs. Grant what the owner needs (`755`, `644`) and \
                set the owner with `--chown`. Modes with the sticky bit (`1777`, as for `/tmp`) are \
                not reported.
                """,
            passing: "FROM \(base)\nCOPY --chmod=755 run.sh /usr/local/bin/\nRUN chmod 1777 /scratch && chmod -R go-w /srv\nUSER app\n",
            failing: "FROM \(base)\nRUN chmod -R 777 /srv\nUSER app\n",
            check: { context in
                let commands = context.commands(["chmod"]).compactMap { run, command -> RuleHit? in
                    guard let mode = command.operands.first, PermissionMode.isWorldWritable(mode) else { return nil }
                    return RuleHit(run.step.location, excerpt: command.excerpt, reason: "mode \(mode) makes the files writable by every user", subject: command.excerpt)
                }
                let copies = context.steps(.copy, .add).compactMap { step -> RuleHit? in
                    guard let mode = step.instruction.flag("chmod")?.value, PermissionMode.isWorldWritable(mode) else { return nil }
                    return RuleHit(step.location, excerpt: "\(step.instruction.keyword.rawValue) --chmod=\(mode)", reason: "mode \(mode) makes the copied files writable by every user")
                }
                return commands + copies
            }),
        DockerfileRule(
            id: "DF037", level: .medium, title: "RUN with --security=insecure",
            documentation: """
                `RUN --security=insecure` runs the step without the container sandbox, with all \
                capabilities of the build host, and needs the `security.insecure` entitlement on \
                the builder. A step that needs it can compromise the build machine and every image \
                built there. Find another way to do what the step needs.
                """,
            passing: "FROM \(base)\nRUN --security=sandbox make\nUSER app\n",
            failing: "FROM \(base)\nRUN --security=insecure mount -t tmpfs none /mnt\nUSER app\n",
            check: { context in
                context.runs.compactMap { run in
                    guard run.step.instruction.flag("security")?.value == "insecure" else { return nil }
                    return RuleHit(run.step.location, excerpt: "RUN --security=insecure", reason: "the step runs without the build sandbox")
                }
            }),
    ]

    /// The final stage's effective USER when it is root, following FROM to earlier stages when
    /// the stage sets none; the final FROM when no stage in the chain sets one.
    private static func rootUser(in context: RuleContext) -> RuleHit? {
        guard let final = context.dockerfile.finalStage else { return nil }
        var stage = final
        var visited: Set<Int> = []
        while visited.insert(stage.index).inserted {
            if let user = stage.users.last {
                guard user.unresolved.isEmpty, isRoot(user.value) else { return nil }
                return RuleHit(user.instruction, excerpt: "USER \(user.value)", reason: "the last USER of the final stage is root")
            }
            guard case .stage(let parent) = stage.base else { break }
            stage = context.dockerfile.stages[parent]
        }
        return RuleHit(final.from, excerpt: final.from.normalizedText, reason: "no USER in the final stage or the stages it is built from, so the container runs as root unless the base image says otherwise; state the user with USER")
    }

    private static func isRoot(_ user: String) -> Bool {
        let name = user.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? user
        return name == "root" || (!name.isEmpty && name.allSatisfy { $0 == "0" })
    }
}
