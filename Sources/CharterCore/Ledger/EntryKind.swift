/// A ledger entry kind: a dotted lowercase name such as `gate.verdict` or `decision.approved`.
package struct EntryKind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    package let rawValue: String

    package init?(rawValue: String) {
        guard Self.isValid(rawValue) else { return nil }
        self.rawValue = rawValue
    }

    package init(validating text: String) throws {
        guard let kind = EntryKind(rawValue: text) else { throw InvalidEntryKind(text: text) }
        self = kind
    }

    package var description: String { rawValue }

    /// The part before the first dot: `decision` for `decision.approved`.
    package var namespace: Substring { rawValue.prefix { $0 != "." } }

    /// Two to eight segments of `[a-z][a-z0-9_-]*` joined by dots, at most 64 characters.
    static func isValid(_ text: String) -> Bool {
        guard (3...64).contains(text.utf8.count) else { return false }
        let segments = text.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (2...8).contains(segments.count) else { return false }
        return segments.allSatisfy { segment in
            guard let first = segment.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else { return false }
            return segment.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            }
        }
    }
}

package struct InvalidEntryKind: CharterFailure {
    package let text: String
    package var category: FailureCategory { .usage }
    package var message: String {
        "kind \"\(text)\" is not valid: use two or more dot-separated lowercase segments such as \"deploy.approved\" (letters, digits, '_' and '-'; each segment starts with a letter; at most 64 characters)"
    }
}
