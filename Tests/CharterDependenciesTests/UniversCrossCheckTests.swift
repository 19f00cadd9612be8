import CharterTestSupport
@testable import CharterDependencies
import Foundation
import Testing

/// Our orderings against the Python `univers` library (a reference implementation used only
/// here), pair by pair over versions from each ecosystem's documentation and real releases.
@Suite struct UniversCrossCheckTests {
    static let samples: [(ecosystem: Ecosystem, versions: [String])] = [
        (.maven, [
            "1", "1.0", "1.0.0", "1.0.1", "1.1", "1.9", "1.10", "2.0", "10.0.0", "1.0.0.0.1", "1-1", "1.0-1", "1.0-alpha1",
            "1.0-alpha-1", "1.0a1", "1.0-alpha-10", "1.0-beta1", "1.0-b2", "1.0-milestone1", "1.0-m1", "1.0-rc1", "1.0-cr1",
            "1.0-RC2", "1.0-SNAPSHOT", "1.0-ga", "1.0-final", "1.0.0.Final", "1.0.0.CR1", "1.0-sp1", "1.0-sp", "1.0-foo",
            "1.0-xyz", "1.0.foo", "2.3.4-jre", "31.1-android", "31.1-jre", "5.3.20", "1.0.0-M1", "1.0.0-20230101.123456-1",
            "1.0.RELEASE", "1.0-release", "1-0.1", "3.0.0-beta.2",
        ]),
        (.rubyGems, [
            "0", "0.1", "1", "1.0", "1.0.0", "1.0.0.1", "1.0.1", "1.1", "1.9", "1.10", "2", "1.0.a", "1.0.a1", "1.0.a.1",
            "1.0.b", "1.0.b1", "1.0.rc1", "1.0.0.rc1", "1.0.pre", "1.0-pre", "1.0-1", "1.0.0.pre.1", "1.0.A", "1.0.0.beta",
            "1.0.0.beta.2", "1.0.0.beta10", "5.0.0.1", "5.0.0.racecar1", "3.2.22.5", "1.a", "2.0.0-rc.1",
        ]),
        (.nuget, [
            "1", "1.0", "1.0.0", "1.0.0.0", "1.0.0.1", "1.0.1", "1.1", "1.10", "2.0.0", "1.0.0-alpha", "1.0.0-Alpha",
            "1.0.0-alpha.1", "1.0.0-alpha.2", "1.0.0-alpha.10", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0-RC.1", "1.0.0+build", "1.0.0-rc.1+build.5", "1.0.0-1", "1.0.0-a-b",
            "4.0.0-preview1", "4.0.0-preview2-final", "6.0.0-rc.2.21480.5",
        ]),
        (.debian, [
            "0", "1", "1.0", "1.0-1", "1.0-2", "1.0-10", "1.0.1", "1.0~rc1", "1.0~rc1-1", "1.0~~", "1.0~~a", "1.0~", "1.0+b1",
            "1.0a", "1.0A", "1.0-1ubuntu1", "1.0-1+deb11u1", "1.0-1~bpo11+1", "1:0.9", "1:1.0", "2:0.1", "1.00", "1.0.0",
            "2.30-5", "2.30-5+deb10u1", "1.2.3.dfsg-1", "1.2.3+dfsg-1", "1.2.3~dfsg-1", "7.64.0-4+deb10u2", "9.0p1",
            "1.0-0",
        ]),
        (.alpine, [
            "1", "1.0", "1.0.0", "1.0.1", "1.1", "1.2", "1.10", "2.0", "1.0a", "1.0b", "1.0_alpha", "1.0_alpha1", "1.0_beta2",
            "1.0_pre1", "1.0_rc1", "1.0_rc2", "1.0_p1", "1.0_cvs", "1.0_git20230101", "1.0_hg", "1.0_svn", "1.0-r0",
            "1.0-r1", "1.0-r10", "1.0.1-r1", "1.0_rc1-r2", "3.0.8-r0", "1.36.1-r5", "1.1.1t-r2", "2.4.57-r0",
            "1.05", "1.5", "1.005", "8.2.0015", "8.2.002", "8.2.0", "1.0_pre2_rc1", "1.0_p1-r3",
        ]),
        (.packagist, [
            "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0", "v1.0.0", "1.0.0-alpha", "1.0.0-alpha1", "1.0.0-alpha2",
            "1.0.0-beta", "1.0.0-beta1", "1.0.0-beta2", "1.0.0-RC1", "1.0.0-rc2", "0.9.0", "3.4.5", "10.2.1",
        ]),
        (.hex, [
            "0.1.0", "0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.0+build.1", "1.0.1", "1.2.0", "1.10.0", "2.0.0", "1.0.0-0.3.7",
            "1.0.0-x.7.z.92", "1.0.0-x-y-z.--",
        ]),
        (.pub, [
            "0.1.0", "0.9.0", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
            "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0", "1.0.0-0.3.7", "1.0.0-x.7.z.92",
        ]),
        (.conanCenter, [
            "1", "1.0", "1.0.0", "1.0.1", "1.1", "1.2.13", "1.10", "2.0", "1.0-pre", "1.0-pre.1", "1.0-pre.2", "1.0-rc.1",
            "1.0-beta.1", "1.0+build1", "1.0+build2", "1.0-pre+build1", "cci.20230101", "cci.20230201", "3.0.0-beta.1",
            "1.0.0.1", "1.0.a",
        ]),
    ]

    /// Versions on which `univers` departs from the ecosystem's own rules, each with the reason;
    /// they are left out of the pairs. (univers has no CRAN ordering, and reads Packagist
    /// versions as SemVer, so only SemVer-shaped Packagist versions are compared here;
    /// Composer's own forms are covered by ComposerVersionTests.)
    static let universIsWrong: [(ecosystem: Ecosystem, version: String, because: String)] = [
        (.maven, "1.0.RELEASE", "Maven reads `release` as the release qualifier (`1.0.RELEASE` = `1.0`); univers knows only ga and final"),
        (.maven, "1.0-release", "as above: `release` is an alias of the release qualifier"),
        (.maven, "1-0.1", "Maven (MNG-6964) compares a sub-list with nothing item by item, so `1-0.1` > `1`; univers stops at its first item"),
        (.alpine, "1.0-r0", "univers applies Gentoo's rule that `-r0` is no revision; apk-tools orders `1.0` < `1.0-r0`"),
        (.alpine, "1.0_cvs", "univers reads Alpine versions by Gentoo's grammar, which lacks apk's `_cvs`, `_svn`, `_git` and `_hg` suffixes"),
        (.alpine, "1.0_svn", "as above"),
        (.alpine, "1.0_git20230101", "as above"),
        (.alpine, "1.0_hg", "as above"),
        (.packagist, "1.0.0-RC1", "univers reads Packagist versions as SemVer (`RC1` < `alpha` by ASCII); Composer ranks RC above beta"),
    ]

    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] == "true" || Self.hasUnivers(), "needs python3 with univers (scripts/ensure-deps.sh)"))
    func ordersEveryPairAsUniversDoes() throws {
        var lines: [String] = []
        var ours: [String] = []
        for (ecosystem, versions) in Self.samples {
            let skipped = Set(Self.universIsWrong.filter { $0.ecosystem == ecosystem }.map(\.version))
            let checked = versions.filter { !skipped.contains($0) }
            for (index, left) in checked.enumerated() {
                for right in checked[index...] {
                    lines.append("\(ecosystem.rawValue)\t\(left)\t\(right)")
                    ours.append(try Self.order(ecosystem.scheme, left, right))
                }
            }
        }
        let input = try TemporaryDirectory("univers")
        defer { input.remove() }
        try lines.joined(separator: "\n").write(toFile: input.file("pairs.tsv"), atomically: true, encoding: .utf8)
        let result = try ExternalCommand.run("python3", ["-c", Self.script, input.file("pairs.tsv")])
        try #require(result.status == 0, "python3 with univers is needed (scripts/ensure-deps.sh installs it): \(result.output.prefix(300))")
        let theirs = result.output.split(separator: "\n").map(String.init)
        try #require(theirs.count == lines.count)
        let disagreements = zip(lines, zip(ours, theirs)).filter { $0.1.0 != $0.1.1 }
        #expect(disagreements.isEmpty, "\(disagreements.count) of \(lines.count) pairs differ, e.g. \(disagreements.prefix(20).map { "\($0.0): ours \($0.1.0), univers \($0.1.1)" })")
    }

    private static func order<S: VersionScheme>(_ scheme: S, _ left: String, _ right: String) throws -> String {
        let lhs = try #require(scheme.parse(left), "\(left)")
        let rhs = try #require(scheme.parse(right), "\(right)")
        return lhs < rhs ? "<" : (rhs < lhs ? ">" : "=")
    }

    private static func hasUnivers() -> Bool {
        (try? ExternalCommand.run("python3", ["-c", "import univers"]).status) == 0
    }

    /// One line per pair, `<`, `=` or `>` (or `!` when univers rejects a version).
    private static let script = """
        import sys
        from univers import versions as v
        classes = {"Maven": v.MavenVersion, "RubyGems": v.RubygemsVersion, "NuGet": v.NugetVersion,
                   "Debian": v.DebianVersion, "Alpine": v.AlpineLinuxVersion, "Packagist": v.ComposerVersion,
                   "Hex": v.SemverVersion, "Pub": v.SemverVersion, "ConanCenter": v.ConanVersion}
        for line in open(sys.argv[1]).read().split("\\n"):
            if not line:
                continue
            ecosystem, left, right = line.split("\\t")
            try:
                a, b = classes[ecosystem](left), classes[ecosystem](right)
                print("<" if a < b else ">" if b < a else "=")
            except Exception:
                print("!")
        """
}
