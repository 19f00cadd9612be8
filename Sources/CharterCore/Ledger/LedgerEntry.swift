/// One entry of the tamper-evident ledger.
///
/// Its canonical bytes (RFC 8785) are what the Merkle tree hashes. `payload` is held as
/// canonical JSON text, so the entry's bytes are built by concatenation, never by re-parsing.
package struct LedgerEntry: Sendable, Equatable {
    package let index: UInt64
    /// RFC 3339 UTC, millisecond precision.
    package let time: String
    package let kind: EntryKind
    package let actor: String
    package let subject: String
    package let reason: String?
    /// Canonical JSON text of a JSON object.
    package let payload: String

    package init(index: UInt64, time: String, kind: EntryKind, actor: String, subject: String, reason: String?, payload: String) {
        self.index = index
        self.time = time
        self.kind = kind
        self.actor = actor
        self.subject = subject
        self.reason = reason
        self.payload = payload
    }

    /// RFC 8785 bytes of `{actor, index, kind, payload, reason?, subject, time}`; the member
    /// order below is already the canonical (UTF-16 sorted) one.
    package var canonicalBytes: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payload.utf8.count + subject.utf8.count + actor.utf8.count + (reason?.utf8.count ?? 0) + 120)
        bytes.append(contentsOf: #"{"actor":"#.utf8)
        CanonicalJSON.appendQuoted(actor, to: &bytes)
        bytes.append(contentsOf: #","index":"#.utf8)
        bytes.append(contentsOf: String(index).utf8)
        bytes.append(contentsOf: #","kind":"#.utf8)
        CanonicalJSON.appendQuoted(kind.rawValue, to: &bytes)
        bytes.append(contentsOf: #","payload":"#.utf8)
        bytes.append(contentsOf: payload.utf8)
        if let reason {
            bytes.append(contentsOf: #","reason":"#.utf8)
            CanonicalJSON.appendQuoted(reason, to: &bytes)
        }
        bytes.append(contentsOf: #","subject":"#.utf8)
        CanonicalJSON.appendQuoted(subject, to: &bytes)
        bytes.append(contentsOf: #","time":"#.utf8)
        CanonicalJSON.appendQuoted(time, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
        return bytes
    }

    /// The entry as a JSON value (what `ledger show --json` prints and what an auditor keeps).
    package func jsonValue() throws -> JSONValue {
        var object: [String: JSONValue] = [
            "index": .number(Double(index)),
            "time": .string(time),
            "kind": .string(kind.rawValue),
            "actor": .string(actor),
            "subject": .string(subject),
            "payload": try JSONParser.parse(Array(payload.utf8), source: "payload of entry \(index)", options: .lenient),
        ]
        if let reason { object["reason"] = .string(reason) }
        return .object(object)
    }
}

extension LedgerEntry {
    /// Reads an entry back from its JSON form (an auditor's `entry.json`), re-canonicalizing the payload.
    package init(json: JSONValue, source: String) throws {
        func field(_ name: String) throws -> String {
            guard let value = json[name]?.stringValue else {
                throw EntryFormatError(source: source, message: "field \"\(name)\" is missing or not a string")
            }
            return value
        }
        guard case .object(let members) = json else {
            throw EntryFormatError(source: source, message: "an entry must be a JSON object")
        }
        let known: Set<String> = ["index", "time", "kind", "actor", "subject", "reason", "payload"]
        if let extra = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw EntryFormatError(source: source, message: "unexpected field \"\(extra)\"; an entry has index, time, kind, actor, subject, reason and payload")
        }
        guard let number = json["index"]?.doubleValue, number >= 0, number == number.rounded(), number < 9_007_199_254_740_992 else {
            throw EntryFormatError(source: source, message: "field \"index\" must be a non-negative integer")
        }
        guard let payload = json["payload"], payload.objectValue != nil else {
            throw EntryFormatError(source: source, message: "field \"payload\" must be a JSON object")
        }
        var reason: String?
        if let value = json["reason"] {
            guard let text = value.stringValue else {
                throw EntryFormatError(source: source, message: "field \"reason\" must be a string")
            }
            reason = text
        }
        self.init(
            index: UInt64(number), time: try field("time"), kind: try EntryKind(validating: try field("kind")),
            actor: try field("actor"), subject: try field("subject"), reason: reason,
            payload: try CanonicalJSON.string(payload)
        )
    }
}

package struct EntryFormatError: CharterFailure {
    package let source: String
    package let reason: String
    package init(source: String, message: String) {
        self.source = source
        self.reason = message
    }
    package var category: FailureCategory { .input }
    package var message: String { "\(source): \(reason)" }
}
