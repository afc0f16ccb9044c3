import DocgenCore
import Foundation
import Synchronization

/// A search index worked out on a thread of its own while the pages are written: its merging,
/// sorting and encoding run on one core, and on its own that was most of a second of a
/// 10,000-page build with the other core idle.
final class SearchIndexTask: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let outcome = Mutex<Result<String, any Error>?>(nil)

    /// Starts building the index of the pages whose bodies are `bodies` (those without a body or
    /// search data are left out). The search data is taken out of the bodies on the new thread:
    /// doing it here copied every page's on the thread that the other cores wait for.
    init(bodies: [PageBody?]) {
        let thread = Thread { [self] in
            let result = Result { try SearchIndexBuilder(pages: bodies.compactMap { $0?.search }).script() }
            outcome.withLock { $0 = result }
            done.signal()
        }
        thread.name = "docgen-search-index"
        thread.start()
    }

    /// The text of `search-index.js`, once it is ready.
    func script() throws -> String {
        done.wait()
        done.signal()  // A second call finds it ready too.
        guard let result = outcome.withLock({ $0 }) else { throw DocgenError("the search index was not built") }
        return try result.get()
    }
}
