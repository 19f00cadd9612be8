// How stages refer to each other and what a stage says more than once.

extension DockerfileRuleCatalog {
    static let stages: [DockerfileRule] = [
        DockerfileRule(
            id: "DF029", level: .medium, title: "--from names no earlier stage",
            documentation: """
                `COPY --from=` and `RUN --mount=from=` take an earlier stage's name or index, or an \
                image. A number with no stage before it fails the build; a name defined only later \
                reads as a forward reference; and a bare word that matches no stage (`--from=buidler`) \
                is pulled from Docker Hub as an image — usually a typo that fetches an unknown image. \
                Name an earlier stage, or a fully qualified, pinned image.
                """,
            passing: "FROM \(base) AS build\nRUN make\nFROM \(base)\nCOPY --from=build /out /app\nUSER app\n",
            failing: "FROM \(base) AS build\nRUN make\nFROM \(base)\nCOPY --from=buidler /out /app\nCOPY --from=3 /etc/passwd /tmp/\nUSER app\n",
            check: { context in
                context.dockerfile.stages.flatMap { stage in
                    stage.references.compactMap { reference -> RuleHit? in
                        let flag = "--from=\(reference.written)"
                        let reason: String
                        switch reference.target {
                        case .missingIndex(let index):
                            reason = "\(flag): there is no stage \(index) before this one"
                        case .laterStage(let index):
                            reason = "\(flag) names stage \(index), which is defined after this one"
                        case .image(let image) where isBareWord(reference.written):
                            reason = "\(flag) names no stage, so Docker pulls the image \(image.fullyQualified)"
                        case .invalid(let error):
                            reason = "\(flag) is neither a stage nor an image reference: \(error.message)"
                        default:
                            return nil
                        }
                        return RuleHit(reference.instruction, excerpt: flag, reason: reason, subject: reference.written)
                    }
                }
            }),
        DockerfileRule(
            id: "DF030", level: .medium, title: "Two stages share one name",
            documentation: """
                Stage names are case-insensitive and must be unique; BuildKit refuses a file that \
                repeats one, and readers cannot tell which stage `--from` means. Rename one.
                """,
            passing: "FROM \(base) AS build\nFROM \(base) AS test\nFROM \(base)\nUSER app\n",
            failing: "FROM \(base) AS build\nFROM \(base) AS Build\nFROM \(base)\nUSER app\n",
            check: { context in
                let stages = context.dockerfile.stages
                return stages.compactMap { stage in
                    guard let name = stage.name, let first = stages.first(where: { $0.name == name }), first.index < stage.index else { return nil }
                    return RuleHit(stage.from, excerpt: "AS \(name)", reason: "stage name `\(name)` is already used on line \(first.from.startLine)", subject: name)
                }
            }),
        DockerfileRule(
            id: "DF031", level: .low, title: "CMD, ENTRYPOINT or HEALTHCHECK overridden in the same stage",
            documentation: """
                Only the last CMD, ENTRYPOINT and HEALTHCHECK of a stage take effect; earlier ones \
                are dead text that misleads readers about what the container runs. Keep one of each.
                """,
            passing: "FROM \(base)\nUSER app\nENTRYPOINT [\"/app/server\"]\nCMD [\"--port\", \"8080\"]\n",
            failing: "FROM \(base)\nUSER app\nCMD [\"/app/migrate\"]\nCMD [\"/app/server\"]\n",
            check: { context in
                context.dockerfile.stages.flatMap { stage -> [RuleHit] in
                    [InstructionKeyword.cmd, .entrypoint, .healthcheck].flatMap { keyword -> [RuleHit] in
                        let all = stage.instructions.filter { $0.keyword == keyword }
                        guard let last = all.last else { return [] }
                        return all.dropLast().map { overridden in
                            RuleHit(overridden, excerpt: overridden.normalizedText, reason: "overridden by the \(keyword.rawValue) on line \(last.startLine)")
                        }
                    }
                }
            }),
    ]

    /// A plain word that could be a stage name: no registry, path, tag, digest or variable.
    private static func isBareWord(_ text: String) -> Bool {
        !text.contains { "/:@$".contains($0) }
    }
}
