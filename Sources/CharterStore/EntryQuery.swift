import Foundation

/// A filter over ledger entries; all set fields must match.
package struct EntryQuery: Sendable, Equatable {
    package var kind: String?
    /// Matches kinds in a namespace: `decision` matches `decision.created`, `decision.approved`.
    package var kindPrefix: String?
    package var subject: String?
    /// RFC 3339 UTC; entries at or after this time.
    package var since: String?
    package var limit: Int?
    /// Newest first when true.
    package var descending: Bool

    package init(kind: String? = nil, kindPrefix: String? = nil, subject: String? = nil, since: String? = nil, limit: Int? = nil, descending: Bool = false) {
        self.kind = kind
        self.kindPrefix = kindPrefix
        self.subject = subject
        self.since = since
        self.limit = limit
        self.descending = descending
    }
}
