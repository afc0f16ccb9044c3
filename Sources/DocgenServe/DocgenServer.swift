public import DocgenSite
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `docgen serve`: builds the site into a temporary folder, serves it over HTTP, rebuilds when a
/// source changes and reloads open pages through server-sent events.
public struct DocgenServer: Sendable {
    /// Called after every build with its result, or the error that stopped it.
    public typealias BuildHandler = @Sendable (Result<BuildResult, any Error>) -> Void

    private let options: ServeOptions
    private let onBuild: BuildHandler
    private let onListening: @Sendable (String) -> Void

    /// Creates a server; `onListening` receives the site's URL once the port is bound.
    public init(options: ServeOptions, onBuild: @escaping BuildHandler, onListening: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.onBuild = onBuild
        self.onListening = onListening
    }

    /// Builds, serves and watches until SIGINT or SIGTERM; the temporary folder is removed at the end.
    public func run() async throws {
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workspace) }

        let session = UUID().uuidString.lowercased()
        let site = LiveSite(generation: "\(session)-0")
        let rebuilder = SiteRebuilder(options: options.build, workspace: workspace, session: session, site: site, onBuild: onBuild)
        let snapshot = SiteWatcher(options: options.build).snapshot()
        await rebuilder.rebuild()

        var logger = Logger(label: "docgen.serve")
        logger.logLevel = .warning
        let responder = SiteResponder(site: site)
        let host = options.host, requestedPort = options.port, announce = onListening
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { request, _ in try await responder.respond(to: request) },
            configuration: ApplicationConfiguration(address: .hostname(host, port: requestedPort), serverName: "docgen"),
            services: [WatchService(options: options.build, rebuilder: rebuilder, site: site, interval: options.pollInterval, initial: snapshot)],
            onServerRunning: { channel in
                announce(Self.url(host: host, port: channel.localAddress?.port ?? requestedPort))
            },
            logger: logger)
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [.sigint, .sigterm], logger: logger)
        // Open event streams end on shutdown; whatever still hangs is cancelled after a moment.
        configuration.maximumGracefulShutdownDuration = .seconds(3)
        try await ServiceGroup(configuration: configuration).run()
    }

    /// The address to print, e.g. `http://127.0.0.1:8000/`.
    static func url(host: String, port: Int) -> String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "http://\(shown):\(port)/"
    }
}
