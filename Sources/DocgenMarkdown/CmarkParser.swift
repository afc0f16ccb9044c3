internal import CCmarkGFM
import Foundation

/// The one door to cmark-gfm: parses Markdown into a `MarkdownTree`.
///
/// cmark-gfm keeps the extensions' special-character table in a global that every parse rewrites
/// (github/cmark-gfm#176), so concurrent parses corrupt each other. Only `cmark_parser_finish`
/// touches that table (it adds the characters, parses the inlines, removes them), so it alone runs
/// under one process-wide lock; making the parser, feeding it the blocks and copying the tree into
/// Swift values run in parallel. cmark-gfm allocates from the parsing thread's `CmarkArena`, which
/// takes the whole tree back at once.
public enum CmarkParser {
    /// The GFM extensions attached to every parse.
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// Held while a parser finishes: cmark-gfm 0.29.0.gfm.6 calls
    /// `cmark_manage_extensions_special_characters`, the only writer of the shared table, from
    /// `cmark_parser_finish` alone (twice, around the inline pass; the extensions library calls
    /// neither it nor the inline parser), and block parsing does not read the table. Holding it for
    /// the whole parse had threads waiting with a core idle for 0.4 s of a 10,000-page build.
    ///
    /// A plain mutex (`NSLock`, a pthread mutex), not `Mutex`: on Linux that is a priority-inheriting
    /// futex whose waiters spin in the kernel while the parse runs on the other core, 1.5% of a
    /// 10,000-page build; a waiter here sleeps and another page's work runs instead.
    private static let finishLock = NSLock()

    /// Registration is unsynchronised in Debian's build, so it runs exactly once, from this initialiser.
    private static let extensionsRegistered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    /// How many levels of nodes a tree may have. The renderer and the search collector recurse once
    /// per level, so a page of 10,000 nested lists or quotes would overflow a thread's stack; deeper
    /// containers are flattened into the one at this depth. Real pages stay far below it (a list nested ten deep
    /// is about 25 levels).
    public static let maximumDepth = 100

    /// Parses `text`; node lines are shifted by `lineOffset` so they count from the top of the file.
    public static func parse(_ text: String, lineOffset: Int = 0) -> MarkdownTree {
        parseLimitingDepth(text, lineOffset: lineOffset).tree
    }

    /// Parses `text` like `parse`, and also returns the file line of the first container that was
    /// deeper than `maximumDepth` and was flattened (nil when none was).
    public static func parseLimitingDepth(_ text: String, lineOffset: Int = 0) -> (tree: MarkdownTree, flattenedLine: Int?) {
        parseLimitingDepth(text, lineOffset: lineOffset, usingArena: text.utf8.count <= CmarkArena.largestPage)
    }

    /// `parseLimitingDepth`, with cmark-gfm allocating from the thread's `CmarkArena` or (for tests
    /// that compare the two) with its own allocator.
    static func parseLimitingDepth(_ text: String, lineOffset: Int, usingArena: Bool) -> (tree: MarkdownTree, flattenedLine: Int?) {
        _ = extensionsRegistered
        // No CMARK_OPT_VALIDATE_UTF8: a Swift String is valid UTF-8 already, so validating it again
        // would only add time to every parse.
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES
        // The thread's arena, unless it is taken (a parse within a parse) or could not be made: then
        // cmark-gfm's own allocator, and the tree is freed node by node.
        if usingArena { CmarkArena.prepare() }
        let arena = usingArena ? CmarkArena.current.flatMap { $0.pointee.isInUse ? nil : $0 } : nil
        arena?.pointee.isInUse = true
        defer {
            // Only after the tree has been copied: the copy reads it, and cmark-gfm allocates as it does.
            arena?.pointee.reset()
            arena?.pointee.isInUse = false
        }
        let made = arena == nil ? cmark_parser_new(options) : cmark_parser_new_with_mem(options, CmarkArena.allocator)
        guard let parser = made else { return (MarkdownTree(), nil) }
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let syntaxExtension = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntaxExtension)
            }
        }
        var copy = text
        copy.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        nonisolated(unsafe) var root: OpaquePointer?
        finishLock.withLock { root = cmark_parser_finish(parser) }
        guard let root else { return (MarkdownTree(), nil) }
        defer { if arena == nil { cmark_node_free(root) } }
        var converter = TreeConverter(lineOffset: lineOffset, source: SourceBytes(text))
        // The generated 10,000-page corpus has a node per 19 bytes on average and per 7 at most: room
        // for a node per 16 bytes, so most pages grow their array at most once. A page too big for the
        // arena gets room for a node per 4 bytes (the densest text measured, short list items and table
        // cells, has one per 4.5): growing its array would copy it and hold both copies, and room
        // never written is never touched.
        let bytes = text.utf8.count
        // A page's text nodes hold less than its source: room for all of it, never grown.
        let tree = converter.convert(root, sizeHint: bytes <= CmarkArena.largestPage ? 16 + bytes / 16 : bytes / 4, textSizeHint: bytes)
        return (tree, converter.flattenedLine)
    }
}

/// Copies a cmark-gfm tree into a `MarkdownTree` without recursion, so deep nesting cannot overflow the stack.
private struct TreeConverter {
    let lineOffset: Int
    let source: SourceBytes
    /// The file line of the first container flattened for being deeper than `CmarkParser.maximumDepth`.
    private(set) var flattenedLine: Int?

    init(lineOffset: Int, source: SourceBytes) {
        self.lineOffset = lineOffset
        self.source = source
    }

    mutating func convert(_ root: OpaquePointer, sizeHint: Int, textSizeHint: Int) -> MarkdownTree {
        guard let iterator = cmark_iter_new(root) else { return MarkdownTree() }
        defer { cmark_iter_free(iterator) }
        var builder = MarkdownTree.Builder(capacity: sizeHint, textCapacity: textSizeHint)
        // Containers entered below the depth limit are not opened, so their children join the deepest
        // kept container. Events nest, so an exit while this is positive belongs to a skipped container.
        var skipped = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER {
                if isLeaf(node) {
                    let type = cmark_node_get_type(node)
                    if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(node) {
                        // Copied straight into the tree's text bytes: a String per node was an allocation each.
                        let length = strlen(literal)
                        literal.withMemoryRebound(to: UInt8.self, capacity: length) { bytes in
                            builder.appendText(UnsafeBufferPointer(start: bytes, count: length), isCode: type == CMARK_NODE_CODE, range: range(of: node))
                        }
                    } else {
                        builder.append(kind(of: node), range: range(of: node))
                    }
                } else if builder.depth >= CmarkParser.maximumDepth {
                    skipped += 1
                    if flattenedLine == nil { flattenedLine = range(of: node)?.startLine ?? builder.innermostRange?.startLine }
                } else {
                    builder.open(kind(of: node), range: range(of: node))
                }
            } else if event == CMARK_EVENT_EXIT {
                if skipped > 0 {
                    skipped -= 1
                } else {
                    builder.close()
                }
            }
        }
        return builder.finish()
    }

    /// Mirrors cmark's own iterator: these kinds get an enter event and no exit.
    private func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            true
        default:
            false
        }
    }

    private func range(of node: OpaquePointer) -> SourceRange? {
        let startLine = Int(cmark_node_get_start_line(node))
        guard startLine > 0 else { return nil }
        return SourceRange(
            startLine: startLine + lineOffset,
            startColumn: Int(cmark_node_get_start_column(node)),
            endLine: Int(cmark_node_get_end_line(node)) + lineOffset,
            endColumn: Int(cmark_node_get_end_column(node))
        )
    }

    private func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0
            )
        case CMARK_NODE_ITEM:
            // Task items keep the item type; the tasklist extension only shows in the type string.
            guard typeName(of: node, is: "tasklist") else { return .item(task: nil) }
            return .item(task: cmark_gfm_extensions_get_tasklist_item_checked(node))
        case CMARK_NODE_CODE_BLOCK:
            // cmark_node_get_fenced writes through all three out-pointers, so none may be nil.
            var length: Int32 = 0, offset: Int32 = 0
            var character: CChar = 0
            return .codeBlock(
                info: string(cmark_node_get_fence_info(node)),
                literal: string(cmark_node_get_literal(node)),
                fenced: cmark_node_get_fenced(node, &length, &offset, &character) != 0
            )
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)), id: "")
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition(label: footnoteLabel(node))
        case CMARK_NODE_TEXT: return .text(MarkdownTree.Span(start: 0, count: 0))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(MarkdownTree.Span(start: 0, count: 0))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference(label: footnoteLabel(node))
        default:
            return extensionKind(of: node)
        }
    }

    /// Extension node types are mutable C globals (unusable in Swift 6), so they are told apart by name.
    private func extensionKind(of node: OpaquePointer) -> MarkdownNode.Kind {
        let typeName = string(cmark_node_get_type_string(node))
        switch typeName {
        case "table":
            let columns = Int(cmark_gfm_extensions_get_table_columns(node))
            var alignments: [TableAlignment] = []
            if let raw = cmark_gfm_extensions_get_table_alignments(node) {
                for index in 0..<columns {
                    switch raw[index] {
                    case UInt8(ascii: "l"): alignments.append(.left)
                    case UInt8(ascii: "c"): alignments.append(.center)
                    case UInt8(ascii: "r"): alignments.append(.right)
                    default: alignments.append(.none)
                    }
                }
            }
            return .table(alignments: alignments)
        case "table_header": return .tableRow(isHeader: true)
        case "table_row": return .tableRow(isHeader: cmark_gfm_extensions_get_table_row_is_header(node) != 0)
        case "table_cell": return .tableCell
        case "strikethrough": return .strikethrough
        case "tasklist": return .item(task: cmark_gfm_extensions_get_tasklist_item_checked(node))
        default: return .unknown(typeName)
        }
    }

    /// cmark_node_get_literal returns NULL for footnotes and the public API has no other way to read
    /// their labels, so the label is read from the source at the node's position: `[^label]`.
    /// Labels are normalised as cmark-gfm matches them: case-insensitive, inner whitespace collapsed.
    private func footnoteLabel(_ node: OpaquePointer) -> String {
        let line = Int(cmark_node_get_start_line(node)), column = Int(cmark_node_get_start_column(node))
        guard line >= 1, line <= source.lineStarts.count else { return "" }
        let lineStart = source.lineStarts[line - 1]
        let bytes = source.bytes
        func opensLabel(_ at: Int) -> Bool {
            at + 1 < bytes.count && bytes[at] == UInt8(ascii: "[") && bytes[at + 1] == UInt8(ascii: "^")
        }
        // A reference starts at its "[^"; a definition's position starts at its text, after "[^label]: ".
        var index = min(lineStart + column - 1, bytes.count)
        while index > lineStart, !opensLabel(index) { index -= 1 }
        guard opensLabel(index) else { return "" }
        index += 2
        var label: [UInt8] = []
        while index < bytes.count, bytes[index] != UInt8(ascii: "]"), bytes[index] != UInt8(ascii: "\n") {
            label.append(bytes[index])
            index += 1
        }
        let words = String(decoding: label, as: UTF8.self).lowercased().split(whereSeparator: \.isWhitespace)
        return words.joined(separator: " ")
    }

    /// Whether cmark-gfm's type name of `node` is `name`, compared in C: making a Swift string of it
    /// for every list item was a visible part of copying a tree.
    private func typeName(of node: OpaquePointer, is name: StaticString) -> Bool {
        guard let typeName = cmark_node_get_type_string(node) else { return false }
        return name.withUTF8Buffer { wanted in
            // Stops at the first difference, so it never reads past the C string's NUL.
            for (index, byte) in wanted.enumerated() where UInt8(bitPattern: typeName[index]) != byte { return false }
            return typeName[wanted.count] == 0
        }
    }

    private func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }
}

/// The parsed text as bytes with the offset of each line, built only when a footnote needs it.
private final class SourceBytes {
    private let text: String

    init(_ text: String) {
        self.text = text
    }

    lazy var bytes: [UInt8] = Array(text.utf8)

    lazy var lineStarts: [Int] = {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        return starts
    }()
}
