import Foundation

extension Array where Element: Sendable {
    /// `map` on `width` threads of its own, keeping the order, for work that also waits: while one
    /// page waits for the bash syntax server's answer, another uses the core. Swift concurrency's
    /// pool has one thread per core, so a wait there leaves a core idle.
    ///
    /// Each thread works through a stretch of its own and, when that is done, takes the second half
    /// of the largest stretch left. Neighbouring pages share a folder: two threads writing into one
    /// folder at once queue on its lock in the kernel, which took 2.7% of a 10,000-page build's samples.
    func threadedMap<Output: Sendable>(width: Int, _ transform: @escaping @Sendable (Element) -> Output) async -> [Output] {
        guard !isEmpty else { return [] }
        let state = ThreadedMapState<Element, Output>(elements: self, threads: Swift.max(1, Swift.min(width, count)))
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            for threadIndex in 0..<state.threads {
                let thread = Thread {
                    while let index = state.claim(for: threadIndex) {
                        state.store(transform(state.elements[index]), at: index)
                    }
                    if state.finishThread() { continuation.resume() }
                }
                // The renderer recurses once per nesting level: a secondary thread's default 512 KiB stack is too small.
                thread.stackSize = 8 << 20
                thread.start()
            }
        }
        return state.results.compactMap { $0 }
    }
}

/// The shared state of one `threadedMap`: each thread's stretch of elements still to take, the
/// results, the threads still running.
final class ThreadedMapState<Element: Sendable, Output: Sendable>: @unchecked Sendable {
    let elements: [Element]
    let threads: Int
    private let lock = NSLock()
    /// The untaken elements of each thread's stretch, taken from the front.
    private var stretches: [Range<Int>]
    private var running: Int
    /// Read only after every thread has finished.
    private(set) var results: [Output?]

    init(elements: [Element], threads: Int) {
        self.elements = elements
        self.threads = threads
        running = threads
        stretches = (0..<threads).map { thread in
            (elements.count * thread / threads)..<(elements.count * (thread + 1) / threads)
        }
        results = [Output?](repeating: nil, count: elements.count)
    }

    /// The index of the next element for thread `thread` to map, or nil when all are taken.
    func claim(for thread: Int) -> Int? {
        lock.withLock {
            if stretches[thread].isEmpty {
                guard let largest = stretches.indices.max(by: { stretches[$0].count < stretches[$1].count }),
                      !stretches[largest].isEmpty else { return nil }
                let stretch = stretches[largest]
                let middle = stretch.lowerBound + stretch.count / 2
                stretches[largest] = stretch.lowerBound..<middle
                stretches[thread] = middle..<stretch.upperBound
            }
            defer { stretches[thread] = stretches[thread].dropFirst() }
            return stretches[thread].lowerBound
        }
    }

    func store(_ output: Output, at index: Int) {
        lock.withLock { results[index] = output }
    }

    /// Whether the calling thread was the last one running.
    func finishThread() -> Bool {
        lock.withLock {
            running -= 1
            return running == 0
        }
    }
}
