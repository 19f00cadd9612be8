import Foundation

/// What a scan reports: which rules, what to skip, how deep to decode.
package struct SecretScanOptions: Sendable {
    package var allowlist = SecretAllowlist()
    package var ruleAllowlists: [String: SecretAllowlist] = [:]
    /// Layers of base64/hex/percent encoding looked through.
    package var decodeDepth = 2
    /// Worker threads; defaults to the machine's active cores.
    package var workers = ProcessInfoCores.active

    package init() {}
}

package enum ProcessInfoCores {
    package static var active: Int { max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
