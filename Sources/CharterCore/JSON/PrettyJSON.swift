/// JSON for people and scripts to read: two-space indentation, `"key" : value`, members sorted
/// by their keys' bytes, strings escaped as canonical JSON escapes them (slashes and non-ASCII
/// left as they are). Written straight to bytes: a scan's report can hold tens of thousands of
/// findings, and going through `JSONEncoder` cost more than the scan itself.
package enum PrettyJSON {
    /// Non-finite numbers (which JSON cannot hold) are written as `null`.
    package static func encode(_ value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(value, indent: 0, to: &output)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    /// `value` as it is written at `indent` inside a document: what `encode(_:streaming:fragments:)`
    /// takes, so that elements can be written on several cores and then joined.
    package static func fragment(_ value: JSONValue, indent: Int) -> [UInt8] {
        var output: [UInt8] = []
        write(value, indent: indent, to: &output)
        return output
    }

    /// `object` with one more member, `key`, an array of elements already written at indent 4
    /// (`fragment(_:indent:)` or `PrettyJSONWriter`), made as they are consumed: a report of tens
    /// of thousands of findings never exists whole as values.
    package static func encode(_ object: [String: JSONValue], streaming key: String, fragments: some Sequence<[UInt8]>) -> [UInt8] {
        var output: [UInt8] = Array("{".utf8)
        let keys = (Array(object.keys) + [key]).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for (index, member) in keys.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            newline(2, &output)
            CanonicalJSON.appendQuoted(member, to: &output)
            output.append(contentsOf: " : ".utf8)
            guard member == key else {
                write(object[member] ?? .null, indent: 2, to: &output)
                continue
            }
            var empty = true
            output.append(UInt8(ascii: "["))
            for fragment in fragments {
                if !empty { output.append(UInt8(ascii: ",")) }
                empty = false
                newline(4, &output)
                output.append(contentsOf: fragment)
            }
            if empty { output.append(UInt8(ascii: "]")) } else {
                newline(2, &output)
                output.append(UInt8(ascii: "]"))
            }
        }
        output.append(contentsOf: "\n}\n".utf8)
        return output
    }

    private static func write(_ value: JSONValue, indent: Int, to output: inout [UInt8]) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let number):
            if number == number.rounded(), abs(number) < 9_007_199_254_740_992 {
                output.append(contentsOf: String(Int64(number)).utf8)
            } else if (try? ECMAScriptNumber.append(number, to: &output)) == nil {
                output.append(contentsOf: "null".utf8)
            }
        case .string(let text):
            CanonicalJSON.appendQuoted(text, to: &output)
        case .array(let elements):
            guard !elements.isEmpty else { return output.append(contentsOf: "[]".utf8) }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 2, &output)
                write(element, indent: indent + 2, to: &output)
            }
            newline(indent, &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { return output.append(contentsOf: "{}".utf8) }
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                newline(indent + 2, &output)
                CanonicalJSON.appendQuoted(member.key, to: &output)
                output.append(contentsOf: " : ".utf8)
                write(member.value, indent: indent + 2, to: &output)
            }
            newline(indent, &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ indent: Int, _ output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }
}
