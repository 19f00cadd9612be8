import CharterSecrets
import Foundation
import Testing

/// Every built-in rule proves itself: its true-positive samples are found by it, through the whole
/// engine (Vectorscan prefilter, then confirmation), and its false-positive samples are not.
@Suite struct SecretRuleSampleTests {
    static let ruleIDs = SecretCatalog.all.map(\.id)

    /// One engine over the whole catalog, as a scan uses it.
    static let engine: Result<SecretEngine, any Error> = Result { try SecretEngine(rules: SecretCatalog.all) }

    static func rule(_ id: String) throws -> SecretRule {
        try #require(SecretCatalog.all.first { $0.id == id })
    }

    static func scan(_ text: String) throws -> [SecretMatch] {
        try engine.get().makeScanner().scan(Array(text.utf8))
    }

    @Test func catalogCompilesIntoOneEngine() throws {
        #expect(try Self.engine.get().rules.count == SecretCatalog.all.count)
    }

    @Test func ruleIDsAreUniqueKebabCase() {
        #expect(Set(Self.ruleIDs).count == Self.ruleIDs.count, "duplicate rule ids")
        for id in Self.ruleIDs {
            #expect(id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)+$"#, options: .regularExpression) != nil, "\(id) is not kebab-case")
        }
    }

    @Test(arguments: ruleIDs)
    func everyRuleHasSamplesAndADescription(id: String) throws {
        let rule = try Self.rule(id)
        #expect(rule.truePositives.count >= 2, "\(id) needs at least two true-positive samples")
        #expect(rule.falsePositives.count >= 2, "\(id) needs at least two false-positive samples")
        #expect(!rule.description.isEmpty && !rule.keywords.isEmpty)
    }

    @Test(arguments: ruleIDs)
    func truePositivesAreFound(id: String) throws {
        for sample in try Self.rule(id).truePositives {
            let mine = try Self.scan(sample).filter { $0.ruleID == id }
            #expect(mine.count == 1, "\(id) should find exactly one secret in: \(sample)")
            if let match = mine.first {
                #expect(sample.utf8.count >= match.range.upperBound)
                #expect(sample.contains(match.secret))
            }
        }
    }

    @Test(arguments: ruleIDs)
    func falsePositivesAreNotReported(id: String) throws {
        for sample in try Self.rule(id).falsePositives {
            #expect(try Self.scan(sample).filter { $0.ruleID == id }.isEmpty, "\(id) must not report: \(sample)")
        }
    }
}
