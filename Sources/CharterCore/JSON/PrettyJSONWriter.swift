/// Writes what `PrettyJSON` writes, member by member, for reports too large to build as
/// `JSONValue`s first: no dictionary per object and no sort. The caller writes each object's
/// members in byte order of their keys, as `PrettyJSON` sorts them (checked in debug builds).
package struct PrettyJSONWriter {
    package private(set) var bytes: [UInt8] = []
    /// Per open container: whether it has an element yet, and (objects) the last key written.
    private var open: [(empty: Bool, lastKey: String?)] = []

    package init(indent: Int) {
        baseIndent = indent
    }

    private let baseIndent: Int
    private var indent: Int { baseIndent + 2 * open.count }

    package mutating func beginObject() { begin(UInt8(ascii: "{")) }
    package mutating func endObject() { end(UInt8(ascii: "}"), empty: "{}") }
    package mutating func beginArray() { begin(UInt8(ascii: "[")) }
    package mutating func endArray() { end(UInt8(ascii: "]"), empty: "[]") }

    /// Starts a member of the open object; its value follows.
    package mutating func key(_ name: String) {
        assert(open.last.map { $0.lastKey.map { $0.utf8.lexicographicallyPrecedes(name.utf8) } ?? true } ?? false, "keys out of order at \(name)")
        separate()
        open[open.count - 1].lastKey = name
        CanonicalJSON.appendQuoted(name, to: &bytes)
        bytes.append(contentsOf: " : ".utf8)
        pendingValueAfterKey = true
    }

    package mutating func string(_ text: String) {
        prepareValue()
        CanonicalJSON.appendQuoted(text, to: &bytes)
    }

    package mutating func string(_ text: String?) {
        if let text { string(text) } else { null() }
    }

    package mutating func number(_ value: Double) {
        prepareValue()
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 {
            bytes.append(contentsOf: String(Int64(value)).utf8)
        } else if (try? ECMAScriptNumber.append(value, to: &bytes)) == nil {
            bytes.append(contentsOf: "null".utf8)
        }
    }

    package mutating func bool(_ flag: Bool) {
        prepareValue()
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    }

    package mutating func null() {
        prepareValue()
        bytes.append(contentsOf: "null".utf8)
    }

    package mutating func strings(_ texts: [String]) {
        beginArray()
        texts.forEach { string($0) }
        endArray()
    }

    private var pendingValueAfterKey = false

    private mutating func prepareValue() {
        if pendingValueAfterKey {
            pendingValueAfterKey = false
        } else if !open.isEmpty {
            separate()
        }
    }

    /// A comma after the previous element, then the new line and indentation of this one.
    private mutating func separate() {
        if !open[open.count - 1].empty { bytes.append(UInt8(ascii: ",")) }
        open[open.count - 1].empty = false
        newline(indent)
    }

    private mutating func begin(_ bracket: UInt8) {
        prepareValue()
        bytes.append(bracket)
        open.append((true, nil))
    }

    private mutating func end(_ bracket: UInt8, empty: String) {
        let container = open.removeLast()
        if container.empty {
            bytes.removeLast()
            bytes.append(contentsOf: empty.utf8)
        } else {
            newline(indent)
            bytes.append(bracket)
        }
    }

    private mutating func newline(_ indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }
}
