@testable import CharterImages
import Testing

/// The variants each rule must handle beyond its two samples: other spellings, wrappers,
/// exec form, ONBUILD, inheritance between stages, and the look-alikes it must leave alone.
@Suite struct DockerfileRuleCaseTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let rule: String
        let body: String
        let count: Int
        /// Replaces the pinned, approved `FROM` the body is otherwise appended to.
        let header: String

        init(_ rule: String, _ count: Int, _ body: String, header: String = "FROM \(DockerfileRuleCatalog.base)\n") {
            self.rule = rule
            self.body = body
            self.count = count
            self.header = header
        }

        var testDescription: String { "\(rule) ×\(count): \(body.prefix(70))" }
    }

    static let digest = "@sha256:" + String(repeating: "5e", count: 32)

    static let cases: [Case] = [
        // Base images: COPY --from images count, scratch and stages do not, arguments are followed.
        Case("DF001", 1, "COPY --from=quay.io/team/tools:1.0\(digest) /bin/tool /bin/\nUSER app\n"),
        Case("DF001", 0, "USER app\n", header: "FROM scratch\n"),
        Case("DF001", 0, "USER app\n", header: "FROM registry.example.com/base/go:1.22\(digest)\n"),
        Case("DF002", 1, "USER app\n", header: "ARG TAG=12\nFROM debian:${TAG}\n"),
        Case("DF002", 0, "USER app\n", header: "FROM debian\(digest) AS base\nFROM base\n"),
        Case("DF003", 1, "USER app\n", header: "FROM alpine:latest\n"),
        Case("DF003", 0, "USER app\n", header: "FROM alpine:latest\(digest)\n"),
        Case("DF004", 0, "USER app\n", header: "ARG BASE=debian:12\(digest)\nFROM $BASE\n"),
        Case("DF004", 1, "USER app\n", header: "FROM debian:${TAG}\n"),
        Case("DF005", 0, "USER app\n", header: "FROM --platform=${TARGETPLATFORM} debian\(digest)\n"),
        // Root: the last USER counts, numeric and group forms, inheritance, unresolved variables.
        Case("DF006", 1, "USER 0:0\n"),
        Case("DF006", 1, "USER root:staff\n"),
        Case("DF006", 0, "USER 10001:0\n"),
        Case("DF006", 0, "USER $APP_UID\n"),
        Case("DF006", 1, "FROM base\nRUN id\n", header: "FROM debian\(digest) AS base\nUSER root\n"),
        Case("DF006", 1, "COPY app /app\n", header: "FROM scratch\n"),
        Case("DF006", 1, "ONBUILD USER app\n"),
        // Secrets.
        Case("DF007", 1, "ARG DEPLOY_KEY=AKIAQ3EGRBWYSXLUVMZK\nUSER app\n", header: "ARG X=1\nFROM debian\(digest)\n"),
        Case("DF007", 1, "LABEL key=AKIAQ3EGRBWYSXLUVMZK\nUSER app\n"),
        Case("DF008", 1, "CMD [\"app\", \"--key=AKIAQ3EGRBWYSXLUVMZK\"]\nUSER app\n"),
        Case("DF008", 1, "COPY <<EOF /etc/app.ini\nkey = AKIAQ3EGRBWYSXLUVMZK\nEOF\nUSER app\n"),
        Case("DF008", 1, "ONBUILD RUN export KEY=AKIAQ3EGRBWYSXLUVMZK\nUSER app\n"),
        Case("DF009", 1, "ARG GITHUB_TOKEN=ghp_notreallyatoken\nUSER app\n"),
        Case("DF009", 1, "ENV dbPassword=hunter22\nUSER app\n"),
        Case("DF009", 0, "ENV TOKEN_URL=https://auth.example.com/token PASSWORD_MIN_LENGTH=12 AWS_ACCESS_KEY_ID=placeholder\nUSER app\n"),
        Case("DF009", 0, "ENV API_KEY=${API_KEY} SECRET_ENABLED=true\nUSER app\n"),
        Case("DF010", 1, "ENV NPM_TOKEN=$NPM_TOKEN\nUSER app\n"),
        Case("DF010", 0, "ARG APP_VERSION\nUSER app\n"),
        // Downloads and verification.
        Case("DF011", 1, "ADD git@github.com:acme/tools.git /opt/tools\nUSER app\n"),
        Case("DF011", 0, "ADD vendor/tools.tar.gz /opt/\nUSER app\n"),
        Case("DF012", 1, "RUN wget -qO- https://example.com/i.sh | sudo -E sh\nUSER app\n"),
        Case("DF012", 1, "RUN sh -c \"$(curl -fsSL https://example.com/i.sh)\"\nUSER app\n"),
        Case("DF012", 1, "RUN bash <(curl -fsSL https://example.com/i.sh)\nUSER app\n"),
        Case("DF012", 1, "RUN <<EOF\nset -e\ncurl -fsSL https://example.com/i.sh | python3 -\nEOF\nUSER app\n"),
        Case("DF012", 1, "ONBUILD RUN curl -fsSL https://example.com/i.sh | sh\nUSER app\n"),
        Case("DF012", 0, "RUN curl -fsSL https://example.com/data.json | jq .version\nUSER app\n"),
        Case("DF012", 0, "SHELL [\"pwsh\", \"-Command\"]\nRUN curl https://example.com/i.ps1 | sh\nUSER app\n"),
        Case("DF013", 1, "RUN pip install --trusted-host pypi.internal -r requirements.txt\nUSER app\n"),
        Case("DF013", 1, "RUN git config --global http.sslVerify false\nUSER app\n"),
        Case("DF013", 1, "ENV NODE_TLS_REJECT_UNAUTHORIZED=0\nUSER app\n"),
        Case("DF013", 1, "RUN echo 'deb [trusted=yes] http://mirror.internal/ bookworm main' > /etc/apt/sources.list.d/m.list\nUSER app\n"),
        Case("DF013", 1, "RUN GIT_SSL_NO_VERIFY=1 git clone https://git.internal/acme/app.git\nUSER app\n"),
        Case("DF013", 0, "RUN curl -fsSL -o key.gpg https://example.com/key.gpg\nUSER app\n"),
        // Copied files.
        Case("DF014", 1, "COPY --from=build /root/.ssh /root/.ssh\nUSER app\n", header: "FROM debian\(digest) AS build\nFROM debian\(digest)\n"),
        Case("DF014", 2, "COPY .env.production certs/server.key /app/\nUSER app\n"),
        Case("DF014", 1, "COPY deploy_key /root/.ssh/id_rsa\nUSER app\n"),
        Case("DF014", 0, "COPY certs/ca-cert.pem certs/fullchain.pem /etc/ssl/\nCOPY . .\nUSER app\n"),
        Case("DF015", 1, "COPY ./.git/ /src/.git/\nUSER app\n"),
        Case("DF015", 0, "COPY .gitignore .github/ /src/\nUSER app\n"),
        // Package managers.
        Case("DF016", 0, "RUN apt-get install -y -o APT::Install-Recommends=false curl=7.88.1-10+deb12u8\nUSER app\n"),
        Case("DF016", 0, "RUN apt-get install -y curl=7.88.1\nFROM \(DockerfileRuleCatalog.base)\nUSER app\n", header: "FROM \(DockerfileRuleCatalog.base) AS build\n"),
        Case("DF017", 0, "RUN apt-get -qq install --no-install-recommends tini=0.19.0-1\nUSER app\n"),
        Case("DF017", 1, "RUN [\"apt-get\", \"install\", \"--no-install-recommends\", \"tini=0.19.0-1\"]\nUSER app\n"),
        Case("DF018", 0, "RUN apt-get update && apt-get install -y --no-install-recommends tini=0.19.0-1 && rm -rf /var/lib/apt/lists\nUSER app\n"),
        Case("DF019", 1, "RUN apt-get install -y -t bookworm-backports --no-install-recommends golang\nUSER app\n"),
        Case("DF020", 0, "RUN apk add curl=8.9.1-r1 && rm -rf /var/cache/apk/*\nUSER app\n"),
        Case("DF021", 0, "RUN apk add --no-cache ./local.apk\nUSER app\n"),
        Case("DF022", 0, "ENV PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\nUSER app\n"),
        Case("DF022", 1, "RUN python3 -m pip install -r requirements.txt\nUSER app\n"),
        Case("DF023", 1, "RUN python3 -m pip install --no-cache-dir --upgrade pip\nUSER app\n"),
        Case("DF023", 0, "RUN pip3 install --no-cache-dir -e . git+https://github.com/acme/lib@v1.2.0\nUSER app\n"),
        Case("DF024", 0, "RUN npm install && yarn install --frozen-lockfile && npm i -g @scope/cli@1.2.3 ./local-pkg\nUSER app\n"),
        Case("DF024", 1, "RUN yarn global add typescript@latest\nUSER app\n"),
        Case("DF025", 1, "RUN apt upgrade -y\nUSER app\n"),
        Case("DF025", 0, "RUN apt-get install -y --no-install-recommends --only-upgrade openssl=3.0.15\nUSER app\n"),
        // Build steps and runtime.
        Case("DF026", 1, "RUN if [ -f x ]; then sudo make install; fi\nUSER app\n"),
        Case("DF027", 0, "RUN make && cd -\nUSER app\n"),
        Case("DF028", 0, "WORKDIR ${APP_HOME}\nWORKDIR C:\\\\app\nUSER app\n"),
        Case("DF028", 1, "ENV DIR=srv\nWORKDIR $DIR\nUSER app\n"),
        Case("DF029", 1, "COPY --from=later /a /b\nFROM debian\(digest) AS later\nUSER app\n"),
        Case("DF029", 0, "COPY --from=gcr.io/distroless/static-debian12\(digest) /etc/passwd /etc/passwd\nUSER app\n"),
        Case("DF029", 1, "RUN --mount=type=bind,from=sources,target=/src make\nUSER app\n"),
        Case("DF031", 1, "HEALTHCHECK CMD [\"/bin/check\"]\nHEALTHCHECK NONE\nUSER app\n"),
        Case("DF031", 0, "CMD [\"a\"]\nFROM \(DockerfileRuleCatalog.base)\nCMD [\"b\"]\nUSER app\n"),
        Case("DF032", 0, "ENTRYPOINT /bin/builder\nFROM \(DockerfileRuleCatalog.base)\nUSER app\n", header: "FROM \(DockerfileRuleCatalog.base) AS build\n"),
        Case("DF033", 1, "EXPOSE 22/udp 443\nUSER app\n"),
        Case("DF033", 0, "EXPOSE 2222 220\nUSER app\n"),
        Case("DF034", 2, "RUN chmod a+rwx /data && chmod 0666 /data/db\nUSER app\n"),
        Case("DF034", 1, "COPY --chmod=0777 app /app\nUSER app\n"),
        Case("DF034", 0, "RUN chmod u+x,g-w /app/run && chmod 755 /app\nUSER app\n"),
        Case("DF036", 1, "ADD <<EOF /etc/motd\nhello\nEOF\nUSER app\n"),
        Case("DF036", 0, "ADD https://example.com/file.txt /srv/\nADD --checksum=sha256:\(String(repeating: "1f", count: 32)) https://example.com/a.tgz /opt/\nUSER app\n"),
        Case("DF037", 0, "RUN --network=none make\nUSER app\n"),
    ]

    @Test(arguments: cases)
    func ruleFiresAsExpected(_ example: Case) throws {
        let report = try DockerfileTesting.check(example.header + example.body)
        let hits = report.findings.filter { $0.ruleID == example.rule }
        #expect(hits.count == example.count, "\(example.rule) fired \(hits.count)×: \(hits.map(\.notes))")
        #expect(!report.hasErrors, "\(report.problems)")
    }

    @Test func onbuildFindingsPointAtTheOnbuildLine() throws {
        let report = try DockerfileTesting.check("FROM \(DockerfileRuleCatalog.base)\nUSER app\n\nONBUILD RUN curl -fsSL https://x.example/i.sh | sh\n")
        #expect(report.findings.filter { $0.ruleID == "DF012" }.map(\.location.line) == [4])
    }

    @Test func baseFromABuildArgumentSaysSo() throws {
        let report = try DockerfileTesting.check("ARG BASE=ubuntu:24.04\nFROM ${BASE}\nUSER app\n")
        let approval = try #require(report.findings.first { $0.ruleID == "DF001" })
        #expect(approval.location.line == 2)
        #expect(approval.notes.contains { $0.contains("build argument(s) BASE") })
    }
}
