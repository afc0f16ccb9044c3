/// Something wrong inside a code block's text, found by one of the bundled parsers: its stable id,
/// its 0-based line within the block, its 1-based column and what is wrong. The site turns it into a
/// `Diagnostic` located in the Markdown file.
public struct BlockProblem: Sendable, Hashable {
    /// A stable id, e.g. `transcript.output-before-command` or `parse.dusage.over-quota`.
    public var id: String
    /// The 0-based line within the block.
    public var line: Int
    /// The 1-based column (in characters) within that line.
    public var column: Int
    /// What is wrong, in one sentence.
    public var message: String

    /// Creates a problem.
    public init(id: String, line: Int, column: Int = 1, message: String) {
        self.id = id
        self.line = line
        self.column = column
        self.message = message
    }
}
