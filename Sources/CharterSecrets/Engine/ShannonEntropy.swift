import Foundation

/// Shannon entropy in bits per character: a random 40-character base64 secret scores about 5,
/// a word or a repeated placeholder far less.
package enum ShannonEntropy {
    package static func bitsPerCharacter(_ text: String) -> Double {
        let bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in bytes { counts[Int(byte)] += 1 }
        let total = Double(bytes.count)
        return counts.reduce(0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }
}
