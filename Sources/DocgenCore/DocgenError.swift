/// A failure of the environment or configuration (not of the content): it stops the run with exit status 2.
public struct DocgenError: Error, Sendable, CustomStringConvertible {
    /// A short explanation of what went wrong and how to fix it.
    public var message: String
    /// A stable identifier, when the error is about a place in a file.
    public var id: String?
    /// Where the problem is, when it is in a file (a config file, a template).
    public var location: SourceLocation?

    /// Creates an error with a message, and a place when there is one.
    public init(_ message: String, id: String? = nil, at location: SourceLocation? = nil) {
        self.message = message
        self.id = id
        self.location = location
    }

    /// `file:line:column: error[ID]: message` when located, else `error[ID]: message` or `error: message`.
    public var description: String {
        guard let location else { return id.map { "error[\($0)]: \(message)" } ?? "error: \(message)" }
        return "\(location): error[\(id ?? "docgen")]: \(message)"
    }
}
