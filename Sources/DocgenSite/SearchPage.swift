import DocgenCore
import DocgenMarkdown

/// What the search index keeps of one page: its title, its path, and per section (the intro before
/// the first heading, then each h2 and h3 with everything down to the next h2 or h3) the title,
/// the anchor, a short excerpt and the set of words. Made in the parallel render step, so the
/// page's tree is walked once and only these small values live on.
struct SearchPage: Sendable {
    /// One section of a page.
    struct Section: Sendable, Equatable {
        /// The heading's text; empty for the intro.
        var title: String
        /// The heading's id; empty for the intro.
        var anchor: String
        /// The start of the section's prose, whitespace collapsed, at most `excerptLength` characters.
        var excerpt: String
        /// The distinct indexable words of the section's prose (paragraphs, lists, tables, headings
        /// other than h2 and h3), normalized, as numbers into the page's `words`. Code blocks are left
        /// out: their words would double the index, and the commands that matter are named in the prose
        /// around them.
        var words: [Int32]
    }

    /// The page's title.
    var title: String
    /// Its path in the site, e.g. `jobs/saga.html`.
    var path: String
    /// The intro first (possibly empty), then one per h2 or h3, in document order.
    var sections: [Section]
    /// The indexable words of all sections (those of a heading without title or id may be in no section).
    var words: SearchWordSet

    /// Extracts the sections of the page `title` at `path` with the body `tree`, keeping excerpts of
    /// at most `excerptLength` characters.
    init(title: String, path: String, tree: MarkdownTree, excerptLength: Int = SearchIndexBuilder.excerptLength) {
        self.title = title
        self.path = path
        var collector = Collector(excerptLength: excerptLength)
        tree.withView { nodes in
            Collector.forEachChild(of: MarkdownTree.root, in: nodes) { collector.visit($0, of: nodes) }
        }
        collector.finishSection()
        sections = collector.sections
        words = collector.words.compacted()
    }

    /// Walks the block tree, starting a section at each h2 and h3.
    private struct Collector {
        /// The longest excerpt kept, in characters.
        let excerptLength: Int
        /// The sections finished so far.
        var sections: [Section] = []
        /// The current section's title.
        var title = ""
        /// The current section's anchor.
        var anchor = ""
        /// The current section's excerpt so far.
        var excerpt = ""
        /// Whether `excerpt` has been cut to `excerptLength`, so later prose only adds words.
        var excerptIsFull = false
        /// The current section's first table's cells, its excerpt when it has no prose.
        var tableExcerpt = ""
        /// The page's words.
        var words = SearchWordSet(capacity: 256)
        /// The current section's words, each once.
        var sectionWords: [Int32] = []
        /// Per word, the last section (counting dropped ones, see `finishSection`) it was listed in, plus one.
        var listedIn: [Int32] = []
        /// The current section's number plus one, counting dropped sections.
        var sectionSerial: Int32 = 1
        /// The words just inserted, repeats kept.
        var found: [Int32] = []
        /// A buffer for a node's text, kept so its capacity is reused (see `plainTextBytes`).
        var spareBytes: [UInt8] = []

        /// A collector that keeps excerpts of at most `excerptLength` characters.
        init(excerptLength: Int) {
            self.excerptLength = excerptLength
            // Room for a typical page, so the lists are not regrown from nothing on every page.
            sectionWords.reserveCapacity(256)
            listedIn.reserveCapacity(256)
            found.reserveCapacity(128)
        }

        /// Reads `node` and its descendants into the current section, or starts a new one.
        mutating func visit(_ node: Int, of nodes: MarkdownTree.View) {
            switch nodes[node].kind {
            case .heading(let level, let id) where level == 2 || level == 3:
                finishSection()
                title = Self.collapsed(nodes.plainText(of: node))
                if title.isEmpty { title = id }
                anchor = id
            case .heading:
                // Other headings add their words; as excerpt text they would read as run-on sentences.
                let text = plainTextBytes(of: node, in: nodes)
                text.withUnsafeBufferPointer { addIndexWords(ofUTF8: $0) }
                spareBytes = text
            case .paragraph:
                let text = plainTextBytes(of: node, in: nodes)
                text.withUnsafeBufferPointer { text in
                    if SearchTokenizer.isASCII(text) {
                        addASCIIProse(text)
                    } else {
                        addProse(String(decoding: text, as: UTF8.self))
                    }
                }
                spareBytes = text
            case .table:
                // Table cells read badly as a snippet: they are the excerpt only when nothing else is.
                var cells: [String] = []
                let needsCells = tableExcerpt.isEmpty
                Self.forEachTableCell(in: node, of: nodes) { cell in
                    let text = plainTextBytes(of: cell, in: nodes)
                    text.withUnsafeBufferPointer { text in
                        if SearchTokenizer.isASCII(text) {
                            // Collapsing whitespace changes no ASCII word, so only the excerpt needs the collapsed text.
                            addIndexWords(ofUTF8: text)
                            if needsCells {
                                var clean: [UInt8] = []
                                Self.appendCollapsedASCII(text, to: &clean, limit: text.count)
                                if !clean.isEmpty { cells.append(String(decoding: clean, as: UTF8.self)) }
                            }
                        } else {
                            let clean = Self.collapsed(String(decoding: text, as: UTF8.self))
                            addIndexWords(of: clean)
                            if !clean.isEmpty { cells.append(clean) }
                        }
                    }
                    spareBytes = text
                }
                if needsCells, !cells.isEmpty {
                    tableExcerpt = Self.shortened(cells.joined(separator: ", "), to: excerptLength)
                }
            case .codeBlock, .htmlBlock, .footnoteDefinition, .thematicBreak:
                break
            default:
                Self.forEachChild(of: node, in: nodes) { visit($0, of: nodes) }
            }
        }

        /// Calls `body` with the index of each child of `node`, in order.
        @inline(__always)
        static func forEachChild(of node: Int, in nodes: MarkdownTree.View, _ body: (Int) -> Void) {
            let end = node + nodes[node].subtreeSize
            var child = node + 1
            while child < end {
                body(child)
                child += nodes[child].subtreeSize
            }
        }

        /// Calls `body` with each table cell in `node` and its descendants, in document order.
        static func forEachTableCell(in node: Int, of nodes: MarkdownTree.View, _ body: (Int) -> Void) {
            for index in node..<(node + nodes[node].subtreeSize) {
                if case .tableCell = nodes[index].kind { body(index) }
            }
        }

        /// The UTF-8 of the node's plain text, gathered in `spareBytes` (its capacity reused from node
        /// to node, where `plainText` made a string per node); hand it back to `spareBytes` when done.
        mutating func plainTextBytes(of node: Int, in nodes: MarkdownTree.View) -> [UInt8] {
            var bytes = spareBytes
            spareBytes = []
            bytes.removeAll(keepingCapacity: true)
            nodes.forEachPlainTextPiece(of: node) { bytes.append(contentsOf: $0) }
            return bytes
        }

        /// Adds a paragraph's text (whitespace not yet collapsed) to the section's words and excerpt.
        mutating func addProse(_ text: String) {
            let clean = Self.collapsed(text)
            guard !clean.isEmpty else { return }
            addIndexWords(of: clean)
            guard !excerptIsFull else { return }
            if !excerpt.isEmpty { excerpt += " " }
            excerpt += clean
            // A string has no more characters than UTF-8 bytes, so short excerpts need no character count.
            if excerpt.utf8.count > excerptLength, Self.hasOneByteCharacters(excerpt) || excerpt.count > excerptLength {
                excerpt = Self.shortened(excerpt, to: excerptLength)
                excerptIsFull = true
            }
        }

        /// `addProse` for ASCII text, without collapsing it into a string: its words are those of the
        /// collapsed text, and of that the excerpt needs at most the first `excerptLength + 1` bytes.
        mutating func addASCIIProse(_ text: UnsafeBufferPointer<UInt8>) {
            addIndexWords(ofUTF8: text)
            guard !excerptIsFull else { return }
            // Excerpts are made of collapsed text, which has no "\r", so ASCII ones have one-byte characters.
            guard excerpt.isAllASCII else {
                addProse(String(decoding: text, as: UTF8.self))
                return
            }
            var combined = Array(excerpt.utf8)
            let separator = combined.isEmpty ? 0 : 1
            combined.reserveCapacity(excerptLength + 1)
            if separator > 0 { combined.append(UInt8(ascii: " ")) }
            // Enough bytes to tell whether the excerpt runs over, and where to cut it if it does; at
            // least one, to tell whether the text adds anything.
            let limit = max(1, excerptLength + 1 - combined.count)
            Self.appendCollapsedASCII(text, to: &combined, limit: limit)
            guard combined.count > excerpt.utf8.count + separator else { return }
            if combined.count > excerptLength {
                excerpt = Self.shortenedOneByte(combined, to: excerptLength)
                excerptIsFull = true
            } else {
                excerpt = String(decoding: combined, as: UTF8.self)
            }
        }

        /// Adds the index words of `text` to the page's words and the section's list.
        mutating func addIndexWords(of text: String) {
            var text = text
            text.withUTF8 { addIndexWords(ofUTF8: $0) }
        }

        /// Adds the index words of the UTF-8 `text` to the page's words and the section's list.
        mutating func addIndexWords(ofUTF8 text: UnsafeBufferPointer<UInt8>) {
            found.removeAll(keepingCapacity: true)
            SearchTokenizer.insertIndexWords(ofUTF8: text, into: &words, found: &found)
            for id in found {
                let index = Int(id)
                if index == listedIn.count {
                    listedIn.append(sectionSerial)
                } else if listedIn[index] != sectionSerial {
                    listedIn[index] = sectionSerial
                } else {
                    continue
                }
                sectionWords.append(id)
            }
        }

        /// Ends the current section, keeping it unless it is an untitled one after the intro.
        mutating func finishSection() {
            // The intro is kept even when empty: a match on the page title leads to the page's top.
            if sections.isEmpty || !title.isEmpty {
                // A copy of exactly its size: growing a new list for every section reallocated it a
                // few times over, and the lists live until the index is built. Copied through its buffer:
                // `Array(sectionWords)` would share the buffer and its spare room (a kilobyte a section,
                // 90 MiB at 10,000 pages), and `removeAll(keepingCapacity:)` below would then allocate
                // the next section's spare room anew.
                let words = sectionWords.withUnsafeBufferPointer { Array($0) }
                sections.append(Section(title: title, anchor: anchor, excerpt: excerpt.isEmpty ? tableExcerpt : excerpt, words: words))
            }
            // A dropped section's serial is not reused, so its words are listed again in the next one.
            sectionSerial += 1
            sectionWords.removeAll(keepingCapacity: true)
            title = ""
            anchor = ""
            excerpt = ""
            excerptIsFull = false
            tableExcerpt = ""
        }

        /// Runs of whitespace (including newlines and non-breaking spaces) become one space.
        static func collapsed(_ text: String) -> String {
            var text = text
            // ASCII text (most of it) is collapsed byte by byte; Character-wise splitting was a tenth of a big build.
            let ascii: String? = text.withUTF8 { bytes in
                guard SearchTokenizer.isASCII(bytes) else { return nil }
                var collapsed: [UInt8] = []
                collapsed.reserveCapacity(bytes.count)
                appendCollapsedASCII(bytes, to: &collapsed, limit: bytes.count)
                return String(decoding: collapsed, as: UTF8.self)
            }
            return ascii ?? text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }

        /// Appends the ASCII `text` with runs of whitespace made one space and none at either end,
        /// stopping after `limit` bytes of it.
        static func appendCollapsedASCII(_ text: UnsafeBufferPointer<UInt8>, to result: inout [UInt8], limit: Int) {
            var written = 0
            var pendingSpace = false
            for byte in text {
                guard written < limit else { return }
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = written > 0
                } else {
                    if pendingSpace {
                        result.append(0x20)
                        written += 1
                        pendingSpace = false
                        guard written < limit else { return }
                    }
                    result.append(byte)
                    written += 1
                }
            }
        }

        /// Whether every character of `text` is one byte: ASCII without "\r" ("\r\n" is one character).
        static func hasOneByteCharacters(_ text: String) -> Bool {
            text.utf8.allSatisfy { $0 < 0x80 && $0 != 0x0D }
        }

        /// At most `length` characters, cut after a whole word, with an ellipsis.
        static func shortened(_ text: String, to length: Int) -> String {
            if hasOneByteCharacters(text) { return shortenedOneByte(Array(text.utf8), to: length) }
            var cut = text.prefix(length)
            if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > length / 2 {
                cut = cut[..<space]
            }
            while let last = cut.last, last.isPunctuation || last.isWhitespace { cut = cut.dropLast() }
            return cut + "…"
        }

        /// `shortened` for text whose characters are single bytes.
        static func shortenedOneByte(_ text: [UInt8], to length: Int) -> String {
            var end = min(length, text.count)
            if let space = text[..<end].lastIndex(of: UInt8(ascii: " ")), space > length / 2 {
                end = space
            }
            while end > 0, isASCIIPunctuationOrWhitespace[Int(text[end - 1])] { end -= 1 }
            return String(decoding: text[..<end], as: UTF8.self) + "…"
        }

        /// Per ASCII byte, whether its character `isPunctuation` or `isWhitespace`, as `shortened` trims.
        static let isASCIIPunctuationOrWhitespace: [Bool] = (0..<128).map { byte in
            let character = Character(Unicode.Scalar(UInt8(byte)))
            return character.isPunctuation || character.isWhitespace
        }
    }
}
