import Foundation

extension Array where Element: Sendable {
    /// `map` on `width` threads of its own, keeping the order, for work that also waits: while one
    /// page waits for the bash syntax server's answer, another uses the core. Swift concurrency's
    /// pool has one thread per core, so a wait there leaves a core idle.
    func threadedMap<Output: Sendable>(width: Int, _ transform: @escaping @Sendable (Element) -> Output) async -> [Output] {
        guard !isEmpty else { return [] }
        let state = ThreadedMapState<Element, Output>(elements: self, threads: Swift.max(1, Swift.min(width, count)))
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            for _ in 0..<state.threads {
                let thread = Thread {
                    while let index = state.claim() {
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

/// The shared state of one `threadedMap`: the next element to take, the results, the threads still running.
private final class ThreadedMapState<Element: Sendable, Output: Sendable>: @unchecked Sendable {
    let elements: [Element]
    let threads: Int
    private let lock = NSLock()
    private var next = 0
    private var running: Int
    /// Read only after every thread has finished.
    private(set) var results: [Output?]

    init(elements: [Element], threads: Int) {
        self.elements = elements
        self.threads = threads
        running = threads
        results = [Output?](repeating: nil, count: elements.count)
    }

    /// The index of the next element to map, or nil when all are taken.
    func claim() -> Int? {
        lock.withLock {
            guard next < elements.count else { return nil }
            defer { next += 1 }
            return next
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
