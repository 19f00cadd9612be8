/// One `name=value` of `ENV`, `LABEL` or `ARG` (ARG's value may be absent). `value` has quotes
/// and escapes removed but variables left as written; `rawValue` is the text as in the file.
package struct KeyValue: Sendable, Equatable {
    package let key: String
    package let value: String?
    package let rawValue: String?

    package init(key: String, value: String?, rawValue: String?) {
        self.key = key
        self.value = value
        self.rawValue = rawValue
    }
}
