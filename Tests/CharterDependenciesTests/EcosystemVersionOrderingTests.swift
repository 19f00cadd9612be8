@testable import CharterDependencies
import Testing

/// The orderings of Maven, RubyGems, NuGet, Packagist, Pub, Hex, Debian, Alpine, CRAN and
/// ConanCenter, on the examples of each ecosystem's documentation and the cases its rules make
/// tricky.
@Suite struct EcosystemVersionOrderingTests {
    static let ascending: [(Ecosystem, [String])] = [
        // Maven's version order specification and ComparableVersion's qualifier order.
        (.maven, ["1.0-alpha-1", "1.0-alpha-2", "1.0-alpha-10", "1.0-beta-1", "1.0-milestone-1", "1.0-rc-1", "1.0-SNAPSHOT", "1.0",
                  "1.0-sp-1", "1.0-abc", "1.0-1", "1.0.1", "1.1", "1.10", "2.0", "99999999999999999999", "100000000000000000000"]),
        (.maven, ["1", "1-0.1", "1.0.1"]),
        (.maven, ["1.foo", "1-foo", "1-1", "1.1"]),
        // Gem::Version's documentation: a letter makes a pre-release; words compare by their bytes.
        (.rubyGems, ["1.0.a", "1.0.a.1", "1.0.a.2", "1.0.b1", "1.0.rc1", "1.0", "1.0.0.1", "1.0.1", "1.1", "1.10", "2.0.0.pre", "2.0.0",
                     "99999999999999999999"]),
        (.rubyGems, ["1.0.A", "1.0.a", "1.0.b1"]),
        // NuGet's package versioning page.
        (.nuget, ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
                  "1.0.0.1", "1.0.1", "1.1", "2.0.0", "2147483647.0.0"]),
        // Composer's stabilities: dev < alpha < beta < RC < stable < patch.
        (.packagist, ["1.0.0-dev", "1.0.0-alpha1", "1.0.0-alpha2", "1.0.0-beta1-dev", "1.0.0-beta1", "1.0.0-RC1", "1.0.0", "1.0.0-patch1",
                      "1.0.1", "1.1", "2.0", "2023.01.15", "99999.0.0"]),
        // pub_semver: a build sorts after the release, numbers before words.
        (.pub, ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.0+1", "1.0.0+2",
                "1.0.0+build", "1.0.1", "1.10.0", "2.0.0"]),
        // Semantic Versioning 2.0.0, item 11.
        (.hex, ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0",
                "2.0.0", "2.1.0", "2.1.1", "99999999999999999999.0.0"]),
        // Debian policy 5.6.12: `~` before everything, letters before other characters.
        (.debian, ["1.0~~", "1.0~~a", "1.0~", "1.0~rc1", "1.0", "1.0-1", "1.0-1ubuntu1", "1.0-2", "1.0-10", "1.0a", "1.0+b1", "1.0.1",
                   "1.1", "1.10", "99999999999999999999", "1:0.1", "2:0.1"]),
        // apk-tools: pre-release suffixes, revisions, then post-release suffixes, a letter, more numbers.
        (.alpine, ["1.0_alpha", "1.0_alpha1", "1.0_beta", "1.0_pre1", "1.0_rc1", "1.0", "1.0-r0", "1.0-r1", "1.0_cvs", "1.0_p1", "1.0a",
                   "1.0.1", "1.05", "1.1", "1.2", "1.10", "2", "99999999999999999999"]),
        (.alpine, ["8.2.0015", "8.2.002", "8.2.1"]),
        // R's package_version: numbers only, a prefix first.
        (.cran, ["0.1", "1.0", "1.0.0", "1.0-1", "1.0.2", "1.0-10", "1.1", "1.10", "2.0", "99999999999999999999.0"]),
        // Conan's Version: pre-releases first, builds after, numbers before words.
        (.conanCenter, ["1.0-pre", "1.0-pre.1", "1.0-rc.1", "1.0", "1.0+build1", "1.0+build2", "1.0.1", "1.1", "1.10", "2", "cci.20230101",
                        "cci.20230201"]),
    ]

    @Test(arguments: ascending)
    func ordersTheEcosystemsExamples(ecosystem: Ecosystem, chain: [String]) throws {
        try Self.expectAscending(ecosystem.scheme, chain)
    }

    static let equal: [(Ecosystem, String, String)] = [
        (.maven, "1", "1.0.0"), (.maven, "1.0-ga", "1"), (.maven, "1.0-final", "1"), (.maven, "1.0.RELEASE", "1"), (.maven, "1.0-cr1", "1.0-rc1"),
        (.maven, "1.0a1", "1.0-alpha-1"), (.maven, "1.0-SNAPSHOT", "1.0-snapshot"), (.maven, "1.0.0-1", "1-1"), (.maven, "1.0.0-0", "1"),
        (.rubyGems, "1.0", "1"), (.rubyGems, "1.0.0", "1"), (.rubyGems, "1.0-1", "1.0.pre.1"), (.rubyGems, "1.0.0.a", "1.a"), (.rubyGems, "01.0", "1"),
        (.nuget, "1.0", "1.0.0"), (.nuget, "1.0.0.0", "1"), (.nuget, "1.0.0-ALPHA", "1.0.0-alpha"), (.nuget, "1.0.0+build.5", "1.0.0"),
        (.nuget, "1.0.0-rc.01", "1.0.0-rc.1"), (.nuget, "01.2.3", "1.2.3"),
        (.packagist, "v1.0", "1.0.0.0"), (.packagist, "1.0.0-b2", "1.0.0-beta2"), (.packagist, "1.0.0-rc1", "1.0.0-RC1"),
        (.packagist, "1.0.0+build.7", "1.0.0"), (.packagist, "1.0-pl1", "1.0.0-patch1"), (.packagist, "1.0.0-beta.2", "1.0.0-beta2"),
        (.packagist, "1.0.0-stable", "1.0.0"), (.packagist, "2023-01-15", "2023:01:15"),
        (.pub, "1.0.0-rc.01", "1.0.0-rc.1"), (.pub, "01.0.0", "1.0.0"), (.pub, "1.0.0+0x10", "1.0.0+16"),
        (.hex, "1.0.0+build.1", "1.0.0"), (.hex, "1.0.0-rc.1+build", "1.0.0-rc.1"),
        (.debian, "1.0", "1.0-0"), (.debian, "0:1.0", "1.0"), (.debian, "1.00", "1.0"), (.debian, "1.0", "1."), (.debian, "1.0-1", "1.0-01"),
        (.alpine, "1.0-r01", "1.0-r1"), (.alpine, "01.0", "1.0"), (.alpine, "1.0_rc01", "1.0_rc1"),
        (.cran, "1-0", "1.0"), (.cran, "1.01", "1.1"), (.cran, "1.0-1", "1.0.1"),
        (.conanCenter, "1.0", "1"), (.conanCenter, "1.0.0", "1"), (.conanCenter, "01.2", "1.2"), (.conanCenter, "1.0-pre.0", "1.0-pre"),
    ]

    @Test(arguments: equal)
    func equalVersionsShareACanonicalSpelling(ecosystem: Ecosystem, lhs: String, rhs: String) throws {
        try Self.expectEqual(ecosystem.scheme, lhs, rhs)
    }

    static let rejected: [(Ecosystem, String)] = [
        (.maven, ""), (.maven, "1.0 beta"), (.maven, "1.0é"),
        (.rubyGems, ""), (.rubyGems, "a"), (.rubyGems, "1..0"), (.rubyGems, "1.0-"), (.rubyGems, "1.0_1"), (.rubyGems, "v1.0"),
        (.nuget, ""), (.nuget, "1.0.0.0.0"), (.nuget, "1.0.0-"), (.nuget, "1.0.0-a..b"), (.nuget, "1.0.0+"), (.nuget, "2147483648.0.0"),
        (.nuget, "1.x"), (.nuget, "v1.0.0"),
        (.packagist, ""), (.packagist, "dev-main"), (.packagist, "1.x-dev"), (.packagist, "1.0 as 2.0"), (.packagist, "1.0.0.0.0"),
        (.packagist, "1.0.0-foo"), (.packagist, "master"), (.packagist, "1.0.0@beta"),
        (.pub, "1.0"), (.pub, "1.0.0.0"), (.pub, "v1.0.0"), (.pub, "1.0.0-"), (.pub, "1.0.0+"), (.pub, "99999999999999999999.0.0"),
        (.hex, "01.0.0"), (.hex, "1.0.0-01"), (.hex, "v1.0.0"), (.hex, "1.0"), (.hex, "1.0.0+"), (.hex, "1.0.0+a..b"),
        (.debian, ""), (.debian, "a1.0"), (.debian, "1.0-"), (.debian, ":1.0"), (.debian, "1:"), (.debian, "1.0_1"), (.debian, "1.0 1"),
        (.debian, "99999999999:1.0"), (.debian, "1.0-1_2"),
        (.alpine, ""), (.alpine, "a1"), (.alpine, "1.0-1"), (.alpine, "1.0_foo"), (.alpine, "1.0A"), (.alpine, "1.0a1"), (.alpine, "1..0"),
        (.alpine, "1.0-r"), (.alpine, "v1.0"), (.alpine, "1.0."), (.alpine, "1.0-r1-r2"),
        (.cran, ""), (.cran, "1"), (.cran, "1.0a"), (.cran, "1..0"), (.cran, "v1.0"), (.cran, "1.0-"),
        (.conanCenter, ""), (.conanCenter, "1.1.1w"), (.conanCenter, "1..0"), (.conanCenter, "1.0-"), (.conanCenter, "1.0+"),
        (.conanCenter, "1.0-beta-1"), (.conanCenter, "1.0 beta"),
    ]

    /// Text that is not a version of the ecosystem is left undecidable, never ordered by guesswork.
    @Test(arguments: rejected)
    func rejectsWhatIsNotAVersionOfTheEcosystem(ecosystem: Ecosystem, text: String) {
        let parses = Self.parses(ecosystem.scheme, text)
        #expect(!parses)
    }

    static func expectAscending<S: VersionScheme>(_ scheme: S, _ chain: [String]) throws {
        let versions = try chain.map { try #require(scheme.parse($0), "\($0) parses") }
        for (index, (lower, higher)) in zip(versions, versions.dropFirst()).enumerated() {
            #expect(lower < higher, "\(chain[index]) < \(chain[index + 1])")
            #expect(!(higher < lower) && lower != higher, "\(chain[index]) and \(chain[index + 1])")
            #expect(scheme.canonical(chain[index]) != scheme.canonical(chain[index + 1]))
        }
        #expect(versions.shuffled().sorted() == versions)
    }

    static func expectEqual<S: VersionScheme>(_ scheme: S, _ lhs: String, _ rhs: String) throws {
        let left = try #require(scheme.parse(lhs), "\(lhs) parses")
        let right = try #require(scheme.parse(rhs), "\(rhs) parses")
        #expect(left == right)
        #expect(!(left < right) && !(right < left))
        #expect(scheme.canonical(lhs) == scheme.canonical(rhs))
    }

    static func parses<S: VersionScheme>(_ scheme: S, _ text: String) -> Bool {
        scheme.parse(text) != nil
    }
}
