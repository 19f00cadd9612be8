import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `transform` applied to every element on every core, the results in the elements' order.
    /// Inputs shorter than `grain` elements per core stay on the calling thread, where
    /// starting threads would cost more than it saves.
    package func concurrentMap<T: Sendable>(grain: Int = 32, _ transform: @Sendable (Element) -> T) -> [T] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let chunks = Swift.min(cores * 4, count / Swift.max(grain, 1))
        guard chunks > 1 else { return map(transform) }
        return withoutActuallyEscaping(transform) { transform in
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                let output = SendableBuffer(base: buffer.baseAddress!)
                withUnsafeBufferPointer { elements in
                    let input = SendableBuffer(base: UnsafeMutablePointer(mutating: elements.baseAddress!))
                    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                        let start = count * chunk / chunks
                        let end = count * (chunk + 1) / chunks
                        for index in start..<end {
                            (output.base + index).initialize(to: transform(input.base[index]))
                        }
                    }
                }
                initialized = count
            }
        }
    }
}

/// A pointer handed to the workers of one `concurrentPerform`: each writes only its own slots,
/// and the caller reads them only after every worker has returned.
private struct SendableBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
}
