import DocgenCore
import Foundation

/// A file found under the content folder.
public struct SourceFile: Hashable, Sendable {
    /// The file's path on disk: pages are opened by path.
    public let path: String
    /// Its path relative to the content root, with `/` separators (e.g. `jobs/saga.md`).
    public var contentPath: String
    /// Its path as diagnostics show it: relative to the project folder (e.g. `content/jobs/saga.md`).
    public var displayPath: String
    /// Why the file is found but not used (e.g. a symbolic link that leaves the content folder),
    /// reported once by the inventory instead of being skipped silently.
    var problem: Diagnostic?
    /// The URL the file was given with, if it was given one.
    private let givenURL: URL?

    /// A file at `url`.
    public init(url: URL, contentPath: String, displayPath: String) {
        self.path = url.path
        self.givenURL = url
        self.contentPath = contentPath
        self.displayPath = displayPath
    }

    /// A file at `path`, whose URL is made only when something asks for it: a cold build reads
    /// pages by path, and making ten thousand URLs while listing the content folder was a tenth of
    /// that listing, on one core before any page could start.
    init(path: String, contentPath: String, displayPath: String) {
        self.path = path
        self.givenURL = nil
        self.contentPath = contentPath
        self.displayPath = displayPath
    }

    /// The file on disk.
    public var url: URL {
        givenURL ?? URL(fileURLWithPath: path, isDirectory: false)
    }

    /// Whether the file is a Markdown page.
    public var isMarkdown: Bool {
        SitePath.hasMarkdownExtension(contentPath)
    }

    /// Files are the same when their paths and names are (however their URL came about).
    public static func == (lhs: SourceFile, rhs: SourceFile) -> Bool {
        lhs.path == rhs.path && lhs.contentPath == rhs.contentPath && lhs.displayPath == rhs.displayPath && lhs.problem == rhs.problem
    }

    /// Hashes what `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(path)
        hasher.combine(contentPath)
        hasher.combine(displayPath)
        hasher.combine(problem)
    }
}
