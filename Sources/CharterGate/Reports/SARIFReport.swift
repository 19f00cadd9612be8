import CharterCore
import Foundation

/// SARIF 2.1.0 for code-scanning UIs: one run, the rules that fired, one result per finding.
/// Waived and baselined findings carry a `suppressions` entry, so UIs show them as dismissed.
package struct SARIFReport {
    package let toolVersion: String

    package init(toolVersion: String) {
        self.toolVersion = toolVersion
    }

    package func render(_ results: [GateResult], rules: [RuleDescriptor]) throws -> Data {
        let judged = results.flatMap(\.findings)
        let fired = Array(Set(judged.map(\.finding.ruleID))).sorted()
        let descriptors = Dictionary(rules.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let ruleIndex = Dictionary(uniqueKeysWithValues: fired.enumerated().map { ($1, $0) })
        let gateOf = Dictionary(judged.map { ($0.finding.ruleID, $0.finding.gate) }) { first, _ in first }
        let sarifRules: [JSONValue] = fired.map { id in
            let descriptor = descriptors[id]
            let description = descriptor?.description ?? id
            let gate = descriptor?.gate ?? gateOf[id]
            let isDependency = gate == "deps"
            let advice = switch gate {
            case "deps": ". Upgrade the package to a version that fixes it."
            case "images": ". See docs/images.md for the rule and its fix."
            default: ". Rotate the secret, then remove it from the source and its history."
            }
            let severity = descriptor?.securitySeverity ?? 8.0
            return .object([
                "id": .string(id),
                "name": .string(Self.pascalCase(id)),
                "shortDescription": .object(["text": .string(description)]),
                "fullDescription": .object(["text": .string((description.hasSuffix(".") ? String(description.dropLast()) : description) + advice)]),
                "defaultConfiguration": .object(["level": .string("error")]),
                "properties": .object([
                    "tags": .array([.string("security"), .string(isDependency ? "vulnerability" : gate == "images" ? "container" : "secret")]),
                    "security-severity": .string(String(format: "%.1f", severity)),
                ]),
            ])
        }
        let sarifResults: [JSONValue] = judged.map { item in
            let finding = item.finding
            var properties: [String: JSONValue] = ["confidence": .string(finding.level.rawValue), "status": .string(item.status.rawValue)]
            if let commit = finding.location.commit {
                properties["commit"] = .string(commit.id)
                properties["author"] = .string(commit.author)
                properties["date"] = .string(commit.date)
            }
            var result: [String: JSONValue] = [
                "ruleId": .string(finding.ruleID),
                "ruleIndex": .number(Double(ruleIndex[finding.ruleID] ?? 0)),
                "level": .string(item.status == .failing ? "error" : item.status == .belowThreshold ? "warning" : "note"),
                "message": .object(["text": .string("\(finding.title): \(finding.preview)")]),
                "locations": .array([.object(["physicalLocation": .object([
                    "artifactLocation": .object(["uri": .string(Self.uri(finding.location.path)), "uriBaseId": .string("%SRCROOT%")]),
                    "region": .object(["startLine": .number(Double(finding.location.line)), "startColumn": .number(Double(finding.location.column))]),
                ])])]),
                "partialFingerprints": .object(["charterFingerprint/v1": .string(finding.fingerprint)]),
                "properties": .object(properties),
            ]
            if item.status == .waived || item.status == .baselined {
                result["suppressions"] = .array([.object([
                    "kind": .string("external"),
                    "justification": .string(item.note ?? "in the baseline"),
                ])])
            }
            return .object(result)
        }
        let document: JSONValue = .object([
            "$schema": .string("https://json.schemastore.org/sarif-2.1.0.json"),
            "version": .string("2.1.0"),
            "runs": .array([.object([
                "tool": .object(["driver": .object([
                    "name": .string("Charter"), "version": .string(toolVersion), "semanticVersion": .string(toolVersion),
                    "rules": .array(sarifRules),
                ])]),
                "columnKind": .string("unicodeCodePoints"),
                "results": .array(sarifResults),
            ])]),
        ])
        return Data((try CanonicalJSON.string(document) + "\n").utf8)
    }

    static func pascalCase(_ id: String) -> String {
        id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// A relative path as a URI reference: percent-encode what a URI may not hold.
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
