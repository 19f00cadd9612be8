/// The level-2 sections a decision memo may have, recognized by heading.
enum MemoSectionKind: CaseIterable {
    case metadata, context, options, decision, rationale, risks, links

    /// Reads headings case-insensitively, ignoring numbering (`2. Context`) and trailing colons.
    init?(heading: String) {
        switch MemoMarkdown.key(Self.withoutNumbering(MemoMarkdown.unwrap(heading))) {
        case "metadata", "meta data": self = .metadata
        case "context": self = .context
        case "options considered", "options": self = .options
        case "decision": self = .decision
        case "rationale": self = .rationale
        case "risks", "risks and mitigations", "risks & mitigations": self = .risks
        case "related", "links", "references": self = .links
        default: return nil
        }
    }

    /// The heading to suggest in messages.
    var name: String {
        switch self {
        case .metadata: "Metadata"
        case .context: "Context"
        case .options: "Options Considered"
        case .decision: "Decision"
        case .rationale: "Rationale"
        case .risks: "Risks"
        case .links: "Related"
        }
    }

    /// `Context` from `2. Context`, `2) Context` or `1.2 Context`.
    private static func withoutNumbering(_ heading: String) -> String {
        heading.replacing(#/^[0-9]+(\.[0-9]+)*[.)]?\s+/#, with: "", maxReplacements: 1)
    }
}
