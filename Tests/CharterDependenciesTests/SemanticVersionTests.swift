@testable import CharterDependencies
import Testing

@Suite struct SemanticVersionTests {
    /// The precedence chain from the Semantic Versioning 2.0.0 specification (item 11), and more.
    static let ascending = [
        "0.0.1", "0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
        "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0", "2.1.0", "2.1.1",
        "99999999999999999999.0.0", "100000000000000000000.0.0",
    ]

    @Test func followsTheSpecificationsPrecedence() throws {
        let versions = try Self.ascending.map { try #require(SemanticVersion($0), "\($0)") }
        for (lower, higher) in zip(versions, versions.dropFirst()) {
            #expect(lower < higher, "\(lower) < \(higher)")
            #expect(!(higher < lower))
        }
        #expect(versions.shuffled().sorted() == versions)
    }

    @Test(arguments: [("1.0.0+build.1", "1.0.0"), ("v1.2.3", "1.2.3"), ("=1.2.3", "1.2.3"), ("1.0.0-rc.1+exp.sha.5114f85", "1.0.0-rc.1"), ("01.2.3", "1.2.3")])
    func equalPrecedence(lhs: String, rhs: String) throws {
        #expect(try #require(SemanticVersion(lhs)) == #require(SemanticVersion(rhs)))
    }

    @Test(arguments: ["", "1", "1.2", "1.2.3.4", "1.2.x", "a.b.c", "1.2.3-", "1.2.3-a..b", "1.2.3-é", "-1.2.3"])
    func rejectsWhatIsNotASemanticVersion(text: String) {
        #expect(SemanticVersion(text) == nil)
    }

    @Test func goPseudoVersionsOrderByTimeBeforeTheirRelease() throws {
        let scheme = GoVersionScheme()
        let older = try #require(scheme.parse("v0.0.0-20191109021931-daa7c04131f5"))
        let newer = try #require(scheme.parse("v0.0.0-20200101000000-aaaaaaaaaaaa"))
        let incompatible = try #require(scheme.parse("v2.0.0+incompatible"))
        #expect(older < newer)
        #expect(newer < scheme.parse("v0.0.1")!)
        #expect(incompatible == scheme.parse("2.0.0")!)
    }
}

@Suite struct GoToolchainVersionTests {
    @Test(arguments: [("1.20", "1.20.0"), ("go1.21.5", "1.21.5"), ("1.22rc1", "1.22.0-rc.1"), ("go1.9beta2", "1.9.0-beta.2"), ("1", "1.0.0")])
    func toolchainVersionsReadAsTheGoDatabaseWritesThem(text: String, semver: String) throws {
        #expect(GoVersionScheme.toolchain(text) == semver)
        #expect(try #require(GoVersionScheme().parse(text)) == SemanticVersion(semver)!)
    }

    @Test(arguments: ["1.x", "go", "1.2.3.4", "1.20rcx"])
    func otherTextIsNoToolchainVersion(text: String) {
        #expect(GoVersionScheme.toolchain(text) == nil)
    }
}
