// Alpine, Python and Node package installs: caches out of layers, versions pinned.

extension DockerfileRuleCatalog {
    static let packageManagers: [DockerfileRule] = [
        DockerfileRule(
            id: "DF020", level: .low, title: "apk add without --no-cache",
            documentation: """
                `apk add` keeps the package index in `/var/cache/apk` unless told not to, leaving it \
                in the layer. Use `apk add --no-cache`, or mount a cache there. Checked in the \
                stages that end up in the final image.
                """,
            passing: "FROM \(alpine)\nRUN apk add --no-cache curl=8.9.1-r1\nUSER nobody\n",
            failing: "FROM \(alpine)\nRUN apk update && apk add curl=8.9.1-r1\nUSER nobody\n",
            check: { context in
                let cache = ["/var/cache/apk", "/etc/apk/cache"]
                return apkAdds(in: context).compactMap { run, command in
                    guard context.shipped.contains(run.step.stage), !command.hasOption("--no-cache"),
                        !context.run(run, removesAny: cache), !context.run(run, cachesAny: cache)
                    else { return nil }
                    return RuleHit(run.step.location, excerpt: command.excerpt, reason: "the package index stays in this layer", subject: command.excerpt)
                }
            }),
        DockerfileRule(
            id: "DF021", level: .low, title: "apk package installed without a pinned version",
            documentation: """
                `apk add curl` installs whatever the repository has on build day. Pin a version \
                (`curl=8.9.1-r1`) or a version range (`curl~8.9`) so builds are repeatable and \
                upgrades are deliberate.
                """,
            passing: "FROM \(alpine)\nRUN apk add --no-cache --virtual .build-deps curl~8.9 git=2.45.2-r0\nUSER nobody\n",
            failing: "FROM \(alpine)\nRUN apk add --no-cache curl git\nUSER nobody\n",
            check: { context in
                apkAdds(in: context).compactMap { run, command in
                    let packages = command.operands(after: ["add"], valueOptions: ["-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--cache-dir", "--keys-dir"]) ?? []
                    let unpinned = packages.filter { package in
                        !package.contains { "=~<>$".contains($0) } && !package.hasSuffix(".apk") && !package.hasPrefix("/") && !package.hasPrefix(".")
                    }
                    guard !unpinned.isEmpty else { return nil }
                    return RuleHit(run.step.location, excerpt: command.excerpt, reason: "no version pinned for \(unpinned.joined(separator: ", "))", subject: unpinned.joined(separator: " "))
                }
            }),
        DockerfileRule(
            id: "DF022", level: .low, title: "pip install without --no-cache-dir",
            documentation: """
                pip keeps every downloaded wheel in `~/.cache/pip`, which then ships in the layer. \
                Pass `--no-cache-dir`, set `PIP_NO_CACHE_DIR=1`, or mount a cache at \
                `/root/.cache/pip`. Checked in the stages that end up in the final image.
                """,
            passing: "FROM \(python)\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\nRUN pip install --no-cache-dir gunicorn==23.0.0\nUSER nobody\n",
            failing: "FROM \(python)\nRUN pip install -r requirements.txt\nUSER nobody\n",
            check: { context in
                let cache = ["/root/.cache/pip"]
                return pipInstalls(in: context).compactMap { run, command in
                    let environment = context.environment(of: run.step.stage)
                    guard context.shipped.contains(run.step.stage), !command.hasOption("--no-cache-dir"),
                        command.assignments["PIP_NO_CACHE_DIR"] == nil, environment["PIP_NO_CACHE_DIR"] == nil,
                        !context.run(run, cachesAny: cache), !context.run(run, removesAny: ["/root/.cache"])
                    else { return nil }
                    return RuleHit(run.step.location, excerpt: command.excerpt, reason: "downloaded packages stay in pip's cache in this layer", subject: command.excerpt)
                }
            }),
        DockerfileRule(
            id: "DF023", level: .low, title: "pip package installed without a pinned version",
            documentation: """
                `pip install flask` resolves to the newest release on build day, and a compromised \
                or broken release flows straight in. Pin exact versions (`flask==3.0.3`), or \
                install from a requirements or constraints file with pinned versions (ideally with \
                `--require-hashes`). Paths, URLs and wheel files are not reported.
                """,
            passing: "FROM \(python)\nRUN pip install --no-cache-dir -r requirements.txt flask==3.0.3 ./dist/app-1.0-py3-none-any.whl\nUSER nobody\n",
            failing: "FROM \(python)\nRUN pip install --no-cache-dir flask gunicorn>=22\nUSER nobody\n",
            check: { context in
                pipInstalls(in: context).compactMap { run, command in
                    let packages = command.operands(after: ["install"], valueOptions: pipValueOptions) ?? []
                    let unpinned = packages.filter { package in
                        !package.contains("==") && !package.utf8.contains(UInt8(ascii: "@")) && !package.utf8.contains(UInt8(ascii: "/")) && !package.hasPrefix(".") && !package.utf8.contains(UInt8(ascii: "$"))
                            && ![".whl", ".tar.gz", ".zip"].contains(where: package.hasSuffix)
                    }
                    guard !unpinned.isEmpty else { return nil }
                    return RuleHit(run.step.location, excerpt: command.excerpt, reason: "no exact version pinned for \(unpinned.joined(separator: ", "))", subject: unpinned.joined(separator: " "))
                }
            }),
        DockerfileRule(
            id: "DF024", level: .low, title: "npm, yarn or pnpm package installed without an exact version",
            documentation: """
                `npm install -g typescript` (or `yarn add`, `pnpm add`) takes whatever is newest on \
                build day, including a freshly published malicious release. Install from the \
                lockfile (`npm ci`), or name exact versions (`typescript@5.6.3`). Paths, tarballs \
                and Git URLs are not reported.
                """,
            passing: "FROM \(node)\nRUN npm ci && npm install -g typescript@5.6.3\nUSER node\n",
            failing: "FROM \(node)\nRUN npm install -g typescript @angular/cli@^18\nUSER node\n",
            check: { context in
                context.commands(["npm", "yarn", "pnpm"]).compactMap { run, command in
                    let subcommands: Set<String> = command.name == "npm" ? ["install", "i", "add"] : command.name == "yarn" ? ["add"] : ["add", "install", "i"]
                    let packages = command.operands(after: subcommands, valueOptions: ["--prefix", "--registry", "-w", "--workspace", "--cache", "--tag"]) ?? []
                    let unpinned = packages.filter { !isExactNodePackage($0) }
                    guard !unpinned.isEmpty else { return nil }
                    return RuleHit(run.step.location, excerpt: command.excerpt, reason: "no exact version for \(unpinned.joined(separator: ", "))", subject: unpinned.joined(separator: " "))
                }
            }),
    ]

    static let python = "python:3.12-slim@sha256:" + "e9f8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5b4a39281706f5e4d3c2b1a0"

    private static let pipValueOptions: Set<String> = [
        "-r", "--requirement", "-c", "--constraint", "-e", "--editable", "-i", "--index-url", "--extra-index-url", "-f", "--find-links",
        "-t", "--target", "--prefix", "--root", "--trusted-host", "--platform", "--python-version", "--implementation", "--abi", "--src",
        "--upgrade-strategy", "--progress-bar", "--log", "--cache-dir", "--proxy", "--timeout", "--retries", "--cert", "--client-cert",
        "-C", "--config-settings", "--global-option", "--only-binary", "--no-binary", "--report",
    ]

    private static func apkAdds(in context: RuleContext) -> [(run: RuleContext.RunStep, command: ShellCommand)] {
        context.commands(["apk"]).filter { $0.command.subcommand(skipping: ["-X", "--repository", "-p", "--root"]) == "add" }
    }

    /// `pip install`, `pip3 install`, `python3 -m pip install`: the command with pip's arguments.
    private static func pipInstalls(in context: RuleContext) -> [(run: RuleContext.RunStep, command: ShellCommand)] {
        context.runs.flatMap { run in
            run.script.allCommands.compactMap { command -> (RuleContext.RunStep, ShellCommand)? in
                guard let name = command.name else { return nil }
                var pip = command
                if name.hasPrefix("python"), command.arguments.starts(with: ["-m", "pip"]) {
                    pip = ShellCommand(words: ["pip"] + command.arguments.dropFirst(2))
                } else if !(name.hasPrefix("pip") && name.dropFirst(3).allSatisfy { $0.isNumber || $0 == "." }) {
                    return nil
                }
                guard pip.subcommand(skipping: pipValueOptions) == "install" else { return nil }
                return (run, command)
            }
        }
    }

    /// `name@1.2.3` (scoped names too), or a path, tarball or URL that pins itself.
    private static func isExactNodePackage(_ package: String) -> Bool {
        if package.hasPrefix(".") || package.hasPrefix("/") || package.hasSuffix(".tgz") || package.contains("://") || package.utf8.contains(UInt8(ascii: ":")) || package.utf8.contains(UInt8(ascii: "$")) {
            return true
        }
        let body = package.hasPrefix("@") ? package.dropFirst() : Substring(package)
        guard let at = body.firstIndex(of: "@") else { return false }
        let version = body[body.index(after: at)...]
        let core = version.prefix { $0 != "-" && $0 != "+" }
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }
}
