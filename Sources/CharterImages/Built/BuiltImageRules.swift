import CharterCore
import Foundation

/// What a built image's own configuration says, judged: who it runs as, what its environment
/// and labels hold, and whether its first layers are an approved base image's layers.
package struct BuiltImageRules: Sendable {
    package static let rules: [(id: String, level: FindingLevel, title: String)] = [
        ("IM001", .high, "Image runs as root"),
        ("IM002", .high, "Secret in the image configuration or history"),
        ("IM003", .high, "Image is not built on an approved base"),
    ]

    /// Approved base images by name, each as its layers' diff ids (`sha256:…`), bottom first.
    let approvedBaseLayers: [String: [String]]
    let disabledRules: Set<String>
    let hasher: @Sendable (String) -> String

    package init(approvedBaseLayers: [String: [String]], disabledRules: Set<String> = [], hasher: @escaping @Sendable (String) -> String) {
        self.approvedBaseLayers = approvedBaseLayers
        self.disabledRules = disabledRules
        self.hasher = hasher
    }

    /// `name` is how the image is shown (the archive's file name); findings point at
    /// `<name>#config`, the configuration being one document without lines.
    package func findings(config: ImageConfig, name: String, probe: any SecretProbe) -> [Finding] {
        var findings: [Finding] = []
        let user = config.user?.trimmingCharacters(in: .whitespaces) ?? ""
        let account = user.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        if account.isEmpty || account == "root" || account == "0" {
            findings += finding("IM001", name, "\(name) runs as \(user.isEmpty ? "root (no user set)" : user)", identity: "user")
        }
        // The history keeps each step's command with its build arguments (`|1 NPM_TOKEN=… /bin/sh -c …`),
        // the classic place a build leaks a secret into an image.
        var settings: [(kind: String, text: String)] = config.environment.map { ("environment", $0) }
        settings += config.labels.sorted { $0.key < $1.key }.map { ("label", $0.key + "=" + $0.value) }
        settings.append(("entrypoint", (config.entrypoint ?? []).joined(separator: " ")))
        settings.append(("command", (config.command ?? []).joined(separator: " ")))
        for (offset, step) in config.history.enumerated() {
            if let command = step.createdBy { settings.append(("history step \(offset + 1)", command)) }
        }
        for (kind, text) in settings where !text.isEmpty {
            for secret in probe.secrets(in: text) {
                let variable = kind == "environment" || kind == "label" ? text.split(separator: "=", maxSplits: 1).first.map(String.init) ?? kind : kind
                let place = kind == variable ? kind : "\(kind) \(variable)"
                findings += finding("IM002", name, "\(place) holds a \(secret.ruleID) secret (\(secret.preview))", identity: kind + "\u{0}" + secret.identity,
                                    preview: "\(variable)=\(secret.preview)")
            }
        }
        if !approvedBaseLayers.isEmpty, base(of: config) == nil {
            findings += finding("IM003", name, "\(name)'s first layers are not those of any approved base (\(approvedBaseLayers.keys.sorted().joined(separator: ", ")))",
                                identity: config.diffIDs.first?.description ?? "no layers")
        }
        return findings
    }

    /// The approved base whose layers the image starts with, if any.
    package func base(of config: ImageConfig) -> String? {
        let layers = config.diffIDs.map(\.description)
        return approvedBaseLayers.sorted { $0.key < $1.key }.first { !$0.value.isEmpty && layers.starts(with: $0.value) }?.key
    }

    private func finding(_ id: String, _ name: String, _ title: String, identity: String, preview: String? = nil) -> [Finding] {
        guard !disabledRules.contains(id), let rule = Self.rules.first(where: { $0.id == id }) else { return [] }
        return [Finding(gate: "images", ruleID: id, title: title, level: rule.level, location: SourceLocation(path: name + "#config", line: 1, column: 1),
                        fingerprint: hasher([id, name, identity].joined(separator: "\u{0}")), preview: preview ?? title, notes: [rule.title])]
    }
}
