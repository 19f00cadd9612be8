/// One place a rule fires: the instruction, what to show, and what distinguishes it from other
/// hits of the same rule on the same instruction.
struct RuleHit {
    let instruction: Instruction
    /// 1-based line; the instruction's first line unless the hit is inside a heredoc.
    let line: Int
    /// A short excerpt of what was found (masked for secrets before it is shown).
    let excerpt: String
    /// Why it fires here, in a sentence.
    let reason: String
    /// What makes this hit unique within its instruction (a package name, a path); the
    /// instruction text alone identifies it when nil.
    let subject: String?
    /// Replaces the instruction text in the fingerprint: secret hits use the probe's identity
    /// so the raw instruction (holding the secret) is never hashed.
    let identity: String?
    let notes: [String]

    init(_ instruction: Instruction, line: Int? = nil, excerpt: String, reason: String, subject: String? = nil, identity: String? = nil, notes: [String] = []) {
        self.instruction = instruction
        self.line = line ?? instruction.startLine
        self.excerpt = excerpt
        self.reason = reason
        self.subject = subject
        self.identity = identity
        self.notes = notes
    }
}
