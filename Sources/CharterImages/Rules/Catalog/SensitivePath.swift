/// Recognises COPY/ADD sources that are credentials, keys or repository history, by their path
/// components (wildcards such as `*.pem` match as written).
enum SensitivePath {
    private static let credentialFolders: Set<String> = [".aws", ".ssh", ".gnupg", ".kube", ".docker"]
    private static let credentialFiles: Set<String> = [
        ".npmrc", ".pypirc", ".netrc", "_netrc", ".git-credentials", ".dockercfg", ".pgpass", "credentials.json",
        "id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk",
    ]
    private static let keyExtensions = [".key", ".pem", ".p12", ".pfx"]
    /// `.env` variants that are templates, not settings.
    private static let templateSuffixes = ["example", "sample", "template", "dist", "defaults", "tpl"]
    /// Words in a `.pem` name that say it is a certificate rather than a key.
    private static let certificateWords = ["cert", "chain", "ca-bundle", "cabundle"]

    /// Why `source` is a credential, or nil.
    static func credential(in source: String) -> String? {
        let components = source.split(separator: "/").map(String.init)
        if let folder = components.first(where: credentialFolders.contains) {
            return "\(folder) holds credentials"
        }
        guard let name = components.last else { return nil }
        let lowered = name.lowercased()
        if credentialFiles.contains(lowered) {
            return "\(name) holds credentials or a private key"
        }
        if lowered == ".env" || lowered.hasPrefix(".env.") || lowered == ".env*" {
            let suffix = lowered.split(separator: ".").last.map(String.init) ?? ""
            return templateSuffixes.contains(suffix) ? nil : "\(name) holds environment settings, usually secrets"
        }
        if let ext = keyExtensions.first(where: lowered.hasSuffix) {
            let namedAsCertificate = ext == ".pem" && certificateWords.contains { DockerBytes.contains(lowered, $0) } && !DockerBytes.contains(lowered, "key")
            return namedAsCertificate ? nil : "\(name) is named like a private key or key store"
        }
        return nil
    }

    static func isGitFolder(_ source: String) -> Bool {
        source.split(separator: "/").contains(".git")
    }
}
