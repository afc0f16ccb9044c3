@testable import DocgenSite
import Testing

/// `threadedMap` hands every element to exactly one thread, keeps the order of the results, and
/// gives each thread a stretch of neighbouring elements until it has to take over another's.
@Suite("Threaded map")
struct ThreadedMapTests {
    @Test("every element claimed once, in stretches", arguments: [(0, 1), (1, 4), (3, 4), (10, 2), (11, 3), (64, 4), (1000, 4), (7, 16)])
    func claimsEveryElementOnce(count: Int, threads: Int) {
        let state = ThreadedMapState<Int, Int>(elements: Array(0..<count), threads: threads)
        var claimed: [Int] = []
        var perThread = [[Int]](repeating: [], count: threads)
        // A fixed, uneven order of asking threads, as a busy machine gives.
        var turn = 0
        var finished = Set<Int>()
        while finished.count < threads {
            let thread = (turn * 7 + turn / 3) % threads
            turn += 1
            if finished.contains(thread) { continue }
            if let index = state.claim(for: thread) {
                claimed.append(index)
                perThread[thread].append(index)
            } else {
                finished.insert(thread)
            }
        }
        #expect(claimed.sorted() == Array(0..<count))
        // A thread's first claims run on from where its stretch began, one after another.
        for thread in 0..<threads where count >= 4 * threads {
            let first = perThread[thread].prefix(2)
            #expect(first.first == count * thread / threads)
            #expect(Array(first) == Array(first.first!..<first.first! + first.count))
        }
    }

    @Test("a thread whose stretch is done takes the second half of the largest one left")
    func stealsHalfOfLargest() {
        let state = ThreadedMapState<Int, Int>(elements: Array(0..<8), threads: 2)
        #expect(state.claim(for: 0) == 0)
        #expect(state.claim(for: 0) == 1)
        #expect(state.claim(for: 0) == 2)
        #expect(state.claim(for: 0) == 3)
        // Thread 1 has taken nothing of 4..<8: thread 0 takes over 6..<8.
        #expect(state.claim(for: 0) == 6)
        #expect(state.claim(for: 1) == 4)
        #expect(state.claim(for: 1) == 5)
        #expect(state.claim(for: 0) == 7)
        #expect(state.claim(for: 1) == nil)
        #expect(state.claim(for: 0) == nil)
    }

    @Test("results keep the order of the elements", arguments: [1, 2, 4, 9])
    func keepsOrder(width: Int) async {
        let elements = Array(0..<500)
        let results = await elements.threadedMap(width: width) { $0 * 3 }
        #expect(results == elements.map { $0 * 3 })
    }
}
