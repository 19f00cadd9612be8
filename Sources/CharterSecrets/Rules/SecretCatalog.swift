/// Charter's built-in secret rules, written from each provider's documented token format.
/// Each family lives in `Catalog/<Family>Rules.swift` as an extension of this type.
package enum SecretCatalog {
    package static var all: [SecretRule] {
        cloud + infra + sourceHosts + registries + chat + commerce + ai + observability + privateKeys + structured
    }
}
