@testable import CharterCLI
import Testing

/// The repository name goes into the ledger as a subject: credentials in a remote URL must not.
@Suite struct RepositoryNameTests {
    @Test(arguments: [
        ("https://x-access-token:ghs_abc123@github.com/acme/app.git", "https://github.com/acme/app.git"),
        ("https://alice@gitlab.example.com/group/app", "https://gitlab.example.com/group/app"),
        ("git@github.com:acme/app.git", "git@github.com:acme/app.git"),
        ("https://github.com/acme/app.git", "https://github.com/acme/app.git"),
        ("ssh://git@host:2222/acme/app.git", "ssh://host:2222/acme/app.git"),
    ])
    func credentialsAreRemoved(url: String, name: String) {
        #expect(RepositoryName.withoutCredentials(url) == name)
    }
}
