import DocgenSite
import Foundation

/// Builds the site into a fresh folder of the server's workspace and tells the live site about it:
/// a good build is swapped in (open pages reload), a failed one leaves the last good site served
/// and shows its diagnostics.
actor SiteRebuilder {
    private let options: BuildOptions
    private let workspace: URL
    private let session: String
    private let site: LiveSite
    private let onBuild: DocgenServer.BuildHandler
    private var count = 0
    private var served: [URL] = []
    private var followUp: Task<Void, Never>?
    private let background = BackgroundQueue()

    init(options: BuildOptions, workspace: URL, session: String, site: LiveSite, onBuild: @escaping DocgenServer.BuildHandler) {
        var options = options
        // Each rebuild re-reads, re-parses and re-renders only what changed since the one before.
        options.memo = BuildMemo()
        self.options = options
        self.workspace = workspace
        self.session = session
        self.site = site
        self.onBuild = onBuild
    }

    /// One build through `SiteBuilder`, which reuses from the previous one every page the change did
    /// not touch; `changed` (the files the watcher saw change, nil for unknown) lets an edit of page
    /// text alone be rebuilt in place.
    func rebuild(changed: Set<String>? = nil) async {
        count += 1
        var options = self.options
        let output = workspace.appendingPathComponent("build-\(count)")
        options.output = output
        options.writeOutput = true
        options.changedPaths = changed
        do {
            let result = try await SiteBuilder(options: options).build()
            if let written = result.outputURL, !result.hasErrors {
                // Open pages reload before the console report is printed: a report of thousands of notes takes a while.
                await site.publish(root: written, generation: "\(session)-\(count)")
                onBuild(.success(result))
                // The search index of a big site takes seconds: it is rebuilt off this actor, once
                // saves have paused for a moment, so the next edit's rebuild never waits for it.
                followUp?.cancel()
                if let work = result.followUp {
                    let background = self.background
                    followUp = Task.detached {
                        try? await Task.sleep(for: .milliseconds(700))
                        guard !Task.isCancelled else { return }
                        await background.run(work)
                    }
                }
                // An edit rebuilt in place is written into the folder already served.
                if served.last != written { served.append(written) }
                // Keep the previous site a little longer for requests still reading it.
                while served.count > 2 { try? FileManager.default.removeItem(at: served.removeFirst()) }
            } else {
                await site.publish(errors: ErrorReport(diagnostics: result.diagnostics).event)
                onBuild(.success(result))
            }
        } catch {
            onBuild(.failure(error))
            await site.publish(errors: ErrorReport(failure: "\(error)").event)
        }
    }
}
