import CharterCore
import Crypto
import Foundation
import Yams

/// Reads `charter.yml`, refusing anything it does not understand with the file, line and field.
package enum PolicyLoader {
    package static let fileName = "charter.yml"

    /// The policy at `root/charter.yml`, or the defaults (secrets gate on, no waivers) when absent.
    package static func load(root: String, today: Date = Date()) throws -> GatePolicy {
        let path = root + "/" + fileName
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) {
                throw GateError(.inputUnreadable, "\(path): cannot be read; check its permissions")
            }
            return defaults(file: nil, data: Data())
        }
        return try parse(data, file: path, today: today)
    }

    package static func parse(_ data: Data, file: String, today: Date = Date()) throws -> GatePolicy {
        guard let text = String(data: data, encoding: .utf8) else { throw GateError(.policyInvalid, "\(file): not UTF-8 text") }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw GateError(.policyInvalid, "\(file): not valid YAML: \(error)")
        }
        guard let node else { return defaults(file: file, data: data) }
        let top = try YAMLField(file: file, name: "", node: node).members(allowed: ["version", "gates", "waivers", "waiver-policy"])
        if let version = top["version"], try version.int() != 1 {
            throw version.error("this Charter reads policy version 1; upgrade Charter or set version: 1")
        }
        var maxDays = GatePolicy.defaultMaxWaiverDays
        if let limits = top["waiver-policy"] {
            let members = try limits.members(allowed: ["max-days"])
            if let field = members["max-days"] {
                maxDays = try field.int()
                guard maxDays >= 1 else { throw field.error("must be at least 1") }
            }
        }
        // A gate the file does not mention runs with its defaults: only `secrets: false` (or
        // `enabled: false`) switches it off, so trimming `gates:` cannot drop it by accident.
        var secrets: SecretsGatePolicy? = SecretsGatePolicy()
        var deps: DepsGatePolicy?
        var images: ImagesGatePolicy?
        if let gates = top["gates"], gates.node.null == nil {
            let members = try gates.members(allowed: ["secrets", "deps", "images"])
            if let field = members["secrets"] { secrets = try parseSecrets(field) }
            if let field = members["deps"] { deps = try parseDeps(field) }
            if let field = members["images"] { images = try ImagesPolicyParser.parse(field) }
        }
        let waivers = try top["waivers"].map { field in
            field.node.null != nil ? [] : try field.items().map { try Waiver.parse($0) }
        } ?? []
        try validate(waivers, maxDays: maxDays, file: file, today: today)
        return GatePolicy(file: file, digest: digest(data), secrets: secrets, deps: deps, images: images, waivers: waivers, maxWaiverDays: maxDays)
    }

    /// The secrets gate with its default settings and no waivers.
    private static func defaults(file: String?, data: Data) -> GatePolicy {
        GatePolicy(file: file, digest: digest(data), secrets: SecretsGatePolicy(), waivers: [], maxWaiverDays: GatePolicy.defaultMaxWaiverDays)
    }

    private static func parseSecrets(_ field: YAMLField) throws -> SecretsGatePolicy? {
        if case .scalar = field.node, let enabled = field.node.bool {
            return enabled ? SecretsGatePolicy() : nil
        }
        let members = try field.members(allowed: ["enabled", "fail-on", "max-file-size", "decode-depth", "disable-rules", "import-rules", "allowlist", "rule-allowlists"])
        if let enabled = members["enabled"], try !enabled.bool() { return nil }
        var policy = SecretsGatePolicy()
        if let failOn = members["fail-on"] {
            policy.failOn = Set(try failOn.items().map { item in
                guard let level = FindingLevel(rawValue: try item.string()), level != .critical else {
                    throw item.error("expected one of low, medium, high")
                }
                return level
            })
        }
        if let size = members["max-file-size"] { policy.maxFileSize = try ByteSize.parse(size as YAMLField) }
        if let depth = members["decode-depth"] {
            policy.decodeDepth = try depth.int()
            guard (0...4).contains(policy.decodeDepth) else { throw depth.error("must be between 0 and 4") }
        }
        if let disabled = members["disable-rules"] { policy.disabledRules = Set(try disabled.strings()) }
        if let imports = members["import-rules"] { policy.importRules = try imports.strings() }
        if let allowlist = members["allowlist"] {
            let list = try parseAllowlist(allowlist)
            policy.allowlistPaths = list.paths
            policy.allowlistRegexes = list.regexes
            policy.allowlistStopwords = list.stopwords
        }
        if let perRule = members["rule-allowlists"] {
            guard case .mapping(let mapping) = perRule.node else { throw perRule.error("expected rule ids mapped to allowlists") }
            for (key, value) in mapping {
                guard let rule = key.string else { throw perRule.error("rule ids must be text") }
                policy.ruleAllowlists[rule] = try parseAllowlist(YAMLField(file: perRule.file, name: perRule.name + "." + rule, node: value))
            }
        }
        return policy
    }

    private static func parseDeps(_ field: YAMLField) throws -> DepsGatePolicy? {
        if case .scalar = field.node, let enabled = field.node.bool {
            return enabled ? DepsGatePolicy() : nil
        }
        let members = try field.members(allowed: ["enabled", "fail-on", "unknown-severity", "unreadable-lockfile", "max-database-age-days", "remediation-days"])
        if let enabled = members["enabled"], try !enabled.bool() { return nil }
        var policy = DepsGatePolicy()
        func severity(_ item: YAMLField) throws -> FindingLevel {
            guard let level = FindingLevel(rawValue: try item.string()) else { throw item.error("expected one of low, medium, high, critical") }
            return level
        }
        if let failOn = members["fail-on"] {
            if case .sequence = failOn.node {
                policy.failOn = Set(try failOn.items().map(severity))
            } else {
                let lowest = try severity(failOn)
                policy.failOn = Set(FindingLevel.allCases.filter { $0 >= lowest })
            }
        }
        if let unknown = members["unknown-severity"] { policy.unknownSeverity = try severity(unknown) }
        if let unreadable = members["unreadable-lockfile"] {
            switch try unreadable.string() {
            case "fail": policy.failOnUnreadableLockfile = true
            case "report": policy.failOnUnreadableLockfile = false
            default: throw unreadable.error("expected fail or report")
            }
        }
        if let age = members["max-database-age-days"] {
            policy.maxDatabaseAgeDays = try age.int()
            guard policy.maxDatabaseAgeDays >= 1 else { throw age.error("must be at least 1") }
        }
        if let sla = members["remediation-days"] {
            for (level, days) in try sla.members(allowed: ["critical", "high", "medium", "low"]) {
                policy.remediationDays[FindingLevel(rawValue: level)!] = try days.int()
                guard try days.int() >= 1 else { throw days.error("must be at least 1 day") }
            }
        }
        return policy
    }

    private static func parseAllowlist(_ field: YAMLField) throws -> SecretsGatePolicy.RuleAllowlist {
        let members = try field.members(allowed: ["paths", "regexes", "stopwords"])
        return SecretsGatePolicy.RuleAllowlist(
            paths: try members["paths"]?.strings() ?? [],
            regexes: try members["regexes"]?.strings() ?? [],
            stopwords: try members["stopwords"]?.strings() ?? [])
    }

    private static func validate(_ waivers: [Waiver], maxDays: Int, file: String, today: Date) throws {
        var seen: Set<String> = []
        for (index, waiver) in waivers.enumerated() {
            guard seen.insert(waiver.id).inserted else {
                throw GateError(.policyInvalid, "\(file):\(waiver.line): waivers[\(index)]: waiver \(waiver.id) appears twice; give each waiver its own id")
            }
            let start = waiver.created ?? today
            let days = Calendar.utc.dateComponents([.day], from: start, to: waiver.expires).day ?? 0
            if days > maxDays {
                throw GateError(.policyInvalid, "\(file):\(waiver.line): waivers[\(index)]: waiver \(waiver.id) runs \(days) days; the policy allows at most \(maxDays) (raise waiver-policy.max-days if that is really intended)")
            }
        }
    }

    static func digest(_ data: Data) -> String {
        "sha256:" + LowercaseHex.string(SHA256.hash(data: data))
    }
}
