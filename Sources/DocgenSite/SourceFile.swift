import DocgenCore
import Foundation

/// A file found under the content folder.
public struct SourceFile: Hashable, Sendable {
    /// The file on disk.
    public let url: URL
    /// Its path relative to the content root, with `/` separators (e.g. `jobs/saga.md`).
    public var contentPath: String
    /// Its path as diagnostics show it: relative to the project folder (e.g. `content/jobs/saga.md`).
    public var displayPath: String
    /// `url.path`, kept: pages are opened by path, and asking the URL for it each time showed in profiles.
    public let path: String
    /// Why the file is found but not used (e.g. a symbolic link that leaves the content folder),
    /// reported once by the inventory instead of being skipped silently.
    var problem: Diagnostic?

    /// A file at `url`; `path` is `url.path` when the caller has it already.
    public init(url: URL, contentPath: String, displayPath: String, path: String? = nil) {
        self.url = url
        self.contentPath = contentPath
        self.displayPath = displayPath
        self.path = path ?? url.path
    }

    /// Whether the file is a Markdown page.
    public var isMarkdown: Bool {
        SitePath.hasMarkdownExtension(contentPath)
    }
}
