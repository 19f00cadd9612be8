/// A `--name=value` (or bare `--name`) flag written before an instruction's arguments, quotes
/// and escapes already removed: `--platform=$BUILDPLATFORM`, `--from=build`, `--mount=type=cache,target=/root/.cache`.
package struct InstructionFlag: Sendable, Equatable {
    package let name: String
    package let value: String?

    package init(name: String, value: String?) {
        self.name = name
        self.value = value
    }

    var text: String { value.map { "--\(name)=\($0)" } ?? "--\(name)" }
}
