// Instructions that work but hide intent or behave worse than the alternative.

extension DockerfileRuleCatalog {
    static let style: [DockerfileRule] = [
        DockerfileRule(
            id: "DF027", level: .low, title: "`cd` in RUN instead of WORKDIR",
            documentation: """
                `RUN cd /src && make` changes directory for that one step only, so the next step \
                silently runs somewhere else. Set the directory with `WORKDIR /src`, which lasts \
                until the next WORKDIR and documents where the build happens.
                """,
            passing: "FROM \(base)\nWORKDIR /src\nRUN make\nUSER app\n",
            failing: "FROM \(base)\nRUN cd /src && make\nUSER app\n",
            check: { context in
                context.runs.compactMap { run in
                    guard let first = run.script.pipelines.first?.first, first.name == "cd", run.script.pipelines.count > 1 else { return nil }
                    return RuleHit(run.step.location, excerpt: first.excerpt, reason: "the directory change lasts only for this RUN; use WORKDIR")
                }
            }),
        DockerfileRule(
            id: "DF028", level: .low, title: "WORKDIR is a relative path",
            documentation: """
                A relative WORKDIR is resolved against the previous one — possibly set by the base \
                image — so the directory depends on something outside this file. Use an absolute \
                path.
                """,
            passing: "FROM \(base)\nWORKDIR /app\nUSER app\n",
            failing: "FROM \(base)\nWORKDIR app\nUSER app\n",
            check: { context in
                context.dockerfile.stages.flatMap(\.workdirs).compactMap { workdir in
                    let path = workdir.value
                    guard workdir.unresolved.isEmpty, !path.isEmpty, !path.hasPrefix("/"), !isWindowsPath(path) else { return nil }
                    return RuleHit(workdir.instruction, excerpt: "WORKDIR \(path)", reason: "`\(path)` is relative to whatever the previous WORKDIR was")
                }
            }),
        DockerfileRule(
            id: "DF032", level: .low, title: "ENTRYPOINT in shell form",
            documentation: """
                Shell-form ENTRYPOINT runs the program under `/bin/sh -c`: the shell is PID 1, \
                `docker stop` signals reach the shell instead of the program (which is killed after \
                the timeout), and CMD arguments are ignored. Use exec form: \
                `ENTRYPOINT ["/app/server"]`.
                """,
            passing: "FROM \(base)\nUSER app\nENTRYPOINT [\"/app/server\", \"--port=8080\"]\n",
            failing: "FROM \(base)\nUSER app\nENTRYPOINT /app/server --port=8080\n",
            check: { context in
                context.dockerfile.stages.filter { context.shipped.contains($0.index) }.flatMap(\.instructions).compactMap { instruction in
                    guard instruction.keyword == .entrypoint, case .shell(let text) = instruction.command else { return nil }
                    return RuleHit(instruction, excerpt: "ENTRYPOINT \(text)", reason: "the program runs under a shell, which does not pass signals on")
                }
            }),
        DockerfileRule(
            id: "DF035", level: .low, title: "MAINTAINER is deprecated",
            documentation: """
                MAINTAINER is deprecated and shows up in no standard tooling. Use the OCI label: \
                `LABEL org.opencontainers.image.authors="team@example.com"`.
                """,
            passing: "FROM \(base)\nLABEL org.opencontainers.image.authors=\"platform@example.com\"\nUSER app\n",
            failing: "FROM \(base)\nMAINTAINER platform@example.com\nUSER app\n",
            check: { context in
                context.dockerfile.instructions.filter { $0.keyword == .maintainer }.map { instruction in
                    RuleHit(instruction, excerpt: instruction.normalizedText, reason: "use LABEL org.opencontainers.image.authors instead")
                }
            }),
        DockerfileRule(
            id: "DF036", level: .low, title: "ADD used where COPY suffices",
            documentation: """
                ADD also downloads URLs and unpacks tar archives, so readers must check which it \
                does; for a local file or folder it is a COPY with surprises (a file that happens \
                to be a tar archive gets unpacked). Use COPY, and keep ADD for archives you mean to \
                unpack and verified downloads.
                """,
            passing: "FROM \(base)\nADD rootfs.tar.gz /\nCOPY config/ /etc/app/\nUSER app\n",
            failing: "FROM \(base)\nADD config/ /etc/app/\nUSER app\n",
            check: { context in
                context.steps(.add).flatMap { step -> [RuleHit] in
                    let instruction = step.instruction
                    let local = step.sources.filter { !isRemote($0) && !$0.utf8.contains(UInt8(ascii: "$")) && !isTarArchive($0) }
                    let inline = instruction.heredocs.map { "<<\($0.name)" }
                    return (local + inline).map { source in
                        RuleHit(step.location, excerpt: "ADD \(source)", reason: "\(source) is neither a URL nor a tar archive; COPY does the same", subject: source)
                    }
                }
            }),
    ]

    private static let tarExtensions = [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz", ".tar.zst", ".tzst"]

    private static func isTarArchive(_ source: String) -> Bool {
        let lowered = source.lowercased()
        return tarExtensions.contains(where: lowered.hasSuffix)
    }

    /// `C:\app` or `C:/app`: absolute on Windows images.
    private static func isWindowsPath(_ path: String) -> Bool {
        let characters = Array(path.prefix(3))
        return characters.count >= 2 && characters[0].isLetter && characters[1] == ":"
    }
}
