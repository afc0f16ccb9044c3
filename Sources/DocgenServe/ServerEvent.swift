/// One server-sent event: a name such as `reload` or `errors` and its data.
struct ServerEvent: Sendable, Equatable {
    /// The event's name; the browser listens with `addEventListener(name, ...)`.
    var name: String
    /// The payload; every line becomes a `data:` line.
    var data: String

    /// The event as it travels on the wire: `event:`, one `data:` line per line, a blank line.
    var wire: String {
        var text = "event: \(name)\n"
        for line in data.split(separator: "\n", omittingEmptySubsequences: false) {
            text += "data: \(line)\n"
        }
        return text + "\n"
    }

    /// Tells open pages that a new site is ready.
    static func reload(generation: String) -> ServerEvent {
        ServerEvent(name: "reload", data: generation)
    }
}
