import DocgenSite
import Foundation
import ServiceLifecycle

/// Rebuilds when a source changes, with the changed files: told by the kernel where it can
/// (`ChangeNotifier`), by polling otherwise; stops when the server shuts down.
struct WatchService: Service {
    /// The build options; the watched paths are worked out again after `docgen.yml` changes, so a
    /// changed `content:` is followed.
    let options: BuildOptions
    let rebuilder: SiteRebuilder
    let site: LiveSite
    let interval: Duration
    /// The sources as they were for the last build.
    let initial: SiteWatcher.Snapshot

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                var last = initial
                while true {
                    let watcher = SiteWatcher(options: options)
                    if let notifier = ChangeNotifier.make(paths: watcher.paths) {
                        try await follow(notifier, watcher: watcher, last: &last)
                    } else {
                        try await poll(last: &last)
                    }
                }
            }
        } catch is CancellationError {
            // Ctrl-C: the loop ends here.
        }
        await site.finishAll()
    }

    /// Rebuilds on every change the kernel reports, until `docgen.yml` changes (the watched paths
    /// may have moved) or the server stops. When nothing happened for a while it polls once, so a
    /// change the notifier cannot see (a folder watched before it existed) is still found.
    private func follow(_ notifier: ChangeNotifier, watcher: SiteWatcher, last: inout SiteWatcher.Snapshot) async throws {
        let config = options.projectDirectory.standardizedFileURL.appendingPathComponent("docgen.yml").path
        defer { notifier.stop() }
        let quiet = Duration.seconds(2)
        var lastRebuild = ContinuousClock.now
        for await event in notifier.events(idleAfter: quiet) {
            try Task.checkCancellation()
            switch event {
            case .changed(let reported):
                // Events of a change the safety poll already rebuilt for, and files that came and
                // went between two looks (an editor's temporary copy), need no build.
                let paths = SiteWatcher.refresh(reported, in: &last)
                trace("notified of \(reported.count) changed, \(paths.count) new: \(paths.sorted().prefix(3).joined(separator: " "))")
                guard !paths.isEmpty else { continue }
                await rebuilder.rebuild(changed: paths)
                lastRebuild = .now
                if paths.contains(config) { return }
            case .overflow:
                last = watcher.snapshot()
                await rebuilder.rebuild()
            case .idle:
                // Quiet periods queued up while a build ran are not quiet.
                guard ContinuousClock.now - lastRebuild >= quiet, let changed = Self.look(watcher, since: &last) else { continue }
                trace("the safety poll found \(changed.count) changed: \(changed.sorted().prefix(3).joined(separator: " "))")
                await rebuilder.rebuild(changed: changed)
                lastRebuild = .now
                if changed.contains(config) { return }
            }
        }
        try Task.checkCancellation()
    }

    /// One look at every watched file: the files changed since `last`, which it brings up to date,
    /// or nil when none did.
    private static func look(_ watcher: SiteWatcher, since last: inout SiteWatcher.Snapshot) -> Set<String>? {
        let now = watcher.snapshot()
        guard now != last else { return nil }
        defer { last = now }
        return SiteWatcher.changes(from: last, to: now)
    }

    private static let tracing = ProcessInfo.processInfo.environment["DOCGEN_TRACE_PHASES"] != nil

    private func trace(_ message: String) {
        guard Self.tracing else { return }
        FileHandle.standardError.write(Data("docgen: watch: \(message)\n".utf8))
    }

    /// Looks at every watched file each `interval`.
    private func poll(last: inout SiteWatcher.Snapshot) async throws {
        while true {
            try await Task.sleep(for: interval)
            guard let changed = Self.look(SiteWatcher(options: options), since: &last) else { continue }
            await rebuilder.rebuild(changed: changed)
        }
    }
}
