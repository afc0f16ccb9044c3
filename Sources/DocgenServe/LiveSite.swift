import Foundation

/// What the server currently shows: the last good site, the errors of a failed build, and the
/// browsers listening for changes.
actor LiveSite {
    /// The folder of the last good build, or nil while no build has succeeded yet.
    private(set) var root: URL?
    /// Identifies the served build; pages carry it so a tab that missed a reload catches up.
    private(set) var generation: String
    /// The `errors` event of the latest build, when it failed.
    private(set) var errors: ServerEvent?
    private var listeners: [UUID: AsyncStream<ServerEvent>.Continuation] = [:]

    init(generation: String) {
        self.generation = generation
    }

    /// A stream of the events from now on; ends when `finishAll` is called.
    func subscribe() -> (UUID, AsyncStream<ServerEvent>) {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ServerEvent>.makeStream(bufferingPolicy: .bufferingNewest(8))
        listeners[id] = continuation
        return (id, stream)
    }

    /// Stops sending events to a browser that went away.
    func unsubscribe(_ id: UUID) {
        listeners.removeValue(forKey: id)?.finish()
    }

    /// Swaps in a new good site and reloads every open page.
    func publish(root: URL, generation: String) {
        self.root = root
        self.generation = generation
        errors = nil
        broadcast(.reload(generation: generation))
    }

    /// Keeps the last good site and shows the build's diagnostics on every open page.
    func publish(errors event: ServerEvent) {
        errors = event
        broadcast(event)
    }

    /// How many browsers are listening.
    var listenerCount: Int { listeners.count }

    /// Ends every event stream, so the server can shut down.
    func finishAll() {
        for continuation in listeners.values { continuation.finish() }
        listeners.removeAll()
    }

    private func broadcast(_ event: ServerEvent) {
        for continuation in listeners.values { continuation.yield(event) }
    }
}
