import DocgenCore
import Foundation
import Synchronization

/// What one build leaves for the next in the same process (`docgen serve`), so a rebuild redoes
/// only what a change affects: pages whose file did not change are not read, parsed, verified or
/// rendered again; pages whose body and navigation did not change are hard-linked from the last
/// site instead of being rendered; link checks and the search index are reused while nothing they
/// depend on changed.
public final class BuildMemo: Sendable {
    /// One loaded page and what it was loaded from.
    struct PageEntry: Sendable {
        var stamp: FileStamp
        var context: String
        /// Bumped every time the page is loaded again.
        var version: Int
        var result: PageLoader.Result
    }

    /// What the last successful build wrote.
    struct Written: Sendable {
        var folder: URL
        /// The navigation and page-context digest of that build.
        var navigation: String
        /// Page versions by output path, as written into `folder`.
        var versions: [String: Int]
        /// Link diagnostics by content path, with the page version and the site's anchor digest they hold for.
        var links: [String: LinkCheck]
        /// The search index script and the digest of page versions it was made from.
        var search: (key: String, script: String)?
        /// What an edit of one page's text can reuse from that build (`PageEditBuilder`).
        var snapshot: SiteSnapshot?
    }

    /// A page's link diagnostics, valid for one version of the page and one set of the site's anchors.
    struct LinkCheck: Sendable {
        var version: Int
        var anchors: String
        var diagnostics: [Diagnostic]
    }

    private struct State {
        var pages: [String: PageEntry] = [:]
        var nextVersion = 1
        var written: Written?
    }

    private let state = Mutex(State())

    /// Creates an empty memo; the first build fills it.
    public init() {}

    /// The page loaded from `contentPath` before, if its file and context are unchanged.
    func page(_ contentPath: String, stamp: FileStamp, context: String) -> PageEntry? {
        state.withLock { state in
            guard let entry = state.pages[contentPath], entry.stamp == stamp, entry.context == context else { return nil }
            return entry
        }
    }

    /// Keeps a freshly loaded page and gives it a new version.
    func store(_ contentPath: String, stamp: FileStamp, context: String, result: PageLoader.Result) -> PageEntry {
        state.withLock { state in
            let entry = PageEntry(stamp: stamp, context: context, version: state.nextVersion, result: result)
            state.nextVersion += 1
            state.pages[contentPath] = entry
            return entry
        }
    }

    /// Forgets pages that are no longer in the content folder.
    func keepOnly(_ contentPaths: Set<String>) {
        state.withLock { state in state.pages = state.pages.filter { contentPaths.contains($0.key) } }
    }

    /// The memo entries of `contentPaths`, in that order (nil where a page was never loaded).
    func pages(_ contentPaths: [String]) -> [PageEntry?] {
        state.withLock { state in contentPaths.map { state.pages[$0] } }
    }

    /// Forgets what an edit could reuse: a full build is under way, and until it succeeds the last
    /// snapshot may no longer describe the content.
    func dropSnapshot() {
        state.withLock { $0.written?.snapshot = nil }
    }

    /// What the last successful build wrote, if any.
    var written: Written? {
        state.withLock { $0.written }
    }

    /// Rebuilds the search index of the published site `folder` from `pages` (on the calling thread
    /// alone: it runs after the reload, in the background) and records it as made from `key`.
    func rewriteSearch(in folder: URL, pages: [SearchPage], key: String) {
        guard let script = try? SearchIndexBuilder(pages: pages, parallel: false).script(),
              (try? OutputWriter.replace(SearchIndexBuilder.fileName, in: folder, with: script)) != nil
        else { return }
        updateSearch(key: key, script: script, folder: folder)
    }

    /// Records the search index written into `folder` after the build that wrote it.
    private func updateSearch(key: String, script: String, folder: URL) {
        state.withLock { state in
            guard state.written?.folder == folder else { return }
            state.written?.search = (key, script)
        }
    }

    /// Records a successful build.
    func recordWritten(_ written: Written) {
        state.withLock { $0.written = written }
    }
}

/// A file's identity and size and modification time: a changed file gets a new stamp without
/// being read.
struct FileStamp: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int
    var modifiedNanoseconds: Int

    /// The stamp of `url`, or nil when it cannot be read.
    init?(_ url: URL) {
        self.init(path: url.path)
    }

    /// The stamp of the file at `path`, or nil when it cannot be read.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        modified = Int(info.st_mtim.tv_sec)
        modifiedNanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
