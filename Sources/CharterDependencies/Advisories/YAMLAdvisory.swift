import CharterCore
import Yams

/// Reads an advisory written in YAML (the form some advisory repositories keep, with the same
/// OSV fields) as the JSON value of the same record, so it is checked by the same `OSVRecord`
/// code and its errors keep their field paths. Syntax errors name the file, line and column.
enum YAMLAdvisory {
    static func json(from bytes: [UInt8], source: String) throws(DependenciesError) -> JSONValue {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw DependenciesError(.advisoryInvalid, "\(source): is not UTF-8 text; YAML advisories must be UTF-8")
        }
        let root: Node?
        do {
            // The basic resolver types nothing by itself: which plain scalars are numbers or
            // booleans depends on where they stand in an OSV record, decided by the converter.
            root = try Parser(yaml: text, resolver: .basic).singleRoot()
        } catch let error as YamlError {
            throw DependenciesError(.advisoryInvalid, "\(source):\(describe(error))")
        } catch {
            throw DependenciesError(.advisoryInvalid, "\(source): \(error)")
        }
        guard let root else {
            throw DependenciesError(.advisoryInvalid, "\(source): holds no YAML document; expected one OSV record")
        }
        var converter = YAMLNodeConverter(source: source, budget: AdvisoryFiles.largestRecord)
        return try converter.value(of: root, freeForm: false)
    }

    /// Where and what, from libyaml's report, without the echoed document Yams appends.
    private static func describe(_ error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let during = context.map { " (\($0.text) at line \($0.mark.line))" } ?? ""
            return "\(mark.line):\(mark.column): \(problem)\(during)"
        case .reader(let problem, let offset, _, _):
            return " byte \(offset ?? 0): \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "\(context.mark.line):\(context.mark.column): the key \(duplicates.joined(separator: ", ")) appears twice in one mapping"
        default:
            return " \(error)"
        }
    }
}
