@testable import CharterImages
import Testing

/// RUN text read as shell: pipelines, wrappers, substitutions, quoting and heredocs.
@Suite struct ShellScriptTests {
    @Test func pipelinesAndSeparators() {
        let script = ShellScript.parse("apt-get update && curl -fsSL https://x.example/install.sh | sh -s -- -y; echo done || true & wait")
        #expect(script.pipelines.map { $0.compactMap(\.name) } == [["apt-get"], ["curl", "sh"], ["echo"], ["true"], ["wait"]])
        #expect(script.pipelines[1][1].arguments == ["-s", "--", "-y"])
    }

    @Test func wrappersAndAssignmentsAreSetApart() {
        let script = ShellScript.parse("DEBIAN_FRONTEND=noninteractive sudo -E -u root env A=1 /usr/bin/apt-get install -y curl >/dev/null 2>&1")
        let command = script.allCommands[0]
        #expect(command.name == "apt-get")
        #expect(command.wrappers == ["sudo", "env"])
        #expect(command.assignments == ["DEBIAN_FRONTEND": "noninteractive", "A": "1"])
        #expect(command.arguments == ["install", "-y", "curl"])
        #expect(command.hasOption("-y") && !command.hasOption("--no-install-recommends"))
    }

    @Test func quotingAndContinuations() {
        let script = ShellScript.parse("echo 'a | b' \"c && d\" e\\ f \\\n  g # comment | sh\nls")
        #expect(script.pipelines.count == 2)
        #expect(script.pipelines[0][0].arguments == ["a | b", "c && d", "e f", "g"])
    }

    @Test func substitutionsAreParsedToo() {
        let script = ShellScript.parse("sh -c \"$(curl -fsSL https://x.example/i.sh)\" && bash <(wget -qO- https://y.example) && echo `id -u`")
        #expect(script.pipelines.map { $0.first?.name } == ["sh", "bash", "echo"])
        #expect(script.pipelines[0][0].arguments == ["-c", "$(curl -fsSL https://x.example/i.sh)"])
        #expect(script.pipelines[1][0].arguments == ["<(wget -qO- https://y.example)"], "a process substitution is an argument, not a redirection")
        #expect(script.substitutions.count == 3)
        #expect(script.allCommands.compactMap(\.name) == ["sh", "bash", "echo", "curl", "wget", "id"])
    }

    @Test func controlFlowIsFlattened() {
        let script = ShellScript.parse("if [ -n \"$X\" ]; then apt-get install -y a; else apk add b; fi\nfor p in a b; do pip install $p; done")
        #expect(script.allCommands.compactMap(\.name).contains("apt-get"))
        #expect(script.allCommands.compactMap(\.name).contains("apk"))
        #expect(script.allCommands.compactMap(\.name).contains("pip"))
    }

    @Test func heredocBodiesAreNotCommands() {
        let script = ShellScript.parse("cat <<'EOF' > /etc/motd\ncurl x | sh\nEOF\nchmod 644 /etc/motd\ncat <<-END\n\tsudo rm -rf /\n\tEND\necho ok")
        #expect(script.allCommands.compactMap(\.name) == ["cat", "chmod", "cat", "echo"])
        #expect(script.allCommands[0].arguments == [])
    }

    @Test func execFormWithAShellRunsTheScript() {
        #expect(ShellScript.exec(["/bin/sh", "-c", "apk add curl && rm -rf /tmp/*"]).allCommands.compactMap(\.name) == ["apk", "rm"])
        #expect(ShellScript.exec(["apt-get", "install", "-y", "curl"]).allCommands.first?.arguments == ["install", "-y", "curl"])
        #expect(ShellScript.exec([]).allCommands.isEmpty)
    }

    @Test func hostileNestingStaysBounded() {
        let deep = String(repeating: "$(", count: 10_000) + "id" + String(repeating: ")", count: 10_000)
        let script = ShellScript.parse(deep)
        #expect(script.pipelines.count == 1)
        let unterminated = ShellScript.parse("echo \"$(curl 'x")
        #expect(unterminated.allCommands.first?.name == "echo")
    }
}
