import Foundation

/// What names a repository in the ledger across clones and CI runners: its `origin` remote with
/// any credentials removed, else the folder's name.
enum RepositoryName {
    static func of(_ folder: String) -> String {
        GitHead.originURL(of: folder).map(withoutCredentials) ?? URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent
    }

    /// `https://user:token@host/org/repo.git` → `https://host/org/repo.git`; a token must never reach the ledger.
    static func withoutCredentials(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].firstIndex(of: "@"),
              !url[scheme.upperBound..<at].contains("/") else { return url }
        return String(url[..<scheme.upperBound]) + url[url.index(after: at)...]
    }
}
