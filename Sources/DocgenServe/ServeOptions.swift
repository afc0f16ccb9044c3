public import DocgenSite
import Foundation

/// What `docgen serve` builds, where it listens, and how often it looks for changes.
public struct ServeOptions: Sendable {
    /// The options of every build; `output` is replaced by a temporary folder.
    public var build: BuildOptions
    /// The address to bind to; loopback unless the user asks otherwise.
    public var host: String
    /// The TCP port; 0 picks a free one.
    public var port: Int
    /// How long to wait between two looks at the watched files.
    public var pollInterval: Duration

    /// Creates serve options.
    public init(build: BuildOptions, host: String = "127.0.0.1", port: Int = 8000, pollInterval: Duration = .milliseconds(250)) {
        self.build = build
        self.host = host
        self.port = port
        self.pollInterval = pollInterval
    }
}
