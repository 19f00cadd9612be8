/// What a caller asks the ledger to record; the ledger assigns the index and the time.
package struct EntryDraft: Sendable, Equatable {
    package var kind: EntryKind
    package var actor: String
    package var subject: String
    package var reason: String?
    /// Canonical JSON text of a JSON object.
    package var payload: String

    /// - Throws: `LedgerInputError` when actor or subject is empty or too long, or the payload is not an object.
    package init(kind: EntryKind, actor: String, subject: String, reason: String? = nil, payload: JSONValue) throws {
        guard payload.objectValue != nil else {
            throw LedgerInputError(field: "payload", problem: "must be a JSON object, like {\"key\": \"value\"}")
        }
        try self.init(kind: kind, actor: actor, subject: subject, reason: reason, canonicalPayload: try CanonicalJSON.string(payload))
    }

    package init(kind: EntryKind, actor: String, subject: String, reason: String? = nil, canonicalPayload: String) throws {
        try Self.check(actor, field: "actor", limit: 256)
        try Self.check(subject, field: "subject", limit: 1024)
        if let reason { try Self.check(reason, field: "reason", limit: 4096) }
        self.kind = kind
        self.actor = actor
        self.subject = subject
        self.reason = reason
        self.payload = canonicalPayload
    }

    private static func check(_ value: String, field: String, limit: Int) throws {
        if value.allSatisfy(\.isWhitespace) {
            throw LedgerInputError(field: field, problem: "must not be empty")
        }
        if value.utf8.count > limit {
            throw LedgerInputError(field: field, problem: "is \(value.utf8.count) bytes; the limit is \(limit)")
        }
    }
}

package struct LedgerInputError: CharterFailure {
    package let field: String
    package let problem: String
    package init(field: String, problem: String) {
        self.field = field
        self.problem = problem
    }
    package var category: FailureCategory { .usage }
    package var message: String { "\(field) \(problem)" }
}
