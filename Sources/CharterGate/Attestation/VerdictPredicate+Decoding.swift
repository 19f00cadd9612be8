import CharterCore

extension VerdictPredicate {
    /// Reads the predicate of a Statement whose `predicateType` is `VerdictPredicate.type`.
    /// Every field of the format is required (`policy.file` and `commit` may be null); errors
    /// name the field, such as `predicate.gates[1].counts.failing`.
    package init(json: JSONValue, source: String) throws {
        let fields = try JSONFields(json, path: "predicate", source: source, expected: "a Charter verdict predicate")
        let verdict = try fields.string("verdict")
        guard verdict == "pass" || verdict == "fail" else {
            throw fields.error("verdict", "must be \"pass\" or \"fail\", got \"\(verdict)\"")
        }
        let gates = try fields.array("gates").map { element in
            let gate = try JSONFields(element.value, path: element.path, source: source, expected: "a gate with name, passed and counts")
            let counts = try gate.object("counts", expected: "failing, belowThreshold, waived and baselined")
            var tally = GateResult.Counts()
            tally.failing = try counts.count("failing")
            tally.belowThreshold = try counts.count("belowThreshold")
            tally.waived = try counts.count("waived")
            tally.baselined = try counts.count("baselined")
            return Gate(name: try gate.string("name"), passed: try gate.bool("passed"), counts: tally)
        }
        let policy = try fields.object("policy", expected: "digest and file")
        let waivers = try fields.array("waivers").map { element in
            let waiver = try JSONFields(element.value, path: element.path, source: source, expected: "a waiver with id, reason, approver and expires")
            return WaiverUse(
                id: try waiver.string("id"), reason: try waiver.string("reason"),
                approver: try waiver.string("approver"), expires: try waiver.string("expires"))
        }
        let tool = try fields.object("tool", expected: "name and version")
        self.init(
            passed: verdict == "pass", gates: gates, policyDigest: try policy.string("digest"),
            policyFile: try policy.optionalString("file"), waivers: waivers, commit: try fields.optionalString("commit"),
            created: try fields.string("created"), toolVersion: try tool.string("version"),
            ledger: try LedgerEvidence(try fields.object("ledger", expected: "entry, proof and checkpoint")))
    }
}
