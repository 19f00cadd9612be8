@testable import CharterImages
import Testing

/// Every rule proves itself on its own samples: the failing one triggers it, the passing one
/// does not, both are valid Dockerfiles, and the rule is documented.
@Suite struct DockerfileRuleSampleTests {
    static let ruleIDs = DockerfileRuleCatalog.all.map(\.id)

    static func rule(_ id: String) throws -> DockerfileRule {
        try #require(DockerfileRuleCatalog.all.first { $0.id == id })
    }

    static func ids(in sample: String) throws -> [String] {
        try DockerfileTesting.check(sample).findings.map(\.ruleID)
    }

    @Test func catalogHasStableUniqueIDs() {
        #expect(Self.ruleIDs.count >= 25)
        #expect(Set(Self.ruleIDs).count == Self.ruleIDs.count, "duplicate rule ids")
        #expect(Self.ruleIDs == Self.ruleIDs.sorted())
        for id in Self.ruleIDs {
            #expect(id.count == 5 && id.hasPrefix("DF") && id.dropFirst(2).allSatisfy(\.isNumber), "\(id) is not DF + three digits")
        }
    }

    @Test(arguments: ruleIDs)
    func isDocumented(id: String) throws {
        let rule = try Self.rule(id)
        #expect(!rule.title.isEmpty && !rule.title.contains("\n"))
        #expect(rule.documentation.count > 80, "\(id) needs a paragraph of documentation")
    }

    @Test(arguments: ruleIDs)
    func failingSampleTriggersTheRule(id: String) throws {
        #expect(try Self.ids(in: Self.rule(id).failingSample).contains(id))
    }

    @Test(arguments: ruleIDs)
    func passingSampleDoesNotTriggerTheRule(id: String) throws {
        #expect(try !Self.ids(in: Self.rule(id).passingSample).contains(id))
    }

    @Test(arguments: ruleIDs)
    func samplesAreValidDockerfiles(id: String) throws {
        let rule = try Self.rule(id)
        for sample in [rule.passingSample, rule.failingSample] {
            let problems = DockerfileParser.parse(sample).problems
            #expect(problems.isEmpty, "\(id) sample has problems: \(problems)")
        }
    }
}
