import Foundation

extension Array where Element: Sendable {
    /// `map` across the machine's cores, keeping the order; at most one task per core runs at a time
    /// so a 10,000-page site does not spawn 10,000 tasks.
    func parallelMap<Output: Sendable>(_ transform: @escaping @Sendable (Element) -> Output) async -> [Output] {
        let width = Swift.max(1, ProcessInfo.processInfo.activeProcessorCount)
        return await withTaskGroup(of: (Int, Output).self) { group in
            var results = [Output?](repeating: nil, count: count)
            var next = 0
            func launch() {
                guard next < count else { return }
                let index = next, element = self[index]
                group.addTask { (index, transform(element)) }
                next += 1
            }
            for _ in 0..<Swift.min(width, count) { launch() }
            for await (index, output) in group {
                results[index] = output
                launch()
            }
            return results.compactMap { $0 }
        }
    }
}
