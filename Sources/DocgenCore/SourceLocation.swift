/// A position in a source file: a path relative to the project, a 1-based line and a 1-based column.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The file's path, relative to the project folder where possible.
    public var file: String
    /// The 1-based line number.
    public var line: Int
    /// The 1-based column, counted in characters of the line.
    public var column: Int

    /// Creates a location; line and column are clamped to at least 1.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
    }

    /// Orders by file, then line, then column, so reports read top to bottom.
    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
    }

    /// `file:line:column`, the form compilers and editors understand.
    public var description: String { "\(file):\(line):\(column)" }
}
