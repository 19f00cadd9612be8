/// A parsed Dockerfile: its instructions in order, the build stages they form, and every problem
/// found on the way. Parsing never fails; check `problems` (an `.error` means Docker would refuse
/// to build the file).
package struct Dockerfile: Sendable {
    package let directives: [ParserDirective]
    /// The escape character in effect: `\` unless `# escape=` chose a backtick.
    package let escape: UInt8
    /// Every instruction, ARGs before the first FROM included, in file order.
    package let instructions: [Instruction]
    package let stages: [BuildStage]
    /// ARGs declared before the first FROM, defaults expanded: the only variables FROM may use.
    package let globalArguments: [KeyValue]
    /// Sorted by line.
    package let problems: [DockerfileProblem]
    package let lineCount: Int

    /// The stage `docker build` produces when no `--target` is given.
    package var finalStage: BuildStage? { stages.last }

    package var hasErrors: Bool { problems.contains { $0.severity == .error } }

    /// Indexes of the final stage and the stages it is built `FROM`, directly or not: the stages
    /// whose layers end up in the shipped image.
    package var shippedStageIndexes: Set<Int> {
        var shipped: Set<Int> = []
        var next = stages.indices.last
        while let index = next, shipped.insert(index).inserted {
            if case .stage(let parent) = stages[index].base { next = parent } else { next = nil }
        }
        return shipped
    }
}
