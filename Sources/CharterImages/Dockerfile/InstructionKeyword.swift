/// The instructions a Dockerfile may hold. Anything else is an "unknown instruction", which Docker
/// refuses to build.
package enum InstructionKeyword: String, Sendable, CaseIterable {
    case add = "ADD", arg = "ARG", cmd = "CMD", copy = "COPY", entrypoint = "ENTRYPOINT", env = "ENV"
    case expose = "EXPOSE", from = "FROM", healthcheck = "HEALTHCHECK", label = "LABEL"
    case maintainer = "MAINTAINER", onbuild = "ONBUILD", run = "RUN", shell = "SHELL"
    case stopsignal = "STOPSIGNAL", user = "USER", volume = "VOLUME", workdir = "WORKDIR"

    /// Looks a keyword up the way Docker does: case-insensitively.
    init?(word: some StringProtocol) {
        self.init(rawValue: word.uppercased())
    }

    /// The `--name` flags each instruction accepts (BuildKit's current set); others fail the build.
    var allowedFlags: Set<String> {
        switch self {
        case .from: ["platform"]
        case .copy: ["from", "chown", "chmod", "link", "parents", "exclude"]
        case .add: ["chown", "chmod", "link", "keep-git-dir", "checksum", "exclude", "unpack"]
        case .run: ["mount", "network", "security"]
        case .healthcheck: ["interval", "timeout", "start-period", "start-interval", "retries"]
        default: []
        }
    }

    /// Only these read heredocs (`<<EOF`) from the lines that follow.
    var acceptsHeredocs: Bool { self == .run || self == .copy || self == .add }

    /// Instructions whose argument is a command in exec (JSON) or shell form.
    var takesCommand: Bool { self == .run || self == .cmd || self == .entrypoint }
}
