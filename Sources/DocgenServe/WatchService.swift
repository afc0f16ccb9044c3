import DocgenSite
import ServiceLifecycle

/// Polls the sources and rebuilds when one changed; stops when the server shuts down.
struct WatchService: Service {
    /// The build options; the watched paths are worked out again on every look, so a changed
    /// `content:` in `docgen.yml` is followed.
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
                    try await Task.sleep(for: interval)
                    let now = SiteWatcher(options: options).snapshot()
                    guard now != last else { continue }
                    last = now
                    await rebuilder.rebuild()
                }
            }
        } catch is CancellationError {
            // Ctrl-C: the loop ends here.
        }
        await site.finishAll()
    }
}
