/// The options and variables that switch off TLS certificate or package signature checks, per
/// tool, each with the sentence a finding gives.
enum VerificationSwitch {
    static func disabled(by command: ShellCommand) -> String? {
        for (name, value) in command.assignments {
            if let reason = disabled(variable: name, value: value) { return reason }
        }
        let name = command.name ?? ""
        let lowered = ["npm", "yarn", "pnpm", "git"].contains(name) ? command.arguments.map { $0.lowercased() } : []
        if name == "curl", command.hasOption("-k", "--insecure") {
            return "curl -k/--insecure accepts any TLS certificate"
        }
        if name == "wget", command.hasOption("--no-check-certificate") {
            return "wget --no-check-certificate accepts any TLS certificate"
        }
        if ["pip", "pip3"].contains(name), command.hasOption("--trusted-host") {
            return "pip --trusted-host skips TLS verification for that host"
        }
        if ["npm", "yarn", "pnpm"].contains(name), lowered.contains("--strict-ssl=false") || (lowered.contains("strict-ssl") && lowered.contains("false")) {
            return "strict-ssl false makes the package manager accept any TLS certificate"
        }
        if name == "git", lowered.contains("http.sslverify=false") || (lowered.contains("http.sslverify") && lowered.contains("false")) {
            return "http.sslVerify=false makes git accept any TLS certificate"
        }
        if name == "apk", command.hasOption("--allow-untrusted") {
            return "apk --allow-untrusted installs packages without checking their signatures"
        }
        if ["apt-get", "apt"].contains(name), command.hasOption("--allow-unauthenticated", "--allow-insecure-repositories") {
            return "apt accepts packages or repositories that are not signed"
        }
        if ["yum", "dnf", "microdnf", "zypper", "rpm"].contains(name), command.hasOption("--nogpgcheck", "--no-gpg-checks", "--nosignature") {
            return "packages are installed without checking their signatures"
        }
        if command.arguments.contains(where: { DockerBytes.contains($0, "trusted=yes]") }) {
            return "an apt source marked [trusted=yes] is used without checking its signature"
        }
        return nil
    }

    /// Variables that tell a tool to skip verification, when set to do so.
    static func disabled(variable name: String, value: String) -> String? {
        let value = value.lowercased()
        switch name.uppercased() {
        case "NODE_TLS_REJECT_UNAUTHORIZED" where value == "0":
            return "NODE_TLS_REJECT_UNAUTHORIZED=0 makes Node.js accept any TLS certificate"
        case "GIT_SSL_NO_VERIFY" where !["", "0", "false"].contains(value):
            return "GIT_SSL_NO_VERIFY makes git accept any TLS certificate"
        case "PYTHONHTTPSVERIFY" where value == "0":
            return "PYTHONHTTPSVERIFY=0 makes Python accept any TLS certificate"
        case "PIP_TRUSTED_HOST" where !value.isEmpty:
            return "PIP_TRUSTED_HOST skips TLS verification for that host"
        case "NPM_CONFIG_STRICT_SSL" where value == "false":
            return "NPM_CONFIG_STRICT_SSL=false makes npm accept any TLS certificate"
        default:
            return nil
        }
    }
}
