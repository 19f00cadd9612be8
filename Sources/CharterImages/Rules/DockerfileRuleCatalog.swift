/// Charter's Dockerfile rules, `DF001`…, grouped by family in `Catalog/<Family>Rules.swift`.
///
/// The samples are written against a sample policy: approved bases `debian`, `alpine`,
/// `python`, `node` (Docker Hub official images), `gcr.io/distroless/**` and
/// `registry.example.com/base/*`, digests required, `latest` refused; and a secret probe that
/// recognises AWS access key IDs.
package enum DockerfileRuleCatalog {
    /// Every rule, by id.
    package static let all: [DockerfileRule] = (baseImages + runtime + secrets + downloads + copiedFiles + apt + packageManagers + stages + style)
        .sorted { $0.id < $1.id }

    /// A pinned, approved base the samples start from.
    static let base = "debian:12-slim@sha256:" + "b5ee7a3ef8d1c2a9e4f6d0c3b2a1908172635445e6f7a8b9c0d1e2f3a4b5c6d7"
    static let alpine = "alpine:3.20@sha256:" + "0a9c4b7d2e1f3a5b6c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d"
}
