// The base-image policy: where images come from, how they are pinned, how they are chosen.

extension DockerfileRuleCatalog {
    static let baseImages: [DockerfileRule] = [
        DockerfileRule(
            id: "DF001", level: .high, title: "Base image is not on the approved list",
            documentation: """
                Every image a build pulls — each stage's FROM and every `COPY --from` or `--mount` \
                image — must match a pattern in the policy's approved list. An unapproved base brings \
                in an operating system and packages nobody has vetted or patches. Build on an \
                approved image, or add the repository to the list after review.
                """,
            passing: "FROM \(base)\nUSER app\n",
            failing: "FROM ubuntu:24.04@sha256:\(String(repeating: "1c", count: 32))\nUSER app\n",
            check: { context in violations(.notApproved, in: context) }),
        DockerfileRule(
            id: "DF002", level: .high, title: "Base image is not pinned by digest",
            documentation: """
                A tag such as `debian:12` is a pointer the publisher moves with every rebuild, so the \
                same Dockerfile yields different images on different days, and a compromised registry \
                account can swap what you build on. Pin the image you tested: \
                `FROM debian:12@sha256:<digest>` (keep the tag for readers; the digest decides).
                """,
            passing: "FROM \(base)\nUSER app\n",
            failing: "FROM debian:12-slim\nUSER app\n",
            check: { context in violations(.notDigestPinned, in: context) }),
        DockerfileRule(
            id: "DF003", level: .medium, title: "Base image uses `latest` or no tag",
            documentation: """
                Without a digest, `latest` (written, or implied by a missing tag) changes with every \
                upstream release, including major versions. Name the version you mean, and pin its \
                digest.
                """,
            passing: "FROM debian:12-slim\nUSER app\n",
            failing: "FROM debian\nUSER app\n",
            check: { context in violations(.latestTag, in: context) + violations(.missingTag, in: context) }),
        DockerfileRule(
            id: "DF004", level: .high, title: "Base image is chosen by a build argument without a default",
            documentation: """
                `FROM $BASE` with no default for `BASE` means the image is decided by whoever runs \
                the build, so the policy cannot be checked from the file. Give the argument a \
                default that satisfies the policy (`ARG BASE=debian:12@sha256:…`), or name the \
                image directly.
                """,
            passing: "ARG BASE=\(base)\nFROM ${BASE}\nUSER app\n",
            failing: "ARG BASE\nFROM ${BASE}\nUSER app\n",
            check: { context in
                context.dockerfile.stages.compactMap { stage in
                    guard case .unresolved(let written, let variables) = stage.base else { return nil }
                    return RuleHit(stage.from, excerpt: "FROM \(written)", reason: "the base image depends on \(variables.map { "`\($0)`" }.joined(separator: ", ")), which the Dockerfile does not set")
                }
            }),
        DockerfileRule(
            id: "DF005", level: .low, title: "FROM --platform is hard-coded",
            documentation: """
                `FROM --platform=linux/amd64` forces one architecture even when the build targets \
                another, producing images that run under emulation or not at all. Use \
                `--platform=$BUILDPLATFORM` for build stages that cross-compile, and leave the final \
                stage to the target platform.
                """,
            passing: "FROM --platform=$BUILDPLATFORM \(base) AS build\nFROM \(base)\nUSER app\n",
            failing: "FROM --platform=linux/amd64 \(base)\nUSER app\n",
            check: { context in
                context.dockerfile.stages.compactMap { stage in
                    guard let platform = stage.platform, !platform.utf8.contains(UInt8(ascii: "$")) else { return nil }
                    return RuleHit(stage.from, excerpt: "FROM --platform=\(platform)", reason: "the stage is always built for \(platform), whatever platform the build targets")
                }
            }),
    ]

    /// Hits for one kind of policy violation across every image the build pulls.
    private static func violations(_ kind: BaseImageViolation.Kind, in context: RuleContext) -> [RuleHit] {
        context.images.flatMap { image in
            image.violations.filter { $0.kind == kind }.map { violation in
                var notes: [String] = []
                if !image.isBase { notes.append("files are copied out of this image, so it is a base in all but name") }
                if !image.arguments.isEmpty {
                    notes.append("the name comes from build argument(s) \(image.arguments.joined(separator: ", ")); this is their default, and `--build-arg` can replace it")
                }
                return RuleHit(image.instruction, excerpt: image.reference.familiar, reason: violation.reason, subject: image.reference.fullyQualified, notes: notes)
            }
        }
    }
}
