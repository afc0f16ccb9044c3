import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Tells `docgen serve` which watched files changed as soon as the kernel knows (Linux inotify),
/// instead of after the next poll: a poll of a 10,000-page site costs tens of milliseconds and
/// would add half its interval to every edit. Elsewhere, or when the kernel refuses more watches,
/// `make` returns nil and the server polls.
final class ChangeNotifier: @unchecked Sendable {
    /// What the notifier reports.
    enum Event: Sendable {
        /// These files (standardized paths) were written, created, moved or deleted.
        case changed(Set<String>)
        /// The kernel dropped events: anything may have changed.
        case overflow
        /// Nothing happened for a while (the server then polls once, as a safety net).
        case idle
    }

    /// Set when the events are no longer wanted; the watcher thread sees it within one idle period.
    private let finished = Finished()

    /// Ends the watcher thread (its stream's reader may simply stop iterating, which the stream
    /// alone would not notice while the thread holds it).
    func stop() {
        finished.set()
    }

    #if canImport(Glibc)
    // Only the watcher thread touches these after `make` returns.
    private let descriptor: Int32
    private var folders: [Int32: String] = [:]
    /// Single files watched through their folder (`docgen.yml`): folder watch → file names.
    private var filesInFolder: [Int32: Set<String>] = [:]
    /// Folders watched whole.
    private var wholeFolders: Set<Int32> = []

    private init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// A notifier for the watched files and folders, or nil when inotify is not available.
    static func make(paths: [URL]) -> ChangeNotifier? {
        let descriptor = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard descriptor >= 0 else { return nil }
        let notifier = ChangeNotifier(descriptor: descriptor)
        for url in paths {
            var info = stat()
            guard stat(url.path, &info) == 0 else {
                // Not there yet (an optional `themes/`): watch its folder for it to appear.
                guard notifier.watchFile(url) else { return nil }
                continue
            }
            let ok = (info.st_mode & S_IFMT) == S_IFDIR ? notifier.watchTree(url.path) : notifier.watchFile(url)
            guard ok else { return nil }
        }
        return notifier
    }

    /// Events as they come, on a thread of their own (blocking reads must not hold one of the few
    /// threads Swift concurrency runs tasks on); the thread ends when the stream's reader goes away.
    func events(idleAfter idle: Duration) -> AsyncStream<Event> {
        let (stream, continuation) = AsyncStream<Event>.makeStream(bufferingPolicy: .unbounded)
        let finished = self.finished
        continuation.onTermination = { _ in finished.set() }
        let idleMilliseconds = Int32(idle / .milliseconds(1))
        let thread = Thread { [self] in
            while !finished.value {
                guard wait(milliseconds: idleMilliseconds) else {
                    continuation.yield(.idle)
                    continue
                }
                var changed: Set<String> = []
                var overflowed = false
                // An editor's save is several events (write, close, rename): take those that follow
                // within a few milliseconds along.
                repeat {
                    overflowed = drain(into: &changed) || overflowed
                } while wait(milliseconds: 8)
                if overflowed {
                    continuation.yield(.overflow)
                } else if !changed.isEmpty {
                    continuation.yield(.changed(changed))
                }
            }
            continuation.finish()
        }
        thread.name = "docgen-watch"
        thread.start()
        return stream
    }

    /// Whether the descriptor has events within `milliseconds`.
    private func wait(milliseconds: Int32) -> Bool {
        var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, milliseconds) > 0
    }

    /// Reads every pending event into `changed`; true when the kernel's queue overflowed.
    private func drain(into changed: inout Set<String>) -> Bool {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: MemoryLayout<inotify_event>.alignment)
        defer { buffer.deallocate() }
        var overflowed = false
        while true {
            let count = read(descriptor, buffer, size)
            guard count > 0 else { return overflowed }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameStart = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size)
                let name = event.len > 0 ? String(cString: nameStart.assumingMemoryBound(to: CChar.self)) : ""
                offset += MemoryLayout<inotify_event>.size + Int(event.len)
                if event.mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    overflowed = true
                    continue
                }
                record(event, name: name, into: &changed)
            }
        }
    }

    private func record(_ event: inotify_event, name: String, into changed: inout Set<String>) {
        guard let folder = folders[event.wd] else { return }
        if event.mask & UInt32(IN_IGNORED) != 0 {
            // The folder itself went away; its parent reports the deletion.
            folders[event.wd] = nil
            wholeFolders.remove(event.wd)
            return
        }
        guard !name.isEmpty, !SiteWatcher.isIgnored(name) else { return }
        let path = folder + "/" + name
        if wholeFolders.contains(event.wd) {
            if event.mask & UInt32(IN_ISDIR) != 0 {
                // A new or moved-in folder: watch it, and count what it holds as changed.
                if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { _ = watchTree(path, collecting: &changed) }
                changed.insert(path)
            } else {
                changed.insert(path)
            }
        } else if let names = filesInFolder[event.wd], names.contains(name) {
            if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                // A watched folder that did not exist at the start appeared.
                _ = watchTree(path, collecting: &changed)
            }
            changed.insert(path)
        }
    }

    private static let folderEvents = UInt32(IN_CLOSE_WRITE | IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB)

    /// Watches `url`'s folder for changes to that one name.
    private func watchFile(_ url: URL) -> Bool {
        let folder = url.deletingLastPathComponent().path
        let watch = inotify_add_watch(descriptor, folder, Self.folderEvents)
        guard watch >= 0 else { return false }
        folders[watch] = folder
        filesInFolder[watch, default: []].insert(url.lastPathComponent)
        return true
    }

    private func watchTree(_ path: String) -> Bool {
        var ignored: Set<String> = []
        return watchTree(path, collecting: &ignored)
    }

    /// Watches `path` and every folder under it; files found are added to `files`.
    private func watchTree(_ path: String, collecting files: inout Set<String>, depth: Int = 0) -> Bool {
        guard depth < 64 else { return true }
        let watch = inotify_add_watch(descriptor, path, Self.folderEvents)
        guard watch >= 0 else { return false }
        folders[watch] = path
        wholeFolders.insert(watch)
        for name in SiteWatcher.visibleEntries(of: path) {
            let child = path + "/" + name
            var info = stat()
            guard stat(child, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                guard watchTree(child, collecting: &files, depth: depth + 1) else { return false }
            } else {
                files.insert(child)
            }
        }
        return true
    }
    #else
    /// Not available on this system: the server polls.
    static func make(paths: [URL]) -> ChangeNotifier? { nil }

    /// Never called: `make` returns nil here.
    func events(idleAfter idle: Duration) -> AsyncStream<Event> { AsyncStream { $0.finish() } }
    #endif
}

/// A flag set once from any thread.
private final class Finished: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false

    var value: Bool { lock.withLock { isSet } }

    func set() { lock.withLock { isSet = true } }
}
