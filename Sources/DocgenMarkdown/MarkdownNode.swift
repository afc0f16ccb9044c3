/// One node of a parsed Markdown document, copied out of cmark-gfm into plain Swift values; a
/// `MarkdownTree` holds a page's nodes in one array.
public struct MarkdownNode: Hashable, Sendable {
    /// What a node is, with the data that kind carries.
    public enum Kind: Hashable, Sendable {
        case document
        case blockQuote
        /// A GitHub alert (`> [!NOTE]`), made from a block quote by `AlertTransform`.
        case alert(AlertKind)
        case list(ordered: Bool, start: Int, tight: Bool)
        /// A list item; `task` is nil for ordinary items, else whether the box is checked.
        case item(task: Bool?)
        case codeBlock(info: String, literal: String, fenced: Bool)
        case htmlBlock(String)
        case paragraph
        /// A heading; `id` is empty until `HeadingIDTransform` assigns one.
        case heading(level: Int, id: String)
        case thematicBreak
        case footnoteDefinition(label: String)
        case table(alignments: [TableAlignment])
        case tableRow(isHeader: Bool)
        case tableCell
        /// Text, as its span of the tree's `text` bytes.
        case text(MarkdownTree.Span)
        case softBreak
        case lineBreak
        /// Inline code, as its span of the tree's `text` bytes.
        case code(MarkdownTree.Span)
        case htmlInline(String)
        case emphasis
        case strong
        case strikethrough
        case link(destination: String, title: String)
        case image(destination: String, title: String)
        case footnoteReference(label: String)
        /// A job-script template generated from a `generate=jobscript` spec block. Boxed (`indirect`):
        /// its five strings inline made every node of every page 48 bytes bigger to copy.
        indirect case jobTemplate(JobTemplate)
        /// A node type docgen does not know; its children are still kept.
        case unknown(String)
    }

    /// The node's kind and data.
    public var kind: Kind
    /// Where the node is in the source file (file-relative lines), when cmark-gfm reports it.
    public var range: SourceRange?
    /// How many nodes the node's subtree holds, itself included: in a `MarkdownTree` its descendants
    /// are the `subtreeSize - 1` nodes right after it.
    public internal(set) var subtreeSize: Int

    /// Creates a node without children (a tree's builder counts the children of containers).
    public init(_ kind: Kind, range: SourceRange? = nil) {
        self.kind = kind
        self.range = range
        self.subtreeSize = 1
    }
}

extension MarkdownNode.Kind {
    /// Whether nodes of this kind can contain blocks (headings, block quotes, lists), so a pass that
    /// only changes blocks can skip the inline content of paragraphs, headings and tables.
    public var canContainBlocks: Bool {
        switch self {
        case .document, .blockQuote, .alert, .list, .item, .footnoteDefinition, .unknown: return true
        default: return false
        }
    }
}

/// The five kinds of GitHub alert.
public enum AlertKind: String, CaseIterable, Hashable, Sendable {
    case note, tip, important, warning, caution

    /// The label shown above the alert's text.
    public var title: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// A table column's alignment.
public enum TableAlignment: Hashable, Sendable {
    case none, left, center, right
}

/// A span of a source file, 1-based lines and columns (columns are UTF-8 byte offsets, as cmark-gfm counts).
public struct SourceRange: Hashable, Sendable {
    /// The first line.
    public var startLine: Int
    /// The first column.
    public var startColumn: Int
    /// The last line.
    public var endLine: Int
    /// The last column.
    public var endColumn: Int

    /// Creates a range.
    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }
}

/// A generated job script shown as a copyable, downloadable, fillable template.
public struct JobTemplate: Hashable, Sendable {
    /// The script's file name, e.g. `train-classifier.sh`.
    public var filename: String
    /// The generated script.
    public var script: String
    /// The cluster the script is for (a profile name).
    public var cluster: String
    /// The spec as JSON, for the fill-in form.
    public var specJSON: String
    /// Where the script can be downloaded, relative to the page (filled in by the site).
    public var downloadPath: String

    /// Creates a template.
    public init(filename: String, script: String, cluster: String, specJSON: String, downloadPath: String = "") {
        self.filename = filename
        self.script = script
        self.cluster = cluster
        self.specJSON = specJSON
        self.downloadPath = downloadPath
    }
}
