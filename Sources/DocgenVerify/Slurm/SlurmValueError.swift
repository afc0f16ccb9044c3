/// Why a Slurm option value could not be read, in words fit for a diagnostic.
public struct SlurmValueError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with the value.
    public var message: String
    /// A corrected value, when one is obvious (e.g. `2:00:00` for `2h`).
    public var suggestion: String?

    /// Creates an error.
    public init(_ message: String, suggestion: String? = nil) {
        self.message = message
        self.suggestion = suggestion
    }

    /// The message.
    public var description: String { message }
}

extension String {
    /// Whether the string is one or more ASCII digits.
    var isDigits: Bool {
        SlurmText.isDigits(self)
    }
}
