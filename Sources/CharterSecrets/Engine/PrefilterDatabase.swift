import CVectorscan
import Foundation

/// Many patterns compiled into one Vectorscan database and matched in a single pass.
///
/// Patterns are compiled in prefilter mode: Vectorscan may report a match that the full pattern
/// would not (never the reverse), and reports only where a match ends. Each hit is then confirmed,
/// and the secret extracted, by a second engine on a small window around it. The database is
/// immutable once compiled, so one instance serves every thread; each thread scans with its own
/// `PrefilterScratch`.
package final class PrefilterDatabase: @unchecked Sendable {
    package struct Pattern: Sendable, Equatable {
        package var expression: String
        package var caseless: Bool

        package init(_ expression: String, caseless: Bool = false) {
            self.expression = expression
            self.caseless = caseless
        }
    }

    private let database: OpaquePointer
    package let patternCount: Int

    /// Compiles `patterns`; a match reports the index of the pattern in this array.
    package init(patterns: [Pattern]) throws {
        guard !patterns.isEmpty else { throw SecretsError(.patternInvalid, "no patterns to compile") }
        var expressions = patterns.map { strdup($0.expression) }
        defer { expressions.forEach { free($0) } }
        let flags = patterns.map { UInt32(HS_FLAG_PREFILTER | HS_FLAG_DOTALL) | ($0.caseless ? UInt32(HS_FLAG_CASELESS) : 0) }
        let ids = (0..<patterns.count).map(UInt32.init)
        var compiled: OpaquePointer?
        var error: UnsafeMutablePointer<hs_compile_error_t>?
        let status = expressions.withUnsafeMutableBufferPointer { expressionBuffer in
            expressionBuffer.withMemoryRebound(to: UnsafePointer<CChar>?.self) { constExpressions in
                hs_compile_multi(constExpressions.baseAddress, flags, ids, UInt32(patterns.count), UInt32(HS_MODE_BLOCK), nil, &compiled, &error)
            }
        }
        guard status == HS_SUCCESS, let compiled else {
            defer { if let error { hs_free_compile_error(error) } }
            let index = error.map { Int($0.pointee.expression) } ?? -1
            let reason = error.flatMap { $0.pointee.message.map { String(cString: $0) } } ?? "error \(status)"
            if patterns.indices.contains(index) {
                throw SecretsError(.patternInvalid, "pattern \(index) (\(patterns[index].expression)) cannot be compiled: \(reason)")
            }
            throw SecretsError(.patternInvalid, "the patterns cannot be compiled: \(reason)")
        }
        database = compiled
        patternCount = patterns.count
    }

    /// Loads a database `serialized()` wrote, on this machine's Vectorscan; nil when it does not
    /// load (another version or CPU, or damaged bytes), so the caller compiles instead.
    package init?(serialized bytes: [UInt8], patternCount: Int) {
        var loaded: OpaquePointer?
        let status = bytes.withUnsafeBytes { raw in
            hs_deserialize_database(raw.baseAddress?.assumingMemoryBound(to: CChar.self), raw.count, &loaded)
        }
        guard status == HS_SUCCESS, let loaded else { return nil }
        database = loaded
        self.patternCount = patternCount
    }

    deinit {
        hs_free_database(database)
    }

    /// The compiled database as bytes, to cache it.
    package func serialized() -> [UInt8]? {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        guard hs_serialize_database(database, &bytes, &length) == HS_SUCCESS, let bytes else { return nil }
        defer { free(bytes) }
        return Array(UnsafeRawBufferPointer(start: bytes, count: length))
    }

    /// The Vectorscan library's version, part of what a cached database is keyed by.
    package static var libraryVersion: String { String(cString: hs_version()) }

    /// The most bytes one match of `pattern` can span, as Vectorscan analyses it: exactly when
    /// the pattern compiles as written, else in prefilter mode; nil when unbounded or unknown.
    package static func maxWidth(of pattern: Pattern) -> Int? {
        let base = UInt32(HS_FLAG_DOTALL) | (pattern.caseless ? UInt32(HS_FLAG_CASELESS) : 0)
        for flags in [base, base | UInt32(HS_FLAG_PREFILTER)] {
            var info: UnsafeMutablePointer<hs_expr_info_t>?
            var error: UnsafeMutablePointer<hs_compile_error_t>?
            let status = hs_expression_info(pattern.expression, flags, &info, &error)
            if let error { hs_free_compile_error(error) }
            guard status == HS_SUCCESS, let info else { continue }
            defer { free(info) }
            return info.pointee.max_width == UInt32.max ? nil : Int(info.pointee.max_width)
        }
        return nil
    }

    /// Scratch space for one thread's scans.
    package func makeScratch() throws -> PrefilterScratch {
        var scratch: OpaquePointer?
        guard hs_alloc_scratch(database, &scratch) == HS_SUCCESS, let scratch else {
            throw SecretsError(.engineFailed, "Vectorscan could not allocate scratch space")
        }
        return PrefilterScratch(pointer: scratch)
    }

    /// Reports every (pattern index, end offset) the prefilter finds in `bytes`, in order of end offset.
    package func scan(_ bytes: UnsafeRawBufferPointer, scratch: PrefilterScratch, onMatch: (_ pattern: Int, _ end: Int) -> Void) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        guard bytes.count <= Int(UInt32.max) else {
            throw SecretsError(.engineFailed, "a block of \(bytes.count) bytes is larger than Vectorscan scans at once")
        }
        try withoutActuallyEscaping(onMatch) { handler in
            var collector = MatchCollector(handler: handler)
            let status = withUnsafeMutablePointer(to: &collector) { context in
                hs_scan(database, base.assumingMemoryBound(to: CChar.self), UInt32(bytes.count), 0, scratch.pointer, { id, _, to, _, context in
                    context?.assumingMemoryBound(to: MatchCollector.self).pointee.handler(Int(id), Int(to))
                    return 0
                }, context)
            }
            guard status == HS_SUCCESS else { throw SecretsError(.engineFailed, "Vectorscan scan failed with status \(status)") }
        }
    }

    private struct MatchCollector {
        let handler: (Int, Int) -> Void
    }
}

/// Per-thread scan state for a `PrefilterDatabase`.
package final class PrefilterScratch {
    fileprivate let pointer: OpaquePointer

    fileprivate init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    deinit {
        hs_free_scratch(pointer)
    }
}
