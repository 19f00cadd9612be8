import CharterSecrets
import CharterTestSupport
import Testing

@Suite struct PrefilterDatabaseTests {
    func matches(_ patterns: [PrefilterDatabase.Pattern], in text: String) throws -> [[Int]] {
        let database = try PrefilterDatabase(patterns: patterns)
        let scratch = try database.makeScratch()
        var found: [[Int]] = []
        try Array(text.utf8).withUnsafeBytes { bytes in
            try database.scan(bytes, scratch: scratch) { pattern, end in found.append([pattern, end]) }
        }
        return found
    }

    @Test func reportsEachPatternAndWhereItsMatchEnds() throws {
        let aws = "AKIAABCDEFGHIJKLMNOP"
        let github = "ghp_0123456789abcdefghijklmnopqrstuvwxyz"
        let text = "key \(aws) and \(github) end"
        func end(of token: String) throws -> Int {
            try #require(text.range(of: token)).upperBound.utf16Offset(in: text)
        }
        let found = try matches([.init("AKIA[0-9A-Z]{16}"), .init("ghp_[0-9A-Za-z]{36}")], in: text)
        #expect(found.contains([0, try end(of: aws)]))
        #expect(found.contains([1, try end(of: github)]))
    }

    @Test func caselessPatternsIgnoreCase() throws {
        let found = try matches([.init("password", caseless: true), .init("token")], in: "PassWord TOKEN token")
        #expect(found.map { $0[0] } == [0, 1])
    }

    @Test func everyOccurrenceIsReported() throws {
        let found = try matches([.init("xoxb-[0-9]{4}")], in: "xoxb-1111 xoxb-2222 xoxb-3333")
        #expect(found.count == 3)
    }

    @Test func nothingInEmptyOrCleanInput() throws {
        #expect(try matches([.init("AKIA[0-9A-Z]{16}")], in: "").isEmpty)
        #expect(try matches([.init("AKIA[0-9A-Z]{16}")], in: "nothing to see").isEmpty)
    }

    @Test func badPatternIsNamed() {
        #expect {
            try PrefilterDatabase(patterns: [.init("fine"), .init("broken(")])
        } throws: { error in
            "\(error)".contains("pattern 1 (broken()")
        }
    }

    @Test func scratchPerThreadScansConcurrently() async throws {
        let database = try PrefilterDatabase(patterns: [.init("secret-[0-9]+")])
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let scratch = try database.makeScratch()
                    var count = 0
                    let text = Array(String(repeating: "secret-\(worker) ", count: 1000).utf8)
                    try text.withUnsafeBytes { bytes in try database.scan(bytes, scratch: scratch) { _, _ in count += 1 } }
                    return count
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts.allSatisfy { $0 >= 1000 })
    }
}
