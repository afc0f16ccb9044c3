public import DocgenCore

/// A fenced code block handed to verification: its info string, text and place in the page.
public struct CodeSnippet: Hashable, Sendable {
    /// The parsed info string.
    public var info: InfoString
    /// The code between the fences.
    public var code: String
    /// Where the opening fence's info string starts; attribute offsets are added to its column.
    public var infoLocation: SourceLocation
    /// The line of the block's first code line (the line after the opening fence).
    public var firstCodeLine: Int

    /// Creates a snippet.
    public init(info: InfoString, code: String, infoLocation: SourceLocation, firstCodeLine: Int) {
        self.info = info
        self.code = code
        self.infoLocation = infoLocation
        self.firstCodeLine = firstCodeLine
    }

    /// The location of a character offset inside the info string.
    public func location(ofInfoOffset offset: Int) -> SourceLocation {
        var location = infoLocation
        location.column += offset
        return location
    }
}
