public import DocgenCore

/// A link or image destination written in a page, kept for the cross-page link check.
public struct LinkReference: Sendable, Hashable {
    /// The destination as written.
    public var destination: String
    /// Whether it is an image source rather than a link.
    public var isImage: Bool
    /// Where the link starts in the Markdown file.
    public var location: SourceLocation
}
