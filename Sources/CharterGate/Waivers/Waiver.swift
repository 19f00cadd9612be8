import CharterCore
import CharterSecrets
import Foundation

/// A reviewed exception to a gate: one finding (by fingerprint) or one rule in some paths, with
/// who approved it, why, and when it stops applying. Expired waivers are reported, never applied.
package struct Waiver: Sendable, Codable, Equatable {
    package enum Scope: Sendable, Codable, Equatable {
        case fingerprint(String)
        /// A rule id and a path glob (`config/dev.env`, `testdata/**`).
        case rule(String, path: String)
    }

    package let id: String
    package let scope: Scope
    package let reason: String
    package let approver: String
    /// The last day (UTC) the waiver applies.
    package let expires: Date
    package let created: Date?
    /// The line in `charter.yml` where it starts (0 when not from a file).
    package let line: Int

    package init(id: String, scope: Scope, reason: String, approver: String, expires: Date, created: Date?, line: Int = 0) {
        self.id = id
        self.scope = scope
        self.reason = reason
        self.approver = approver
        self.expires = expires
        self.created = created
        self.line = line
    }

    /// True from the day after `expires` (UTC).
    package func isExpired(at now: Date) -> Bool {
        guard let end = Calendar.utc.date(byAdding: .day, value: 1, to: Calendar.utc.startOfDay(for: expires)) else { return true }
        return now >= end
    }

    package func covers(_ finding: Finding) -> Bool {
        matcher()(finding)
    }

    /// A test for the findings this waiver covers, with its path glob compiled once.
    package func matcher() -> @Sendable (Finding) -> Bool {
        switch scope {
        case .fingerprint(let fingerprint):
            return { $0.fingerprint == fingerprint }
        case .rule(let rule, let path):
            guard let pattern = try? GlobPattern(path) else { return { _ in false } }
            return { (rule == $0.ruleID || rule == "*") && pattern.matches($0.location.path) }
        }
    }

    package var expiresDay: String { WaiverDate.format(expires) }

    static func parse(_ field: YAMLField) throws -> Waiver {
        let members = try field.members(allowed: ["id", "fingerprint", "rule", "path", "reason", "approver", "expires", "created"])
        func required(_ key: String, _ hint: String) throws -> String {
            guard let value = members[key] else { throw field.error("waiver needs \"\(key)\" (\(hint))") }
            let text = try value.string().trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { throw value.error("must not be empty (\(hint))") }
            return text
        }
        let id = try required("id", "e.g. W-001")
        let scope: Scope
        if let fingerprint = members["fingerprint"] {
            let text = try fingerprint.string().lowercased()
            // Secrets are fingerprinted with a key (hmac-sha256:), dependency findings by plain sha256:.
            let prefix = text.hasPrefix("hmac-sha256:") ? 12 : text.hasPrefix("sha256:") ? 7 : 0
            guard prefix > 0, text.utf8.count == prefix + 64,
                  text.utf8.dropFirst(prefix).allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
                throw fingerprint.error("expected a finding fingerprint such as hmac-sha256:<64 hex> or sha256:<64 hex>, as a scan prints it")
            }
            guard members["rule"] == nil, members["path"] == nil else { throw field.error("waiver \(id): give either fingerprint, or rule and path, not both") }
            scope = .fingerprint(text)
        } else if members["rule"] != nil {
            scope = .rule(try required("rule", "a rule id, or * for every rule"), path: try required("path", "a path or glob such as testdata/**"))
        } else {
            throw field.error("waiver \(id) needs a scope: a fingerprint, or a rule and a path")
        }
        let expires = try members["expires"].map { try WaiverDate.parse($0) } ?? { throw field.error("waiver \(id) needs \"expires\" (a date such as 2026-12-31): every waiver ends") }()
        return Waiver(
            id: id, scope: scope, reason: try required("reason", "why this exception is acceptable"),
            approver: try required("approver", "who approved the exception"), expires: expires,
            created: try members["created"].map { try WaiverDate.parse($0) }, line: field.line)
    }
}

/// Waiver dates: a day (`2026-12-31`) or an RFC 3339 time.
package enum WaiverDate {
    package static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return RFC3339.parse(trimmed.count == 10 ? trimmed + "T00:00:00Z" : trimmed)
    }

    /// The start (UTC) of the day `date` falls on.
    package static func day(of date: Date) -> Date {
        Calendar.utc.startOfDay(for: date)
    }

    static func parse(_ field: YAMLField) throws -> Date {
        guard let date = parse(try field.string()) else { throw field.error("expected a date such as 2026-12-31") }
        return date
    }

    package static func format(_ date: Date) -> String {
        RFC3339.day(date)
    }
}
