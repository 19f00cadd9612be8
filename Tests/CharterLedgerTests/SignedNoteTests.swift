import CharterLedger
import CharterTestSupport
import Foundation
import Testing

@Suite struct SignedNoteTests {
    /// The example of the C2SP signed-note specification.
    static let exampleKey = "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
    static let exampleNote = "This is an example message.\n\n\u{2014} example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"

    @Test func specificationExampleVerifies() throws {
        let verifier = try NoteVerifier(vkey: Self.exampleKey)
        #expect(verifier.keyIDHex == "530d903a")
        let note = try SignedNote(parsing: Self.exampleNote)
        #expect(note.text == "This is an example message.\n")
        #expect(note.verify(with: [verifier]).isVerified)
        #expect(note.serialized == Self.exampleNote)
    }

    @Test func alteredTextOrSignatureFails() throws {
        let verifier = try NoteVerifier(vkey: Self.exampleKey)
        let altered = try SignedNote(parsing: Self.exampleNote.replacingOccurrences(of: "example message", with: "exemplary message"))
        #expect(altered.verify(with: [verifier]) == .badSignature(verifier))
        let other = try NoteSigner.generate(name: "example.com/other")
        #expect(try SignedNote(parsing: Self.exampleNote).verify(with: [other.verifier]) == .noKnownSigner)
    }

    @Test func signerNeverPrintsItsSeed() throws {
        let signer = try NoteSigner.generate(name: "charter.test/log")
        let secret = try #require(signer.skey.split(separator: "+").dropFirst(4).first)
        var dumped = ""
        dump(signer, to: &dumped)
        for text in ["\(signer)", String(describing: signer), String(reflecting: signer), dumped] {
            #expect(!text.contains(secret), "the private key leaked into \(text)")
        }
    }

    @Test func signAndVerifyRoundTrip() throws {
        let signer = try NoteSigner.generate(name: "charter.test/log")
        let reloaded = try NoteSigner(skey: signer.skey)
        #expect(reloaded.verifier == signer.verifier)
        #expect(try NoteVerifier(vkey: signer.verifier.vkey) == signer.verifier)
        #expect(try NoteVerifier.publicKey(pem: signer.verifier.pem) == signer.verifier.publicKey)
        let checkpoint = Checkpoint(origin: signer.name, size: 42, root: Array(repeating: 7, count: 32))
        let note = try SignedNote.sign(checkpoint.text, with: signer)
        let parsed = try SignedNote(parsing: note.serialized)
        #expect(parsed.verify(with: [reloaded.verifier]).isVerified)
        #expect(try Checkpoint(text: parsed.text) == checkpoint)
    }

    @Test(arguments: [
        ("", "blank line"),
        ("text\n", "blank line"),
        ("text\n\n", "signature lines"),
        ("text\n\n\u{2014} name notbase64!\n", "signature line 1"),
        ("text\r\n\n\u{2014} a AAAAAAAA\n", "control characters"),
        ("text\n\n- a AAAAAAAA\n", "signature line 1"),
    ])
    func malformedNotes(note: String, fragment: String) {
        #expect {
            try SignedNote(parsing: note)
        } throws: { error in
            "\(error)".contains(fragment)
        }
    }

    @Test(arguments: [
        ("example.com/log\n10\n", "at least three"),
        ("example.com/log\n010\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", "leading zeros"),
        ("example.com/log\n10\nAAAA\n", "32-byte"),
        ("example.com/log\n10\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n", "non-empty"),
    ])
    func malformedCheckpoints(text: String, fragment: String) {
        #expect {
            try Checkpoint(text: text)
        } throws: { error in
            "\(error)".contains(fragment)
        }
    }

    @Test(arguments: ["", "a+b", "has space", "PRIVATE+KEY+x", "x+zz+AAAA"])
    func badKeysAreRejected(text: String) {
        #expect(throws: LedgerError.self) { try NoteVerifier(vkey: text) }
    }
}
