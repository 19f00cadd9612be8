import Foundation

/// Reads a file named on the command line (or standard input for `-`), with an error that names it.
enum InputFile {
    static func read(_ path: String, what: String) throws -> [UInt8] {
        if path == "-" {
            return Array(FileHandle.standardInput.readDataToEndOfFile())
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError.input("\(what) \(path) does not exist")
        }
        guard !isDirectory.boolValue else { throw CLIError.input("\(what) \(path) is a folder, not a file") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.input("cannot read \(what) \(path); check its permissions")
        }
        return Array(data)
    }

    static func readText(_ path: String, what: String) throws -> String {
        let bytes = try read(path, what: what)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CLIError.input("\(what) \(path) is not UTF-8 text")
        }
        return text
    }
}
