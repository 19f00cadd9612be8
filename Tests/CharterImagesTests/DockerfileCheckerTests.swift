import CharterCore
@testable import CharterImages
import Testing

/// The checker's contract: findings for the images gate, rules that can be switched off by id,
/// fingerprints that survive edits elsewhere in the file, and no secret in anything shown.
@Suite struct DockerfileCheckerTests {
    static let key = "AKIAQ3EGRBWYSXLUVMZK"
    static let password = "correct-horse-battery-staple"

    /// A Dockerfile with a secret in every place one can hide, most of them on instructions that
    /// other rules also report.
    static let leaky = """
        ARG DEPLOY_KEY=\(key)
        FROM debian:12
        LABEL build.key="\(key)"
        ENV DB_PASSWORD=\(password) AWS_KEY=\(key)
        RUN curl -H "X-Key: \(key)" https://get.example.com/install.sh | sudo sh
        RUN <<EOF
        apt-get install curl
        export DB_PASSWORD=\(password)
        aws configure set aws_access_key_id \(key)
        EOF
        COPY <<creds.ini /root/.aws/credentials
        aws_access_key_id = \(key)
        creds.ini
        CMD ["app", "--key", "\(key)"]
        FRM \(key)
        """

    @Test func findingsCarryTheRuleAndLocation() throws {
        let report = try DockerfileTesting.check("FROM debian:12\nRUN apt-get install -y curl\n", path: "services/api/Dockerfile")
        let pinning = try #require(report.findings.first { $0.ruleID == "DF002" })
        #expect(pinning.gate == "images")
        #expect(pinning.level == .high)
        #expect(pinning.title == "Base image is not pinned by digest")
        #expect(pinning.location == SourceLocation(path: "services/api/Dockerfile", line: 1, column: 1))
        #expect(pinning.preview == "debian:12")
        #expect(pinning.notes.first?.contains("not pinned by digest") == true)
        #expect(report.findings.map(\.ruleID) == ["DF002", "DF006", "DF016", "DF019"])
    }

    @Test func noSecretValueIsEverShown() throws {
        let report = try DockerfileTesting.check(Self.leaky)
        let ids = Set(report.findings.map(\.ruleID))
        #expect(ids.isSuperset(of: ["DF007", "DF008", "DF009", "DF012", "DF014", "DF026"]))
        let shown = report.findings.flatMap { [$0.preview, $0.title] + $0.notes } + report.problems.map(\.message)
        for text in shown {
            #expect(!text.contains(Self.key), "a finding shows the access key: \(text)")
            #expect(!text.contains(Self.password), "a finding shows the password: \(text)")
        }
        #expect(report.problems.contains { $0.message.contains("unknown instruction `FRM`") })
    }

    @Test func secretsAreNotHashedRaw() throws {
        let inputs = Locked<[String]>([])
        let checker = try DockerfileChecker(hasher: { input in
            inputs.withLock { $0.append(input) }
            return DockerfileTesting.hasher(input)
        })
        _ = checker.check(text: Self.leaky, path: "Dockerfile", policy: try DockerfileTesting.samplePolicy.get(), probe: AccessKeyProbe())
        let hashed = inputs.withLock { $0 }
        #expect(!hashed.isEmpty)
        #expect(hashed.allSatisfy { !$0.contains(Self.key) && !$0.contains(Self.password) })
    }

    @Test func secretsInHeredocsPointAtTheirLine() throws {
        let report = try DockerfileTesting.check(Self.leaky)
        let lines = report.findings.filter { $0.ruleID == "DF008" }.map(\.location.line)
        #expect(lines == [5, 9, 12, 14])
        let settings = report.findings.filter { $0.ruleID == "DF007" }.map(\.location.line)
        #expect(settings == [1, 3, 4])
    }

    @Test func fingerprintsSurviveEditsElsewhere() throws {
        let original = "FROM debian:12\nRUN apt-get install -y curl git\nUSER app\n"
        let moved = "# build image\nFROM debian:12\n\n# tools\nRUN apt-get   install -y \\\n    curl git\nUSER app\n"
        let before = try DockerfileTesting.check(original).findings
        let after = try DockerfileTesting.check(moved).findings
        #expect(before.map(\.ruleID) == after.map(\.ruleID))
        #expect(before.map(\.fingerprint) == after.map(\.fingerprint))
        #expect(before.map(\.location.line) != after.map(\.location.line))
        let elsewhere = try DockerfileTesting.check(original, path: "other/Dockerfile").findings
        #expect(Set(elsewhere.map(\.fingerprint)).isDisjoint(with: before.map(\.fingerprint)))
    }

    @Test func hitsOnOneInstructionHaveDistinctFingerprints() throws {
        let report = try DockerfileTesting.check("FROM debian:12\nCOPY .npmrc .pypirc id_rsa /root/\nUSER app\n")
        let copies = report.findings.filter { $0.ruleID == "DF014" }
        #expect(copies.count == 3)
        #expect(Set(copies.map(\.fingerprint)).count == 3)
    }

    @Test func rulesCanBeDisabledByID() throws {
        let text = "FROM debian\nRUN apt-get install curl\n"
        let all = Set(try DockerfileTesting.check(text).findings.map(\.ruleID))
        #expect(all.isSuperset(of: ["DF002", "DF003", "DF006", "DF017", "DF019"]))
        let fewer = Set(try DockerfileTesting.check(text, disabling: ["DF003", "DF019"]).findings.map(\.ruleID))
        #expect(fewer == all.subtracting(["DF003", "DF019"]))
    }

    @Test func unknownRuleIDsAreAConfigurationError() {
        #expect {
            _ = try DockerfileChecker(disabledRules: ["DF002", "DF999", "hadolint"], hasher: DockerfileTesting.hasher)
        } throws: { error in
            guard let error = error as? DockerfileCheckError else { return false }
            return error.unknownRuleIDs == ["DF999", "hadolint"] && error.category == .usage && error.message.contains("DF999, hadolint")
        }
    }

    @Test func reportListsPulledImagesAndProblems() throws {
        let report = try DockerfileTesting.check("""
            FROM golang:1.22 AS build
            FROM gcr.io/distroless/static-debian12:nonroot
            COPY --from=build /out/app /app
            COPY --from=busybox:1.36 /bin/sh /bin/sh
            RUN <<EOF
            """)
        #expect(report.images.map(\.reference.familiar) == ["golang:1.22", "gcr.io/distroless/static-debian12:nonroot", "busybox:1.36"])
        #expect(report.images.map(\.role) == [.base, .base, .copySource])
        #expect(report.images.map(\.shipped) == [false, true, true])
        #expect(report.hasErrors)
        #expect(report.problems.map(\.line) == [5])
    }

    @Test func probeWithoutSecretsAndNoPolicyList() throws {
        let checker = try DockerfileTesting.checker()
        let report = checker.check(text: "FROM anything/goes:1.0@sha256:\(String(repeating: "ab", count: 32))\nUSER 10001\n", path: "Dockerfile", policy: BaseImagePolicy(), probe: NoSecretProbe())
        #expect(report.findings.isEmpty)
        #expect(!report.hasErrors)
    }
}
