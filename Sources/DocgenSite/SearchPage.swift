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

    /// Extracts the sections of the page `title` at `path` with the body `root`, keeping excerpts of
    /// at most `excerptLength` characters.
    init(title: String, path: String, root: MarkdownNode, excerptLength: Int = SearchIndexBuilder.excerptLength) {
        self.title = title
        self.path = path
        var collector = Collector(excerptLength: excerptLength)
        for child in root.children { collector.visit(child) }
        collector.finishSection()
        sections = collector.sections
        words = collector.words
    }

    /// Walks the block tree, starting a section at each h2 and h3.
    private struct Collector {
        let excerptLength: Int
        var sections: [Section] = []
        var title = ""
        var anchor = ""
        var excerpt = ""
        var excerptIsFull = false
        var tableExcerpt = ""
        var words = SearchWordSet(capacity: 256)
        /// The current section's words, each once.
        var sectionWords: [Int32] = []
        /// Per word, the last section (counting dropped ones, see `finishSection`) it was listed in, plus one.
        var listedIn: [Int32] = []
        var sectionSerial: Int32 = 1
        /// The words just inserted, repeats kept.
        var found: [Int32] = []

        init(excerptLength: Int) {
            self.excerptLength = excerptLength
        }

        mutating func visit(_ node: MarkdownNode) {
            switch node.kind {
            case .heading(let level, let id) where level == 2 || level == 3:
                finishSection()
                title = Self.collapsed(node.plainText)
                if title.isEmpty { title = id }
                anchor = id
            case .heading:
                // Other headings add their words; as excerpt text they would read as run-on sentences.
                addIndexWords(of: node.plainText)
            case .paragraph:
                addProse(node.plainText)
            case .table:
                // Table cells read badly as a snippet: they are the excerpt only when nothing else is.
                var cells: [String] = []
                node.forEach { cell in
                    if case .tableCell = cell.kind {
                        let text = Self.collapsed(cell.plainText)
                        if !text.isEmpty { cells.append(text) }
                    }
                }
                for cell in cells { addIndexWords(of: cell) }
                if tableExcerpt.isEmpty, !cells.isEmpty {
                    tableExcerpt = Self.shortened(cells.joined(separator: ", "), to: excerptLength)
                }
            case .codeBlock, .htmlBlock, .footnoteDefinition, .thematicBreak:
                break
            default:
                for child in node.children { visit(child) }
            }
        }

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

        mutating func addIndexWords(of text: String) {
            found.removeAll(keepingCapacity: true)
            SearchTokenizer.insertIndexWords(of: text, into: &words, found: &found)
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

        mutating func finishSection() {
            // The intro is kept even when empty: a match on the page title leads to the page's top.
            if sections.isEmpty || !title.isEmpty {
                sections.append(Section(title: title, anchor: anchor, excerpt: excerpt.isEmpty ? tableExcerpt : excerpt, words: sectionWords))
            }
            // A dropped section's serial is not reused, so its words are listed again in the next one.
            sectionSerial += 1
            sectionWords = []
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
                guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
                return String(unsafeUninitializedCapacity: bytes.count) { result in
                    var count = 0
                    var pendingSpace = false
                    for byte in bytes {
                        if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                            pendingSpace = count > 0
                        } else {
                            if pendingSpace {
                                result[count] = 0x20
                                count += 1
                                pendingSpace = false
                            }
                            result[count] = byte
                            count += 1
                        }
                    }
                    return count
                }
            }
            return ascii ?? text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
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
