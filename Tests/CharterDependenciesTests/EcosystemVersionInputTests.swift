@testable import CharterDependencies
import Testing

/// Every ecosystem's ordering on the versions it meets in practice, and on hostile text.
@Suite struct EcosystemVersionInputTests {
    /// A version as each ecosystem's registry publishes it; the switch keeps the list complete.
    static func typicalVersion(of ecosystem: Ecosystem) -> String {
        switch ecosystem {
        case .alpine: "3.0.8-r0"
        case .conanCenter: "1.2.13"
        case .cran: "1.4-2"
        case .cratesIO: "1.0.197"
        case .debian: "1:2.30-5+deb10u1"
        case .go: "v0.17.0"
        case .hex: "1.14.0"
        case .maven: "2.17.1"
        case .npm: "4.17.21"
        case .nuget: "13.0.3"
        case .packagist: "v5.4.22"
        case .pub: "1.0.0+1"
        case .pypi: "2.31.0"
        case .rubyGems: "7.0.8.1"
        case .swiftURL: "5.9.0"
        }
    }

    @Test(arguments: Ecosystem.allCases)
    func parsesATypicalVersion(ecosystem: Ecosystem) {
        let parses = EcosystemVersionOrderingTests.parses(ecosystem.scheme, Self.typicalVersion(of: ecosystem))
        #expect(parses, "\(Self.typicalVersion(of: ecosystem))")
    }

    /// A version `1.N` plus what each ecosystem needs after it; `bounded` where the ecosystem
    /// caps its numbers (NuGet at `Int32`, Pub at 64 bits), so a huge one must be refused.
    static let numberSlots: [(Ecosystem, suffix: String, bounded: Bool)] = [
        (.maven, "", false), (.rubyGems, "", false), (.nuget, "", true), (.packagist, ".0", false), (.pub, ".0", true),
        (.hex, ".0", false), (.debian, "", false), (.alpine, "", false), (.cran, "", false), (.conanCenter, "", false),
    ]

    @Test(arguments: numberSlots)
    func hugeNumbersOrderWithoutOverflowOrAreRefused(ecosystem: Ecosystem, suffix: String, bounded: Bool) throws {
        let small = "1.2" + suffix
        let nines = "1." + String(repeating: "9", count: 400) + suffix
        let power = "1.1" + String(repeating: "0", count: 400) + suffix
        if bounded {
            let parsed = [nines, power].filter { EcosystemVersionOrderingTests.parses(ecosystem.scheme, $0) }
            #expect(parsed.isEmpty)
        } else {
            try EcosystemVersionOrderingTests.expectAscending(ecosystem.scheme, [small, nines, power])
        }
    }

    static let hostile: [String] = [
        String(repeating: "1.", count: 5_000), String(repeating: "-", count: 10_000), String(repeating: "a", count: 10_000),
        "1" + String(repeating: "-1", count: 5_000), "1" + String(repeating: ".0", count: 5_000), String(repeating: "9", count: 10_000),
        "1" + String(repeating: "_p1", count: 3_000), "1.0" + String(repeating: "~", count: 10_000), String(repeating: "0", count: 10_000),
        "1:" + String(repeating: "1a", count: 5_000), "1.0.0-" + String(repeating: "a.", count: 5_000) + "a",
    ]

    /// Long and deeply nested text parses (or not) without trapping, and a parsed version equals
    /// itself.
    @Test(arguments: Ecosystem.allCases)
    func hostileTextNeitherTrapsNorMisorders(ecosystem: Ecosystem) {
        for text in Self.hostile {
            let consistent = Self.selfConsistent(ecosystem.scheme, text)
            #expect(consistent, "\(text.prefix(20))…")
        }
    }

    private static func selfConsistent<S: VersionScheme>(_ scheme: S, _ text: String) -> Bool {
        guard let version = scheme.parse(text), let again = scheme.parse(text) else { return true }
        return version == again && !(version < again) && scheme.canonical(text) == scheme.canonical(text)
    }
}
