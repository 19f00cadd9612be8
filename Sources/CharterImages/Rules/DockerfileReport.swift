import CharterCore

/// The result of checking one Dockerfile: findings for the images gate, the syntax problems
/// found while parsing, and the images it builds on.
package struct DockerfileReport: Sendable {
    package let path: String
    /// In rule order, then line order within a rule.
    package let findings: [Finding]
    /// Syntax problems; an `.error` means Docker would refuse to build the file, and a gate
    /// should fail closed on it, since the rules only saw what could be parsed.
    package let problems: [DockerfileProblem]
    /// Every image the file pulls (FROM, COPY --from, RUN --mount from), in file order.
    package let images: [ImageUse]

    package var hasErrors: Bool { problems.contains { $0.severity == .error } }
}

/// An image a Dockerfile pulls, and from where.
package struct ImageUse: Sendable, Equatable {
    package enum Role: String, Sendable, Equatable {
        /// Named by FROM: the stage's base.
        case base
        /// Named by `COPY --from` or `RUN --mount=from=`: files are read out of it.
        case copySource
    }

    package let reference: ImageReference
    package let role: Role
    package let stage: Int
    package let line: Int
    /// The stage's layers end up in the final image.
    package let shipped: Bool
}
