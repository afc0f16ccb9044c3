import DocgenMarkdown
@testable import DocgenSite
import Testing

/// The byte-level fast paths of the search code against the string code they stand for: a page's
/// sections against a walk by `plainText`, whitespace collapsing and `indexWords`; word keys and
/// their order against `String`; number codes against the division by division version.
@Suite("Search fast paths")
struct SearchFastPathTests {
    static let pages: [String] = [
        "Plain paragraph with words, jobs and JOBS.\n\n## Next\n\nMore text here.\n",
        // Words that run across inline nodes: emphasis, code spans, links, footnote references.
        "Run**on**words and `code`spans join, [link]text too, note[^1]after.\n\n[^1]: The footnote.\n",
        "A soft\nbreak and a hard  \nbreak, <span>html</span>inline and <b>tags</b>.\n",
        // Excerpt lengths around the limit (100 characters), in one paragraph and across two.
        String(repeating: "a", count: 99) + "\n",
        String(repeating: "b", count: 100) + "\n",
        String(repeating: "c", count: 101) + "\n",
        String(repeating: "word ", count: 19) + "end\n\nsecond paragraph\n",
        String(repeating: "d", count: 49) + "\n\n" + String(repeating: "e", count: 50) + "\n\nthird\n",
        String(repeating: "f", count: 50) + "\n\n" + String(repeating: "g", count: 49) + "\n\n" + "h\n",
        "Cut after punctuation!!! (and brackets) [and more] {and braces}... then goes on and on to pass the limit of it all\n",
        "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordthatcannotbecutatanyspaceatall, then words\n",
        // Whitespace: tabs, runs of spaces, carriage returns, an only-whitespace paragraph.
        "Tabs\tand  double   spaces\r\ncollapse, and the paragraph runs on long enough that the excerpt must be shortened at a word end.\n",
        "&#32;&#9;\n\nreal text after blank\n",
        // Non-ASCII: in the first paragraph, after an ASCII one, in a code span, as whitespace.
        "Ünïcödé paragraph that is long enough to be cut: it keeps going with wörds, commas, and more words until it passes the limit.\n",
        "ASCII first paragraph that is long enough to fill the excerpt all by itself, and then some more.\n\nnaïve café Straße İstanbul ΣΊΣΥΦΟΣ\n",
        "short\n\nnaïve second\n\nthird plain one\n",
        "non&nbsp;breaking&#x2003;em space and `naïve code` and e\u{301}cole, e &#x301;x\n",
        "emoji 🚀 rockets and 数字 和 words … with an ellipsis\n",
        // Headings: h1 and h4 add words only; h2 and h3 start sections; an empty one is dropped.
        "# Title words\n\nintro\n\n## Section *one*\n\ntext one\n\n#### Deep heading words\n\n### Three\n\ntext three\n\n## \n\norphan text\n",
        "## Ünïcode heading\n\nbody\n\n##   spaced    heading  \n\nbody two\n",
        // Tables: the excerpt only when nothing else is; empty cells; non-ASCII cells.
        "| Name | Value |\n| --- | --- |\n| alpha | 1 |\n| beta gamma |  |\n| naïve | `code` |\n",
        "Prose first.\n\n| A | B |\n| - | - |\n| tablewords | more |\n",
        "| Only | Table |\n| - | - |\n| " + String(repeating: "x ", count: 60) + " | y |\n\n## After\n\n| c | d |\n| - | - |\n| e | f |\n",
        // Blocks that are skipped and blocks that are walked into.
        "```\ncode block words\n```\n\n<div>html block</div>\n\n---\n\n> quoted words\n\n- item one\n- item **two**\n  - nested item\n",
        "- [ ] task item\n- [x] done item\n\n1. ordered\n2. list\n",
        "> [!NOTE]\n> alert words inside\n",
        "",
    ]

    @Test("a page's sections are those of the walk by plainText strings", arguments: pages)
    func sectionsMatchReference(markdown: String) {
        var tree = CmarkParser.parse(markdown)
        HeadingIDTransform.apply(&tree)
        let page = SearchPage(title: "T", path: "t.html", tree: tree)
        let expected = ReferenceSections(tree: tree).sections
        #expect(page.sections.map(\.title) == expected.map(\.title))
        #expect(page.sections.map(\.anchor) == expected.map(\.anchor))
        #expect(page.sections.map(\.excerpt) == expected.map(\.excerpt))
        #expect(page.sections.map { $0.words.map(page.words.word) } == expected.map(\.words))
    }

    @Test("the same without heading ids, so untitled sections are dropped", arguments: pages)
    func sectionsWithoutIDsMatchReference(markdown: String) {
        let tree = CmarkParser.parse(markdown)
        let page = SearchPage(title: "T", path: "t.html", tree: tree)
        let expected = ReferenceSections(tree: tree).sections
        #expect(page.sections.map(\.title) == expected.map(\.title))
        #expect(page.sections.map(\.excerpt) == expected.map(\.excerpt))
        #expect(page.sections.map { $0.words.map(page.words.word) } == expected.map(\.words))
    }

    static let keyWords: [String] = [
        "", "a", "ab", "abc", "abcdefg", "abcdefgh", "abcdefghi", "abcdefgi", "abcdefgh0", "abcdefghij", "b", "ba",
        "zzzzzzzz", "zzzzzzzzz", "0", "00", "09", "9", "abcdefghabcdefgh", "abcdefghabcdefgi", "abcdefghabcdefgha",
        String(repeating: "k", count: 40), String(repeating: "k", count: 41), "a-b", "a b", "~", "\u{7F}",
        "é", "e\u{301}", "naïve", "naïvety", "zz", "straße", "strasse",
    ]

    @Test("words with keys keep their numbers, and sort as String sorts them")
    func keysAndOrder() {
        var set = SearchWordSet(capacity: 1)
        var reference: [String: Int32] = [:]
        for word in Self.keyWords + Self.keyWords.reversed() {
            let id = set.insert(word)
            let known = reference[word] ?? Int32(reference.count)
            #expect(id == known, "\(word)")
            reference[word] = known
        }
        for (word, id) in reference {
            #expect(set.word(id) == word || word == "e\u{301}")
            #expect(set.id(of: word) == id || word == "e\u{301}")
        }
        let ids = Array(reference.values)
        for first in ids {
            for second in ids {
                #expect(set.precedes(first, second) == (set.word(first) < set.word(second)), "\(set.word(first)) \(set.word(second))")
            }
        }
    }

    @Test("a word copied from another set keeps its spelling", arguments: keyWords)
    func insertFromOtherSet(word: String) {
        var source = SearchWordSet(capacity: 1)
        for filler in ["x", "yy", "zzzzzzzzzz"] { source.insert(filler) }
        let id = source.insert(word)
        var target = SearchWordSet(capacity: 1)
        target.insert("first")
        let copied = target.insert(id, of: source)
        #expect(target.word(copied) == source.word(id))
        #expect(target.insert(word) == copied)
        #expect(target.insert(id, of: source) == copied)
    }

    @Test("capitals are folded in a key and in a lookup", arguments: ["ABC", "AbcDefGh", "ABCDEFGHIJKL", "Q9", "@[`{"])
    func lowercasingKeys(word: String) {
        var set = SearchWordSet()
        let inserted = Array(word.utf8).withUnsafeBufferPointer { set.insertASCII(lowercasing: $0[...]) }
        #expect(set.word(inserted) == word.lowercased())
        #expect(set.id(of: word.lowercased()) == inserted)
        #expect(SearchWordSet.asciiKey(lowercasing: word.utf8) == SearchWordSet.asciiKey(lowercasing: word.lowercased().utf8))
    }

    @Test("a word read as one integer has the key of its bytes packed one by one",
          arguments: ["", "a", "Ab", "ABCDEFGH", "abcdefgh", "Zz09", "@[`{\u{7F}", "AZaz", "xyzXYZ12", "abcdefghi"])
    func loadedKeys(word: String) {
        // The word at every offset of a buffer, so some keys are loaded and the last ones near the end are not.
        for padding in 0..<10 {
            let buffer = Array(String(repeating: "Q", count: padding).utf8) + Array(word.utf8) + Array("É~".utf8).prefix(padding % 3)
            buffer.withUnsafeBufferPointer { buffer in
                let slice = buffer[padding..<(padding + word.utf8.count)]
                #expect(SearchWordSet.asciiKey(lowercasing: slice) == SearchWordSet.asciiKey(lowercasing: Array(slice)), "\(word) after \(padding)")
            }
        }
    }

    @Test("text words counted against a page's set number as inserting into a copy of it would",
          arguments: SearchIndexPartsTests.sampleTexts + ["the page's words and THE others, jobs JOBS job", "naïve NAÏVE café the"])
    func textWordsAgainstKnownSet(text: String) {
        var known = SearchWordSet(capacity: 4)
        var scratch: [Int32] = []
        SearchTokenizer.insertIndexWords(of: "page words jobs naïve " + text.prefix(20), into: &known, found: &scratch)
        var copy = known
        let expected = SearchTokenizer.words(text).map { copy.insert(SearchTokenizer.normalized($0)) }
        var others = SearchWordSet(capacity: 1)
        var found: [Int32] = []
        SearchTokenizer.insertTextWords(of: text, knownIn: known, others: &others, found: &found)
        #expect(found == expected)
        #expect(known.count + others.count == copy.count)
        for id in found {
            let word = id < known.count ? known.word(id) : others.word(id - Int32(known.count))
            #expect(word == copy.word(id))
        }
    }

    @Test("the tokenizer's stop-word length constant is that of the longest stop word")
    func longestStopWord() {
        #expect(SearchTokenizer.longestStopWordLength == SearchTokenizer.stopWords.map(\.utf8.count).max())
    }

    @Test("number codes are those of the division by division version",
          arguments: [0, 1, 63, 64, 65, 127, 1023, 1024, 1025, 4095, 4096, 65_535, 65_536, 1 << 20, (1 << 26) - 1, 1 << 26, 123_456_789, Int(Int32.max)])
    func numberCodes(value: Int) {
        var bytes: [UInt8] = []
        SearchTextCode.appendNumber(value, to: &bytes)
        var text = ""
        SearchTextCode.appendNumber(value, to: &text)
        #expect(String(decoding: bytes, as: UTF8.self) == Self.numberCodeByDivision(value))
        #expect(text == Self.numberCodeByDivision(value))
        #expect(SearchTextCode.digits.count == 64 && SearchTextCode.continuation.count == 16)
    }

    /// The number code as it was first written, by division.
    static func numberCodeByDivision(_ value: Int) -> String {
        let digits = SearchTextCode.digits, continuation = SearchTextCode.continuation
        var result: [UInt8] = []
        let high = value / digits.count
        if high > 0 {
            var divisor = 1
            while divisor <= high / continuation.count { divisor *= continuation.count }
            while divisor > 0 {
                result.append(continuation[(high / divisor) % continuation.count])
                divisor /= continuation.count
            }
        }
        result.append(digits[value % digits.count])
        return String(decoding: result, as: UTF8.self)
    }

    @Test("ASCII-with-ellipses is true exactly when the only character beyond ASCII is …",
          arguments: ["", "plain", "cut here…", "…", "a…b…", "naïve…", "\u{2025}", "\u{2027}", "\u{2026}\u{301}", "x\u{E2}", "€"])
    func ellipses(text: String) {
        var text = text
        let fast = text.withUTF8 { SearchTokenizer.isASCIIWithEllipses($0) }
        #expect(fast == text.unicodeScalars.allSatisfy { $0.isASCII || $0 == "\u{2026}" })
    }

    @Test("excerpt codes with an ellipsis match the general encoder", arguments: ["Jobs run here…", "GPUs, CPUs. More…", "A … B", "naïve…"])
    func encodeWithEllipsis(text: String) {
        var words = SearchWordSet()
        for word in ["job", "run", "here", "gpu", "cpu", "more", "a", "b", "naïve"] { words.insert(word) }
        let numbers = SearchWordNumbers(words: words, numbers: (0..<words.count).map { 64 + $0 })
        var bytes: [UInt8] = []
        SearchTextCode.encode(text, numbers: numbers, to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == SearchTextCode.encode(text, numbers: numbers))
    }
}

/// A page's sections as `SearchPage` first worked them out: a string per node's `plainText`,
/// whitespace collapsed by `Character`, words by `SearchTokenizer.indexWords`, excerpts cut by
/// characters.
private struct ReferenceSections {
    /// One section, its words in the order they first came.
    struct Section {
        var title: String
        var anchor: String
        var excerpt: String
        var words: [String]
    }

    var sections: [Section] = []
    private var title = ""
    private var anchor = ""
    private var excerpt = ""
    private var excerptIsFull = false
    private var tableExcerpt = ""
    private var words: [String] = []
    private let length = SearchIndexBuilder.excerptLength

    private let tree: MarkdownTree

    /// The sections of the page whose body is `tree`.
    init(tree: MarkdownTree) {
        self.tree = tree
        for child in tree.children(of: MarkdownTree.root) { visit(child) }
        finish()
    }

    private mutating func visit(_ node: Int) {
        switch tree[node].kind {
        case .heading(let level, let id) where level == 2 || level == 3:
            finish()
            title = Self.collapsed(tree.plainText(of: node))
            if title.isEmpty { title = id }
            anchor = id
        case .heading:
            add(words: tree.plainText(of: node))
        case .paragraph:
            let clean = Self.collapsed(tree.plainText(of: node))
            guard !clean.isEmpty else { return }
            add(words: clean)
            guard !excerptIsFull else { return }
            excerpt += (excerpt.isEmpty ? "" : " ") + clean
            if excerpt.count > length {
                excerpt = SearchIndexPartsTests.shortenedByCharacters(excerpt, to: length)
                excerptIsFull = true
            }
        case .table:
            var cells: [String] = []
            for cell in node..<(node + tree[node].subtreeSize) {
                if case .tableCell = tree[cell].kind {
                    let text = Self.collapsed(tree.plainText(of: cell))
                    if !text.isEmpty { cells.append(text) }
                }
            }
            for cell in cells { add(words: cell) }
            if tableExcerpt.isEmpty, !cells.isEmpty {
                tableExcerpt = SearchIndexPartsTests.shortenedByCharacters(cells.joined(separator: ", "), to: length)
            }
        case .codeBlock, .htmlBlock, .footnoteDefinition, .thematicBreak:
            break
        default:
            for child in tree.children(of: node) { visit(child) }
        }
    }

    private mutating func add(words text: String) {
        for word in SearchTokenizer.indexWords(text) where !words.contains(word) { words.append(word) }
    }

    private mutating func finish() {
        if sections.isEmpty || !title.isEmpty {
            sections.append(Section(title: title, anchor: anchor, excerpt: excerpt.isEmpty ? tableExcerpt : excerpt, words: words))
        }
        words = []
        title = ""
        anchor = ""
        excerpt = ""
        excerptIsFull = false
        tableExcerpt = ""
    }

    /// Runs of whitespace become one space, by `Character`.
    static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// The tokenizer's 64-byte blocks against `words`, on texts whose words cross block and chunk edges.
@Suite("Search tokenizer blocks")
struct SearchTokenizerBlockTests {
    /// Pseudo-random texts of every length up to 200 bytes, from a small alphabet of word bytes,
    /// separators and characters beyond ASCII that are never part of a word.
    static let texts: [String] = {
        let pieces = ["a", "Z", "9", "s", "0", " ", " ", "-", "\t", "…", "@", "[", "`", "{", "/", ":", "\u{7F}", "\u{1}"]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        return (0...200).map { length in
            var text = ""
            while text.utf8.count < length {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                text += pieces[Int(state >> 33) % pieces.count]
            }
            return text
        } + [String(repeating: "w", count: 64), String(repeating: "w", count: 65), String(repeating: "ab ", count: 43), " " + String(repeating: "x", count: 127)]
    }()

    @Test("index words and text words are those of words, at every length", arguments: texts)
    func blocksMatchWords(text: String) {
        var set = SearchWordSet(capacity: 4)
        var found: [Int32] = []
        SearchTokenizer.insertIndexWords(of: text, into: &set, found: &found)
        #expect(found.map(set.word) == SearchTokenizer.indexWords(text))
        found.removeAll()
        SearchTokenizer.insertTextWords(of: text, knownIn: SearchWordSet(), others: &set, found: &found)
        #expect(found.map(set.word) == SearchTokenizer.words(text).map(SearchTokenizer.normalized))
    }
}
