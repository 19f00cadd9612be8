import Foundation

/// Files not worth reading as text: by extension first, then by content (a NUL byte early on).
package enum BinaryFiles {
    private static let extensions: Set<String> = [
        "png", "jpg", "jpeg", "gif", "bmp", "ico", "icns", "webp", "tiff", "psd", "heic",
        "zip", "gz", "tgz", "bz2", "xz", "zst", "7z", "rar", "tar", "jar", "war", "ear", "whl", "nupkg", "gem",
        "so", "dylib", "dll", "exe", "o", "a", "lib", "obj", "class", "pyc", "pyo", "wasm", "bin", "dat",
        "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "odt",
        "woff", "woff2", "ttf", "otf", "eot", "mp3", "mp4", "mov", "avi", "wav", "flac", "ogg", "webm", "mkv",
        "sqlite", "db", "iso", "dmg", "img", "deb", "rpm", "apk", "ipa",
    ]

    package static func isBinary(name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }

    /// A NUL byte in the first 8000 bytes, as git decides.
    package static func looksBinary(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        return memchr(base, 0, min(bytes.count, 8000)) != nil
    }
}
