import CharterCore
import CharterGate
import CharterTestSupport
import Foundation
import Testing

/// `charter waiver add/revoke` edit `charter.yml` as text: the team's comments and layout stay,
/// and nothing is written that does not read back as a valid policy.
@Suite struct WaiverFileTests {
    typealias F = GateFixtures
    static let today = F.day("2026-02-01")

    /// Waivers in the middle, a commented key after them.
    static let reviewed = """
        # Charter policy — reviewed by security.
        version: 1

        waivers:
          # Fixtures we ship on purpose.
          - id: W-001
            rule: "test-token"
            path: "testdata/**"
            reason: "Fixture keys"
            approver: "bob@example.com"
            expires: 2026-03-31

        # The gates that run in CI.
        gates:
          secrets:
            fail-on: [high]   # medium is too noisy for now

        """

    static let newWaiver = F.waiver("W-002", .fingerprint(F.fingerprint(0x42)), expires: "2026-04-15", created: "2026-02-01", approver: "carol@example.com", reason: "Rotated on 2026-02-01")

    static func editor(_ text: String?) throws -> (TemporaryDirectory, WaiverFile) {
        let folder = try F.policyFolder(text)
        return (folder, try WaiverFile(path: folder.file("charter.yml")))
    }

    static func lines(_ text: String) -> [String] { text.components(separatedBy: "\n") }

    /// Whether `part` appears in `whole` in order (other lines may be between).
    static func isSubsequence(_ part: [String], of whole: [String]) -> Bool {
        var index = whole.startIndex
        for line in part {
            guard let found = whole[index...].firstIndex(of: line) else { return false }
            index = found + 1
        }
        return true
    }

    // MARK: Adding

    @Test func addKeepsCommentsAndStaysInsideTheWaiversBlock() throws {
        let (folder, file) = try Self.editor(Self.reviewed)
        defer { folder.remove() }
        var editor = file
        editor.add(Self.newWaiver)
        let after = Self.lines(editor.text)
        #expect(Self.isSubsequence(Self.lines(Self.reviewed), of: after), "every original line survives, in order:\n\(editor.text)")
        let entry = try #require(after.firstIndex(of: "  - id: W-002"))
        #expect(entry > after.firstIndex(of: "    expires: 2026-03-31")!)
        #expect(entry < after.firstIndex(of: "gates:")!)
        #expect(after.contains("    fingerprint: \(F.fingerprint(0x42))"))

        let policy = try editor.write(today: Self.today)
        #expect(policy.waivers.map(\.id) == ["W-001", "W-002"])
        #expect(policy.secrets?.failOn == [.high], "the key after the waivers block is intact")
        let written = try String(contentsOfFile: folder.file("charter.yml"), encoding: .utf8)
        #expect(written == editor.text)
        let reread = try #require(try PolicyLoader.load(root: folder.path, today: Self.today).waivers.last)
        #expect(reread == Waiver(
            id: "W-002", scope: .fingerprint(F.fingerprint(0x42)), reason: "Rotated on 2026-02-01", approver: "carol@example.com",
            expires: F.day("2026-04-15"), created: F.day("2026-02-01"), line: reread.line))
    }

    /// The comment introducing the next key belongs to that key: the new waiver goes above it.
    @Test func addLeavesTheNextKeysCommentWithIt() throws {
        let (folder, file) = try Self.editor(Self.reviewed)
        defer { folder.remove() }
        var editor = file
        editor.add(Self.newWaiver)
        let after = Self.lines(editor.text)
        let comment = try #require(after.firstIndex(of: "# The gates that run in CI."))
        #expect(after[comment + 1] == "gates:", "the comment still introduces gates:\n\(editor.text)")
        #expect(after[comment - 1] == "", "the blank line before the comment stays:\n\(editor.text)")
    }

    @Test func addToEmptyFlowList() throws {
        let text = "version: 1\nwaivers: []\ngates:\n  secrets:\n    decode-depth: 1\n"
        let (folder, file) = try Self.editor(text)
        defer { folder.remove() }
        var editor = file
        editor.add(Self.newWaiver)
        #expect(!editor.text.contains("[]"))
        let policy = try editor.write(today: Self.today)
        #expect(policy.waivers.map(\.id) == ["W-002"])
        #expect(policy.secrets?.decodeDepth == 1)
    }

    @Test func addToFileWithoutWaivers() throws {
        let text = "# keep me\nversion: 1\ngates:\n  secrets:\n    fail-on: [high]"
        let (folder, file) = try Self.editor(text)
        defer { folder.remove() }
        var editor = file
        editor.add(Self.newWaiver)
        #expect(editor.text.hasPrefix(text + "\n"), "the original text is untouched:\n\(editor.text)")
        #expect(editor.text.hasSuffix("\n"))
        let policy = try editor.write(today: Self.today)
        #expect(policy.waivers.map(\.id) == ["W-002"])
        #expect(policy.secrets?.failOn == [.high])
    }

    /// `- id:` at the key's own indentation is common YAML style; the new entry must fit in.
    @Test func addToAnUnindentedList() throws {
        let text = "version: 1\nwaivers:\n- id: W-001\n  rule: test-token\n  path: a/**\n  reason: first\n  approver: bob\n  expires: 2026-03-01\n"
        let (folder, file) = try Self.editor(text)
        defer { folder.remove() }
        var editor = file
        editor.add(Self.newWaiver)
        let policy = try editor.write(today: Self.today)
        #expect(policy.waivers.map(\.id) == ["W-001", "W-002"])
    }

    @Test func addCreatesANewFile() throws {
        let (folder, file) = try Self.editor(nil)
        defer { folder.remove() }
        var editor = file
        #expect(!FileManager.default.fileExists(atPath: folder.file("charter.yml")))
        editor.add(Self.newWaiver)
        _ = try editor.write(today: Self.today)
        let policy = try PolicyLoader.load(root: folder.path, today: Self.today)
        #expect(policy.file != nil)
        #expect(policy.waivers.map(\.id) == ["W-002"])
        #expect(policy.secrets != nil, "a new file keeps the default gates")
        let contents = try String(contentsOfFile: folder.file("charter.yml"), encoding: .utf8)
        #expect(contents.contains("version: 1\n"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["charter.yml"], "no temporary file is left behind")
    }

    @Test func addsAfterTheLastOfSeveral() throws {
        let (folder, file) = try Self.editor(nil)
        defer { folder.remove() }
        var editor = file
        for number in 1...3 {
            editor.add(F.waiver(String(format: "W-%03d", number), .rule("test-token", path: "dir\(number)/**")))
        }
        let policy = try editor.write(today: Self.today)
        #expect(policy.waivers.map(\.id) == ["W-001", "W-002", "W-003"])
        #expect(policy.waivers.map(\.scope) == (1...3).map { .rule("test-token", path: "dir\($0)/**") })
    }

    @Test(arguments: [
        ([String](), "W-001"), (["W-001"], "W-002"), (["W-001", "W-007", "W-003"], "W-008"),
        (["W-099"], "W-100"), (["LEGACY-5", "W-002", "W-x"], "W-003"),
    ])
    func nextID(existing: [String], next: String) throws {
        let (folder, editor) = try Self.editor(nil)
        defer { folder.remove() }
        #expect(editor.nextID(existing: existing.map { F.waiver($0, .rule("r", path: "p")) }) == next)
    }

    // MARK: Removing

    static let three = """
        version: 1
        waivers:
          - id: W-001
            rule: "test-token"
            path: "a/**"
            reason: "first"
            approver: "bob"
            expires: 2026-03-01
          - id: "W-002"
            rule: "test-token"
            path: "b/**"
            reason: "second"
            approver: "bob"
            expires: 2026-03-02
          - id: W-003
            rule: "test-token"
            path: "c/**"
            reason: "third"
            approver: "bob"
            expires: 2026-03-03
        gates:
          secrets: true

        """

    @Test func removeTakesOutOnlyThatWaiver() throws {
        let (folder, file) = try Self.editor(Self.three)
        defer { folder.remove() }
        var editor = file
        let removed = editor.remove(id: "W-002")
        #expect(removed)
        let expected = Self.lines(Self.three).enumerated().filter { !(8...13).contains($0.offset) }.map(\.element)
        #expect(Self.lines(editor.text) == expected, "\(editor.text)")
        let policy = try editor.write(today: Self.today)
        #expect(policy.waivers.map(\.id) == ["W-001", "W-003"])
        #expect(policy.waivers.map(\.reason) == ["first", "third"])
        #expect(policy.secrets != nil)
    }

    @Test(arguments: ["W-001", "W-003"])
    func removeFirstOrLast(id: String) throws {
        let (folder, file) = try Self.editor(Self.three)
        defer { folder.remove() }
        var editor = file
        let removed = editor.remove(id: id)
        #expect(removed)
        let policy = try editor.write(today: Self.today)
        #expect(policy.waivers.map(\.id) == ["W-001", "W-002", "W-003"].filter { $0 != id })
        #expect(editor.text.contains("gates:\n  secrets: true\n"))
    }

    @Test(arguments: ["W-004", "W-00", "w-001", ""])
    func removeUnknownIDChangesNothing(id: String) throws {
        let (folder, file) = try Self.editor(Self.three)
        defer { folder.remove() }
        var editor = file
        let removed = editor.remove(id: id)
        #expect(!removed)
        #expect(editor.text == Self.three)
    }

    @Test func removeFromFileWithoutWaivers() throws {
        let (folder, file) = try Self.editor("version: 1\n")
        defer { folder.remove() }
        var editor = file
        let removed = editor.remove(id: "W-001")
        #expect(!removed)
        #expect(editor.text == "version: 1\n")
    }

    /// Removing the last waiver must not take the next key's comment with it.
    @Test func removeKeepsTheNextKeysComment() throws {
        let (folder, file) = try Self.editor(Self.reviewed)
        defer { folder.remove() }
        var editor = file
        let removed = editor.remove(id: "W-001")
        #expect(removed)
        #expect(editor.text.contains("# The gates that run in CI.\ngates:\n"), "\(editor.text)")
        #expect(editor.text.contains("# Charter policy — reviewed by security."))
        #expect(!editor.text.contains("W-001"))
    }

    /// Revoking the only waiver leaves `waivers:` with no items; that must still be a valid policy.
    @Test func removeTheOnlyWaiverLeavesAValidPolicy() throws {
        let text = "version: 1\nwaivers:\n  - id: W-001\n    rule: r\n    path: p\n    reason: x\n    approver: y\n    expires: 2026-03-01\n"
        let (folder, file) = try Self.editor(text)
        defer { folder.remove() }
        var editor = file
        let removed = editor.remove(id: "W-001")
        #expect(removed)
        let policy = try editor.write(today: Self.today)
        #expect(policy.waivers.isEmpty)
        #expect(try String(contentsOfFile: folder.file("charter.yml"), encoding: .utf8) == editor.text)
    }

    // MARK: Writing

    @Test func writeRefusesAnInvalidPolicyAndKeepsTheFile() throws {
        let (folder, file) = try Self.editor(Self.three)
        defer { folder.remove() }
        let path = folder.file("charter.yml")
        var editor = file
        editor.add(F.waiver("W-002", .rule("test-token", path: "d/**")))
        let error = try #require(throws: GateError.self) { try editor.write(today: Self.today) }
        #expect(error.code == .policyInvalid)
        #expect(error.message.contains("W-002"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.three)

        editor.replaceText("version: 1\nwaivers:\n  - id: [unclosed\n")
        #expect(throws: GateError.self) { try editor.write(today: Self.today) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.three)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["charter.yml"])
    }

    @Test func writeRefusesAWaiverPastMaxDays() throws {
        let (folder, file) = try Self.editor("version: 1\nwaiver-policy:\n  max-days: 30\n")
        defer { folder.remove() }
        var editor = file
        editor.add(F.waiver("W-001", .rule("r", path: "p"), expires: "2026-06-30", created: "2026-02-01"))
        #expect(throws: GateError.self) { try editor.write(today: Self.today) }
        #expect(try String(contentsOfFile: folder.file("charter.yml"), encoding: .utf8) == "version: 1\nwaiver-policy:\n  max-days: 30\n")
    }

    static let awkwardText = [
        "He said \"ship it\"", "line one\nline two", "tab\tseparated", #"C:\path\to\file"#, "key: value # not a comment",
        "'single' quotes", "- looks like a list item", "[brackets] {braces} & *star !tag %percent @at `tick`",
        "ünïcødé ✓ 日本語", "bell\u{07}and escape\u{1B}", "carriage\r\nreturn", "delete\u{7F}char", "next\u{85}line",
        "line\u{2028}separator", "yes", "null", "~", "0x1F", "2026-01-01",
    ]

    @Test(arguments: awkwardText)
    func quotedReasonRoundTrips(reason: String) throws {
        let (folder, file) = try Self.editor(Self.reviewed)
        defer { folder.remove() }
        var editor = file
        editor.add(F.waiver("W-002", .rule("test-token", path: "x/**"), approver: "Ann \"QA\" O'Neil", reason: reason))
        let written = try editor.write(today: Self.today)
        let policy = try PolicyLoader.load(root: folder.path, today: Self.today)
        let waiver = try #require(policy.waivers.last)
        #expect(waiver.reason == reason)
        #expect(waiver.approver == "Ann \"QA\" O'Neil")
        #expect(written.waivers.last?.reason == reason)
    }

    @Test(arguments: [("*", "testdata/**"), ("test-token", "dir with spaces/*.env"), ("test-token", "#hash/[ab].txt"), ("test-token", "quote\"d/path")])
    func ruleAndPathRoundTrip(rule: String, path: String) throws {
        let (folder, file) = try Self.editor(nil)
        defer { folder.remove() }
        var editor = file
        editor.add(F.waiver("W-001", .rule(rule, path: path)))
        let policy = try editor.write(today: Self.today)
        #expect(policy.waivers.first?.scope == .rule(rule, path: path))
    }
}
