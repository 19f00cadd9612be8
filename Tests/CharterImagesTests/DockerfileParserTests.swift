@testable import CharterImages
import Testing

/// The parser reads the syntax Docker reads: directives, continuations, comments inside them,
/// heredocs, exec and shell forms, flags, and keeps each instruction's lines.
@Suite struct DockerfileParserTests {
    static func parse(_ text: String) -> Dockerfile { DockerfileParser.parse(text) }

    @Test func directivesOnlyAtTheTop() {
        let file = Self.parse("# Syntax = docker/dockerfile:1\n#ESCAPE=`\nFROM debian\n# escape=\\\nRUN echo `\n  hi\n")
        #expect(file.directives.map(\.name) == ["syntax", "escape"])
        #expect(file.directives.first?.value == "docker/dockerfile:1")
        #expect(file.escape == UInt8(ascii: "`"))
        #expect(file.instructions.map(\.keyword) == [.from, .run])
        #expect(file.instructions[1].arguments == "echo   hi", "the backtick continues the line")
        #expect(file.problems == [DockerfileProblem(.warning, line: 4, "`escape` parser directive is ignored here: directives must come before any comment, blank line or instruction")])
    }

    @Test func aCommentOrBlankLineEndsTheDirectives() {
        #expect(Self.parse("# a comment\n# escape=`\nFROM debian\n").escape == UInt8(ascii: "\\"))
        #expect(Self.parse("\n# escape=`\nFROM debian\n").escape == UInt8(ascii: "\\"))
        #expect(Self.parse("# unknown=1\n# escape=`\nFROM debian\n").escape == UInt8(ascii: "\\"))
        #expect(Self.parse("  #  escape =  `  \nFROM debian\n").escape == UInt8(ascii: "`"))
    }

    @Test func badDirectivesAreErrors() {
        let file = Self.parse("# escape=x\n# escape=`\nFROM debian\n")
        #expect(file.problems.map(\.line) == [1, 2])
        #expect(file.problems[0].message.contains("invalid escape character `x`"))
        #expect(file.problems[1].message.contains("only one `escape` parser directive"))
    }

    @Test func continuationsSkipCommentsAndBlankLines() {
        let file = Self.parse("""
            FROM debian:12
            RUN apt-get update \\
                # refresh first
                && apt-get install -y curl \\\t

                && rm -rf /var/lib/apt/lists/*
            USER app
            """)
        let run = file.instructions[1]
        #expect(run.arguments == "apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt/lists/*")
        #expect(run.startLine == 2 && run.endLine == 6)
        #expect(file.instructions[2].startLine == 7)
        #expect(file.problems.map(\.severity) == [.warning], "an empty continuation line is warned about")
    }

    @Test func windowsLineEndingsAndByteOrderMark() {
        let file = Self.parse("\u{FEFF}FROM debian\r\nRUN echo a \\\r\n  b\r\n")
        #expect(file.instructions.map(\.arguments) == ["debian", "echo a   b"])
        #expect(file.problems.isEmpty)
    }

    @Test func heredocsWithEveryMarkerForm() throws {
        let file = Self.parse("""
            FROM alpine
            RUN <<EOF
            apk add --no-cache curl
            echo "$HOME"
            EOF
            RUN <<-"END" bash
            \t\techo tabbed
            \tEND
            COPY <<one.txt <<'two.txt' /srv/
            first
            one.txt
            second
            two.txt
            RUN echo "<<NOT" && cat<<ALSO_NOT
            USER app
            """)
        let runs = file.instructions.filter { $0.keyword == .run }
        #expect(runs[0].heredocs == [Heredoc(name: "EOF", content: "apk add --no-cache curl\necho \"$HOME\"\n", stripsTabs: false, expandsVariables: true, firstLine: 3)])
        #expect(runs[0].startLine == 2 && runs[0].endLine == 5)
        #expect(runs[1].heredocs.first?.content == "echo tabbed\n")
        #expect(runs[1].heredocs.first?.expandsVariables == false)
        #expect(runs[1].endLine == 8)
        let copy = try #require(file.instructions.first { $0.keyword == .copy })
        #expect(copy.heredocs.map(\.name) == ["one.txt", "two.txt"])
        #expect(copy.heredocs.map(\.content) == ["first\n", "second\n"])
        #expect(copy.endLine == 13)
        #expect(runs[2].heredocs.isEmpty, "quoted and glued markers are not heredocs")
        #expect(file.instructions.last?.keyword == .user)
        #expect(file.problems.isEmpty)
    }

    @Test func unterminatedHeredocIsAnError() {
        let file = Self.parse("FROM alpine\nRUN <<EOF\necho never closed\n")
        #expect(file.problems == [DockerfileProblem(.error, line: 2, "heredoc `<<EOF` is not terminated: no line `EOF` follows before the end of the file")])
    }

    @Test func execAndShellForms() {
        let file = Self.parse("""
            FROM debian
            CMD ["node", "server.js"]
            ENTRYPOINT /usr/bin/start --fast
            RUN [ -f /etc/os-release ] && cat /etc/os-release
            CMD ['node', 'server.js']
            SHELL ["/bin/bash", "-o", "pipefail", "-c"]
            COPY ["my file.txt", "/dst/"]
            HEALTHCHECK --interval=30s CMD ["curl", "-f", "http://localhost/"]
            """)
        let commands = file.instructions.map(\.command)
        #expect(commands[1] == .exec(["node", "server.js"]))
        #expect(commands[2] == .shell("/usr/bin/start --fast"))
        #expect(commands[3] == .shell("[ -f /etc/os-release ] && cat /etc/os-release"))
        #expect(commands[4] == .shell("['node', 'server.js']"))
        #expect(commands[5] == .exec(["/bin/bash", "-o", "pipefail", "-c"]))
        #expect(file.instructions[6].words == ["my file.txt", "/dst/"])
        #expect(commands[7] == .exec(["curl", "-f", "http://localhost/"]))
        #expect(file.instructions[7].flag("interval")?.value == "30s")
        #expect(file.problems.count == 1)
        #expect(file.problems.first?.line == 5)
        #expect(file.problems.first?.severity == .warning)
        #expect(file.problems.first?.message.contains("not valid JSON") == true)
    }

    @Test func flagsKeepTheirValues() {
        let file = Self.parse("""
            FROM --platform=$BUILDPLATFORM golang:1.22 AS build
            RUN --mount=type=cache,target=/root/.cache/go-build --mount="type=secret,id=npm" go build
            COPY --from=build --chown=app:app --link /out/app /usr/local/bin/
            COPY -- --weird-name /dst
            """)
        #expect(file.instructions[0].flag("platform")?.value == "$BUILDPLATFORM")
        #expect(file.instructions[1].flagValues("mount") == ["type=cache,target=/root/.cache/go-build", "type=secret,id=npm"])
        #expect(file.instructions[1].arguments == "go build")
        #expect(file.instructions[2].flags.map(\.name) == ["from", "chown", "link"])
        #expect(file.instructions[2].flag("link")?.value == nil)
        #expect(file.instructions[3].arguments == "--weird-name /dst")
        #expect(file.problems.isEmpty)
    }

    @Test func keyValueInstructions() {
        let file = Self.parse("""
            FROM debian
            ENV A=1 B="two words" C=three\\ words D='$HOME'
            ENV LEGACY value with spaces
            LABEL "org.opencontainers.image.title"="Charter demo"
            ARG VERSION=1.2 FLAG
            """)
        #expect(file.instructions[1].pairs.map(\.key) == ["A", "B", "C", "D"])
        #expect(file.instructions[1].pairs.map(\.value) == ["1", "two words", "three words", "$HOME"])
        #expect(file.instructions[2].pairs == [KeyValue(key: "LEGACY", value: "value with spaces", rawValue: "value with spaces")])
        #expect(file.instructions[3].pairs.first?.key == "org.opencontainers.image.title")
        #expect(file.instructions[4].pairs == [KeyValue(key: "VERSION", value: "1.2", rawValue: "1.2"), KeyValue(key: "FLAG", value: nil, rawValue: nil)])
    }

    @Test func onbuildWrapsItsTrigger() throws {
        let file = Self.parse("FROM debian\nONBUILD RUN <<EOF\ncurl -fsSL https://get.example.com | sh\nEOF\nONBUILD ONBUILD RUN x\n")
        let onbuild = try #require(file.instructions.first { $0.keyword == .onbuild })
        #expect(onbuild.trigger?.keyword == .run)
        #expect(onbuild.trigger?.heredocs.first?.content == "curl -fsSL https://get.example.com | sh\n")
        #expect(file.problems.map(\.line) == [5])
    }

    @Test func badInstructionsAreReportedOnTheirLine() {
        let file = Self.parse("""
            FROM debian
            RUN apt-get update
                apt-get install -y curl
            COPY --form=build /a /b
            COPY onlyone
            ENV NOVALUE
            ENV A=1 B
            HEALTHCHECK curl localhost
            CMD
            """)
        let messages = file.problems.map { "\($0.line): \($0.message)" }
        #expect(messages == [
            "3: unknown instruction `apt-get`; if it continues line 2, end that line with `\\`",
            "4: unknown flag `--form` for COPY (it takes --chmod, --chown, --exclude, --from, --link, --parents)",
            "5: COPY needs at least one source and a destination",
            "6: ENV NOVALUE has no value; write NOVALUE=value",
            "7: ENV word `B` has no `=`; write name=value",
            "8: HEALTHCHECK takes `NONE` or `CMD <command>`",
            "9: CMD needs arguments",
        ])
        #expect(file.problems.allSatisfy { $0.severity == .error })
    }

    @Test func unknownKeywordAfterABlankLineGetsTheListOfInstructions() {
        let file = Self.parse("FROM debian\n\nFORM x\n")
        #expect(file.problems.first?.message.hasPrefix("unknown instruction `FORM` (instructions are ADD, ARG,") == true)
    }
}
