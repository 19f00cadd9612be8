/// Reads `chmod` modes, numeric (`777`, `0777`) or symbolic (`o+w`, `a=rwx`, `u+x,o+w`), to
/// tell whether they make files writable by others.
enum PermissionMode {
    static func isWorldWritable(_ mode: String) -> Bool {
        if !mode.isEmpty, mode.allSatisfy({ ("0"..."7").contains($0) }) {
            let digits = mode.compactMap(\.wholeNumberValue)
            let others = digits.last ?? 0
            let special = digits.count >= 4 ? digits[digits.count - 4] : 0
            let sticky = special & 1 == 1
            return others & 2 == 2 && !sticky
        }
        return mode.split(separator: ",").contains { clause in
            let who = clause.prefix { "ugoa".contains($0) }
            let rest = clause.dropFirst(who.count)
            guard let operation = rest.first, operation == "+" || operation == "=" else { return false }
            return (who.contains("o") || who.contains("a")) && rest.dropFirst().contains("w")
        }
    }
}
