import CharterCore
import CharterImages

/// Reads `gates.images` in charter.yml (docs/images.md).
enum ImagesPolicyParser {
    static func parse(_ field: YAMLField) throws -> ImagesGatePolicy? {
        if case .scalar = field.node, let enabled = field.node.bool {
            return enabled ? ImagesGatePolicy() : nil
        }
        let members = try field.members(allowed: ["enabled", "fail-on", "approved-bases", "require-digest", "allow-latest", "disable-rules", "manifests", "approved-base-layers"])
        if let enabled = members["enabled"], try !enabled.bool() { return nil }
        var policy = ImagesGatePolicy()
        if let failOn = members["fail-on"] {
            guard let lowest = FindingLevel(rawValue: try failOn.string()) else { throw failOn.error("expected one of low, medium, high, critical") }
            policy.failOn = Set(FindingLevel.allCases.filter { $0 >= lowest })
        }
        if let approved = members["approved-bases"] {
            let items = try approved.items()
            policy.approvedBases = try items.map { item in
                let text = try item.string()
                do {
                    _ = try ImagePattern(text)
                } catch let error as ImageReferenceError {
                    throw item.error("\"\(text)\" is not an image pattern: \(error.message)")
                }
                return text
            }
        }
        if let digest = members["require-digest"] { policy.requireDigest = try digest.bool() }
        if let latest = members["allow-latest"] { policy.allowLatest = try latest.bool() }
        if let disabled = members["disable-rules"] {
            let known = Set(DockerfileRuleCatalog.all.map(\.id) + BuiltImageRules.rules.map(\.id)).union(ManifestImageRules.ids)
            policy.disabledRules = Set(try disabled.items().map { item in
                let id = try item.string()
                guard known.contains(id) else { throw item.error("\"\(id)\" is not an images rule; docs/images.md lists them") }
                return id
            })
        }
        if let manifests = members["manifests"] { policy.manifests = try manifests.bool() }
        if let bases = members["approved-base-layers"] {
            guard case .mapping(let mapping) = bases.node else { throw bases.error("expected base names mapped to lists of layer digests") }
            for (key, value) in mapping {
                guard let name = key.string else { throw bases.error("base names must be text") }
                let layers = try YAMLField(file: bases.file, name: bases.name + "." + name, node: value).items().map { item in
                    let digest = try item.string()
                    guard digest.hasPrefix("sha256:"), digest.count == 71, digest.dropFirst(7).allSatisfy({ $0.isHexDigit && !$0.isUppercase }) else {
                        throw item.error("expected a layer digest, sha256: and 64 lowercase hex digits (`docker inspect` lists them under RootFS.Layers)")
                    }
                    return digest
                }
                guard !layers.isEmpty else { throw bases.error("base \(name) lists no layers") }
                policy.approvedBaseLayers[name] = layers
            }
        }
        return policy
    }
}
