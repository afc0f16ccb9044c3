import DocgenMarkdown
@testable import DocgenSite
import Foundation
import Testing

/// The byte-level parts of the search index against the Foundation and `String` code they replace:
/// the script writer against `JSONSerialization`, the word set against `Set<String>`, the
/// tokenizer's byte paths against `indexWords` and `words`, excerpts and front coding against
/// character-by-character versions.
@Suite("Search index parts")
struct SearchIndexPartsTests {
    static let trickyStrings: [String] = [
        "", "plain", "quote \" and backslash \\ and slash / and //", "</script><!-- & -->",
        String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{7F}",
        "line\u{2028}separator\u{2029}paragraph", "naïve Ærlig İstanbul Straße", "e\u{301} vs é",
        "emoji 🚀👩‍👩‍👧 flags 🇳🇴", "\u{FEFF}bom \u{FFFF} \u{10FFFF}", "\u{E2}\u{80} lookalike bytes",
        "{a}} x, GPUs JOBS Jobs 50%… “quoted” – dash",
    ]

    @Test("a string is written as JSONSerialization writes it, then made script-safe", arguments: trickyStrings)
    func stringMatchesJSONSerialization(text: String) throws {
        var writer = SearchScriptWriter()
        writer.appendRaw("[")
        writer.appendString(text)
        writer.appendRaw(",")
        writer.appendInt(42)
        writer.appendRaw("]")
        let json = try JSONSerialization.data(withJSONObject: [text, 42] as [Any], options: [.sortedKeys, .withoutEscapingSlashes])
        #expect(String(decoding: writer.bytes, as: UTF8.self) == Self.scriptSafe(json))
    }

    @Test("every ASCII character and the line separators, in one string")
    func allASCII() throws {
        let text = String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }) + "\u{2028}\u{2029}"
        var writer = SearchScriptWriter()
        writer.appendString(text)
        let json = try JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        // The reference is an array; drop its brackets.
        #expect("[" + String(decoding: writer.bytes, as: UTF8.self) + "]" == Self.scriptSafe(json))
    }

    /// What `search-index.js` did with `JSONSerialization`'s output: `<`, `>`, `&` and raw U+2028
    /// and U+2029 become `\u` escapes.
    static func scriptSafe(_ json: Data) -> String {
        var result = ""
        for scalar in String(decoding: json, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static let sampleTexts: [String] = [
        "Submit jobs with sbatch; the queue holds JOBS and Jobs until resources are free.",
        "Process processes GPUs gpus SBATCH 12345 1234 2024-01-05 a b c x1 ab abs bus buss",
        "--mem-per-cpu=4G $USERWORK /cluster/projects/nn1234k because between should",
        String(repeating: "x", count: 40) + " " + String(repeating: "y", count: 41) + " " + String(repeating: "zs", count: 20),
        "Shortened excerpt with an ellipsis at the end…",
        "“Quoted” text – with dashes — and ‘marks’ … plus €5 and 5 ℃",
        "naïve İstanbul Straße ÆRLIG talt ΣΊΣΥΦΟΣ ﬁle Ⓐ circled \u{212A}elvin",
        "e\u{301}cole and école, cafe\u{301}s and cafés",
        "emoji 🚀 rockets and 数字 和 words",
        "",
    ]

    @Test("index words go into the set as indexWords lists them", arguments: sampleTexts)
    func indexWordsMatch(text: String) {
        var set = SearchWordSet(capacity: 4)
        var found: [Int32] = []
        SearchTokenizer.insertIndexWords(of: text, into: &set, found: &found)
        let expected = SearchTokenizer.indexWords(text)
        #expect(found.map(set.word) == expected)
        #expect(Set(found.map(set.word)) == Set(expected))
    }

    @Test("text words go into the set as words then normalized list them", arguments: sampleTexts)
    func textWordsMatch(text: String) {
        var set = SearchWordSet(capacity: 4)
        var found: [Int32] = []
        SearchTokenizer.insertTextWords(of: text, knownIn: SearchWordSet(), others: &set, found: &found)
        #expect(found.map(set.word) == SearchTokenizer.words(text).map(SearchTokenizer.normalized))
    }

    @Test("every stop word fits the tokenizer's packed keys")
    func stopWordsAreShort() {
        #expect(SearchTokenizer.stopWords.allSatisfy { $0.utf8.count <= 8 })
    }

    @Test("the word set numbers words as a Set<String> tells them apart, and grows")
    func wordSet() {
        var set = SearchWordSet(capacity: 1)
        let words = (0..<5000).map { "w\($0)x" } + ["é", "e\u{301}", "straße", "strasse", "ab", "AB".lowercased()]
        var reference: [String: Int32] = [:]
        for word in words {
            let id = set.insert(word)
            if let known = reference[word] {
                #expect(id == known, "\(word)")
            } else {
                #expect(id == Int32(reference.count), "\(word)")
                reference[word] = id
            }
        }
        #expect(set.count == reference.count)
        #expect(set.id(of: "e\u{301}") == set.id(of: "é"))
        #expect(set.id(of: "missing") == nil)
        let lookup = Array("W17X".utf8).withUnsafeBufferPointer { set.id(lowercasing: $0[...]) }
        #expect(lookup == set.id(of: "w17x"))
        for (word, id) in reference { #expect(set.word(id) == word || set.word(id) == "é") }
        let sample: [Int32] = [0, 1, 2, 10, 100, 4999, 5000, 5001, 5002, 5003]
        for first in sample {
            for second in sample {
                #expect(set.precedes(first, second) == (set.word(first) < set.word(second)))
            }
        }
    }

    @Test("front coding on bytes matches front coding by Unicode scalars")
    func frontCoding() {
        let words = ["a", "ab", "abc", "abd", String(repeating: "k", count: 30), String(repeating: "k", count: 31) + "z",
                     "naïve", "naïvety", "naïveté", "zz🚀a", "zz🚀b", String(repeating: "🚀", count: 14), String(repeating: "🚀", count: 15),
                     "数字", "数学", "é", "e\u{301}x"].sorted()
        let bytes = SearchIndexBuilder.frontCoded(words.map { Array($0.utf8) })
        #expect(String(decoding: bytes, as: UTF8.self) == Self.frontCodedByScalars(words))
    }

    /// The front coding as it was first written, by Unicode scalars.
    static func frontCodedByScalars(_ words: [String]) -> String {
        var result = ""
        var previous: [Unicode.Scalar] = []
        for word in words {
            let scalars = Array(word.unicodeScalars)
            var shared = 0, sharedUTF16 = 0
            while shared < scalars.count, shared < previous.count, scalars[shared] == previous[shared],
                  sharedUTF16 + scalars[shared].utf16.count <= 25 {
                sharedUTF16 += scalars[shared].utf16.count
                shared += 1
            }
            result.unicodeScalars.append(Unicode.Scalar(UInt8(65 + sharedUTF16)))
            result.unicodeScalars.append(contentsOf: scalars[shared...])
            previous = scalars
        }
        return result
    }

    static let paragraphs: [String] = [
        "Short one.",
        "A paragraph that is long enough to be cut: it keeps going with words, commas, and more words until it passes the limit.",
        "A paragraph whose cut lands right after punctuation!!! (and brackets) [and more] {and braces}... then goes on and on to pass the limit",
        "Averyveryveryveryveryveryveryveryveryveryveryveryveryveryveryverylongwordthatcannotbecutatanyspaceatall, then words",
        "Ünïcödé paragraph that is long enough to be cut: it keeps going with wörds, commas, and more words until it passes the limit.",
        "Tabs\tand  double   spaces collapse, and the paragraph runs on long enough that the excerpt must be shortened at a word end.",
    ]

    @Test("a section's excerpt and words are those of its text", arguments: paragraphs)
    func excerpt(paragraph: String) {
        let page = SearchPage(title: "T", path: "t.html", tree: CmarkParser.parse(paragraph + "\n\n" + paragraph + "\n"))
        let section = page.sections[0]
        let collapsed = paragraph.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let joined = collapsed + " " + collapsed
        let length = SearchIndexBuilder.excerptLength
        let expected = collapsed.count > length ? Self.shortenedByCharacters(collapsed, to: length)
            : joined.count > length ? Self.shortenedByCharacters(joined, to: length) : joined
        #expect(section.excerpt == expected)
        #expect(Set(section.words.map(page.words.word)) == Set(SearchTokenizer.indexWords(paragraph)))
        #expect(section.words.count == Set(section.words).count, "a section lists each word once")
    }

    /// `shortened` as it was first written, by characters.
    static func shortenedByCharacters(_ text: String, to length: Int) -> String {
        var cut = text.prefix(length)
        if let space = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: space) > length / 2 {
            cut = cut[..<space]
        }
        while let last = cut.last, last.isPunctuation || last.isWhitespace { cut = cut.dropLast() }
        return cut + "…"
    }

    @Test("each section lists its own words, also those an earlier section had")
    func sectionWords() {
        let markdown = "Intro alpha words.\n\n## First\n\nalpha beta gamma alpha\n\n#### Deeper beta\n\n## Second\n\nbeta delta\n"
        let page = SearchPage(title: "T", path: "t.html", tree: CmarkParser.parse(markdown))
        let words = page.sections.map { Set($0.words.map(page.words.word)) }
        #expect(words == [["intro", "alpha", "word"], ["alpha", "beta", "gamma", "deeper"], ["beta", "delta"]])
    }

    /// Every page's sections and words live until the index is built: spare room in their lists
    /// is kept for every page of the site (a kilobyte a section once, 90 MiB at 10,000 pages).
    @Test("a page keeps its section word lists without spare room")
    func sectionListsAreCompact() {
        let sections = (1...12).map { "## Part \($0)\n\nword\($0) shared text here\n" }.joined(separator: "\n")
        let page = SearchPage(title: "T", path: "t.html", tree: CmarkParser.parse("Intro.\n\n" + sections))
        #expect(page.sections.count == 13)
        for section in page.sections {
            #expect(section.words.capacity < 2 * section.words.count + 8, "\(section.title): \(section.words.count) words, room for \(section.words.capacity)")
        }
    }
}
