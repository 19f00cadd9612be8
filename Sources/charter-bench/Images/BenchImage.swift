import CharterTestSupport
import Crypto
import Foundation

/// A `docker save` tarball of about `megabytes` for the images benchmark: a Debian-like base
/// layer (os-release, a dpkg status of a few hundred packages), then layers of application
/// files with a requirements.txt naming advisory packages. Layers are uncompressed tar, as
/// `docker save` writes them (gzip layers are read too, and tested, but peers may not read them
/// in a classic save).
enum BenchImage {
    static func write(to path: String, megabytes: Int, work: String, python: [String]) throws {
        var random = SplitMix64(seed: 500)
        var layers: [(member: String, file: String, diffID: String)] = []
        var status = ""
        for index in 0..<400 {
            status += "Package: pkg\(index)\nStatus: install ok installed\nArchitecture: amd64\nVersion: 1.\(index % 17).\(index % 5)-1\n\n"
        }
        let baseFiles: [(String, [UInt8])] = [
            ("etc/os-release", Array("ID=debian\nVERSION_ID=\"12\"\n".utf8)),
            ("var/lib/dpkg/status", Array(status.utf8)),
            ("app/requirements.txt", Array(python.map { "\($0)\n" }.joined().utf8)),
        ]
        let layerCount = 6
        let perLayer = megabytes * 1_048_576 / layerCount
        for layer in 0..<layerCount {
            let tarPath = work + "/layer-\(layer).tar"
            let handle = try create(tarPath)
            var hasher = SHA256()
            func emit(_ bytes: [UInt8]) {
                hasher.update(data: bytes)
                handle.write(Data(bytes))
            }
            if layer == 0 { for (name, data) in baseFiles { emit(header(name, size: data.count)); emit(data + padding(data.count)) } }
            var written = 0
            var file = 0
            while written < perLayer {
                // Mostly text-like files, some random bytes (binaries, media).
                let size = 4_096 + Int(random.next() % 60_000)
                let data: [UInt8] = random.next() % 8 == 0
                    ? (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                    : Array(String(repeating: "line \(file) of layer \(layer): the quick brown fox jumps over the lazy dog\n", count: size / 60 + 1).utf8.prefix(size))
                emit(header("app/layer\(layer)/dir\(file % 50)/file\(file).dat", size: data.count))
                emit(data + padding(data.count))
                written += data.count + 512
                file += 1
            }
            emit([UInt8](repeating: 0, count: 1024))
            try handle.close()
            let diffID = "sha256:" + hasher.finalize().map { String(format: "%02x", $0) }.joined()
            let member = "blobs/layer\(layer).tar"
            let stored = tarPath
            layers.append((member, stored, diffID))
        }
        let config = """
            {"architecture":"amd64","os":"linux","config":{"User":"10001","Env":["PATH=/usr/bin"]},\
            "rootfs":{"type":"layers","diff_ids":[\(layers.map { "\"\($0.diffID)\"" }.joined(separator: ","))]}}
            """
        let configName = "config.json"
        let manifest = "[{\"Config\":\"\(configName)\",\"RepoTags\":[\"bench/app:1\"],\"Layers\":[\(layers.map { "\"\($0.member)\"" }.joined(separator: ","))]}]"
        let handle = try create(path)
        for (name, data) in [(configName, Array(config.utf8)), ("manifest.json", Array(manifest.utf8))] {
            handle.write(Data(header(name, size: data.count) + data + padding(data.count)))
        }
        for layer in layers {
            let size = (try FileManager.default.attributesOfItem(atPath: layer.file)[.size] as? Int) ?? 0
            handle.write(Data(header(layer.member, size: size)))
            let input = try FileHandle(forReadingFrom: URL(fileURLWithPath: layer.file))
            while let chunk = try input.read(upToCount: 1 << 20), !chunk.isEmpty { handle.write(chunk) }
            try input.close()
            handle.write(Data(padding(size)))
            try FileManager.default.removeItem(atPath: layer.file)
        }
        handle.write(Data([UInt8](repeating: 0, count: 1024)))
        try handle.close()
    }

    private static func create(_ path: String) throws -> FileHandle {
        FileManager.default.createFile(atPath: path, contents: nil)
        return try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    private static func padding(_ size: Int) -> [UInt8] {
        [UInt8](repeating: 0, count: (512 - size % 512) % 512)
    }

    /// A ustar header for a regular file.
    private static func header(_ name: String, size: Int) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { block[offset + index] = byte }
        }
        put(name, at: 0, width: 100)
        put("0000644\0", at: 100, width: 8)
        put("0000000\0", at: 108, width: 8)
        put("0000000\0", at: 116, width: 8)
        put(String(format: "%011o", size) + "\0", at: 124, width: 12)
        put("00000000000\0", at: 136, width: 12)
        put("        ", at: 148, width: 8)
        block[156] = UInt8(ascii: "0")
        put("ustar\0", at: 257, width: 6)
        put("00", at: 263, width: 2)
        let checksum = block.reduce(0) { $0 + Int($1) }
        put(String(format: "%06o", checksum) + "\0 ", at: 148, width: 8)
        return block
    }
}
