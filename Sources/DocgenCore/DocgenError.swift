/// A failure of the environment or configuration (not of the content): it stops the run with exit status 2.
public struct DocgenError: Error, Sendable, CustomStringConvertible {
    /// A short explanation of what went wrong and how to fix it.
    public var message: String

    /// Creates an error with a message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
