import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs background work (the search index after an edit) on a thread of its own at the lowest
/// scheduling priority, so the next edit's rebuild, the server and the browser get the cores first.
enum LowPriorityThread {
    /// Runs `work` and returns when it is done.
    static func run(_ work: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread {
                #if canImport(Glibc)
                // Linux keeps nice values per thread, and `who` 0 is the calling thread: only this one is lowered.
                _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 19)
                #endif
                work()
                continuation.resume()
            }
            thread.name = "docgen-background"
            thread.start()
        }
    }
}
