/// Something wrong with text that claims to be a cluster tool's output: it is not that tool's
/// output, or it contradicts itself (more used than the quota, a bad state code, ...).
public typealias ToolOutputProblem = BlockProblem

/// What a tool-output parser read: the typed value, when the text has the tool's shape at all,
/// and every problem found (also when there is a value).
public struct ToolOutputResult<Value: Sendable & Hashable>: Sendable, Hashable {
    /// The parsed output; nil when the text is not recognisably this tool's output.
    public var value: Value?
    /// Problems, in the order of the text.
    public var problems: [ToolOutputProblem]

    /// Creates a result.
    public init(value: Value?, problems: [ToolOutputProblem]) {
        self.value = value
        self.problems = problems
    }

    /// Whether the text is the tool's output and consistent.
    public var isValid: Bool {
        value != nil && problems.isEmpty
    }
}
