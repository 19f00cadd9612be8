import Foundation

/// `10MiB`, `512KB`, `1048576`: sizes in policy files and on the command line.
package enum ByteSize {
    package static func parse(_ text: String) -> Int? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let units: [(String, Int)] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1000), ("B", 1)]
        for (suffix, factor) in units where trimmed.hasSuffix(suffix) {
            guard let number = Int(trimmed.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), number > 0 else { return nil }
            let (bytes, overflow) = number.multipliedReportingOverflow(by: factor)
            return overflow ? nil : bytes
        }
        if let number = Int(trimmed), number > 0 { return number }
        return nil
    }

    static func parse(_ field: YAMLField) throws -> Int {
        guard let size = parse(try field.string()) else { throw field.error("expected a size such as 10MiB, 512KiB or a number of bytes") }
        return size
    }
}

extension Calendar {
    package static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
