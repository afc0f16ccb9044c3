/// A change to a Markdown source file that `--bless` makes: replace lines `start...end` (1-based,
/// inclusive; `end == start - 1` inserts before `start`) with `replacement`.
public struct SourceEdit: Sendable, Hashable {
    /// The file, as diagnostics name it.
    public var file: String
    /// The first line replaced.
    public var start: Int
    /// The last line replaced (`start - 1` for an insertion).
    public var end: Int
    /// The new lines.
    public var replacement: [String]

    /// Creates an edit.
    public init(file: String, start: Int, end: Int, replacement: [String]) {
        self.file = file
        self.start = start
        self.end = end
        self.replacement = replacement
    }
}
