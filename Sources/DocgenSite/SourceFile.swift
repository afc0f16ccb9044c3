import Foundation

/// A file found under the content folder.
public struct SourceFile: Hashable, Sendable {
    /// The file on disk.
    public var url: URL
    /// Its path relative to the content root, with `/` separators (e.g. `jobs/saga.md`).
    public var contentPath: String
    /// Its path as diagnostics show it: relative to the project folder (e.g. `content/jobs/saga.md`).
    public var displayPath: String

    /// Whether the file is a Markdown page.
    public var isMarkdown: Bool {
        let lowered = contentPath.lowercased()
        return lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown")
    }
}
