import Foundation

/// Where Charter reads the time, so tests can pin it.
package protocol WallClock: Sendable {
    func now() -> Date
}

package struct SystemClock: WallClock {
    package init() {}
    package func now() -> Date { Date() }
}

package struct FixedClock: WallClock {
    package var date: Date
    package init(_ date: Date) { self.date = date }
    package func now() -> Date { date }
}
