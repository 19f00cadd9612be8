/// One `FROM` and the instructions up to the next: a build stage, with the facts rules need
/// already resolved (its base, its USER and WORKDIR values, the stages and images it copies from).
package struct BuildStage: Sendable {
    package let index: Int
    /// The `AS` name, lowercased (stage names are case-insensitive).
    package let name: String?
    package let from: Instruction
    package let base: StageBase
    /// `--platform` as written.
    package let platform: String?
    /// The instructions after FROM, in order.
    package let instructions: [Instruction]
    /// Each USER instruction's value, variables expanded.
    package let users: [ResolvedValue]
    /// Each WORKDIR instruction's value, variables expanded.
    package let workdirs: [ResolvedValue]
    /// `COPY --from=…` and `RUN --mount=…,from=…` sources.
    package let references: [StageReference]
}

/// What a stage is built on.
package enum StageBase: Sendable, Equatable {
    /// `FROM scratch`: an empty filesystem, nothing pulled.
    case scratch
    /// An earlier stage, by index.
    case stage(Int)
    /// An image; `arguments` names the build arguments its text was expanded from (any of which a
    /// `--build-arg` could change).
    case image(ImageReference, arguments: [String])
    /// Built from variables that have no value in the file (`FROM $BASE` with no default).
    case unresolved(written: String, variables: [String])
    case invalid(written: String, ImageReferenceError)
}

/// A word of an instruction after variable expansion, and where it came from.
package struct ResolvedValue: Sendable, Equatable {
    package let instruction: Instruction
    package let value: String
    /// Variables the value needs that the file does not set.
    package let unresolved: [String]
}

/// A stage or image an instruction reads files from (`COPY --from=`, `RUN --mount=from=`).
package struct StageReference: Sendable, Equatable {
    package enum Target: Sendable, Equatable {
        case stage(Int)
        /// A stage defined after the referring one.
        case laterStage(Int)
        /// A numeric index with no stage before this one.
        case missingIndex(Int)
        case image(ImageReference)
        case invalid(ImageReferenceError)
        case unresolved([String])
    }

    package let instruction: Instruction
    /// The value as written, before expansion.
    package let written: String
    package let target: Target
}
