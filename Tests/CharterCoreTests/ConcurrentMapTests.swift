import CharterCore
import Testing

@Suite struct ConcurrentMapTests {
    /// Results come back in input order whether the work was split across threads or not.
    @Test(arguments: [0, 1, 31, 64, 1_000, 100_003])
    func keepsOrder(count: Int) {
        let input = Array(0..<count)
        #expect(input.concurrentMap { $0 * 3 + 1 } == input.map { $0 * 3 + 1 })
    }

    @Test func worksWithReferenceCountedResults() {
        let input = (0..<5_000).map { "item-\($0)" }
        #expect(input.concurrentMap(grain: 1) { [$0, $0.uppercased()] } == input.map { [$0, $0.uppercased()] })
    }
}
