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

    init(options: BuildOptions, workspace: URL, session: String, site: LiveSite, onBuild: @escaping DocgenServer.BuildHandler) {
        self.options = options
        self.workspace = workspace
        self.session = session
        self.site = site
        self.onBuild = onBuild
    }

    /// One full build through `SiteBuilder` (the verification cache keeps unchanged blocks instant).
    func rebuild() async {
        count += 1
        var options = self.options
        let output = workspace.appendingPathComponent("build-\(count)")
        options.output = output
        options.writeOutput = true
        do {
            let result = try await SiteBuilder(options: options).build()
            onBuild(.success(result))
            if let written = result.outputURL, !result.hasErrors {
                await site.publish(root: written, generation: "\(session)-\(count)")
                served.append(written)
                // Keep the previous site a little longer for requests still reading it.
                while served.count > 2 { try? FileManager.default.removeItem(at: served.removeFirst()) }
            } else {
                await site.publish(errors: ErrorReport(diagnostics: result.diagnostics).event)
            }
        } catch {
            onBuild(.failure(error))
            await site.publish(errors: ErrorReport(failure: "\(error)").event)
        }
    }
}
