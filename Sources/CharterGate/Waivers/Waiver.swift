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
        switch scope {
        case .fingerprint(let fingerprint):
            return fingerprint == finding.fingerprint
        case .rule(let rule, let path):
            guard rule == finding.ruleID || rule == "*" else { return false }
            return (try? GlobPattern(path).matches(finding.location.path)) ?? false
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
            let text = try fingerprint.string()
            guard text.hasPrefix("hmac-sha256:"), text.count == 76 else {
                throw fingerprint.error("expected a finding fingerprint such as hmac-sha256:<64 hex>, as a scan prints it")
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
        if trimmed.count == 10 {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd"
            return formatter.date(from: trimmed)
        }
        return RFC3339.parse(trimmed)
    }

    static func parse(_ field: YAMLField) throws -> Date {
        guard let date = parse(try field.string()) else { throw field.error("expected a date such as 2026-12-31") }
        return date
    }

    package static func format(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
