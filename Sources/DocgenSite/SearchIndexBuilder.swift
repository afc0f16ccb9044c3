import Foundation
import Synchronization

/// Builds `search-index.js`, the site's search index: a script that assigns one JSON object to
/// `window.docgenSearchIndex`, so it loads with a `<script>` tag from `file://` as well as from a
/// server (`assets/search.js` injects the tag the first time the reader goes to the search box).
///
/// Search works on sections: a page's intro (before its first heading), then each h2 and h3. To keep
/// the index small (well under a fifth of the Markdown), each section keeps its title, a short
/// excerpt and its set of distinct words, and everything is written with the vocabulary once and
/// numbers instead of words (see `SearchTextCode`):
///
/// ```text
/// {
///   "v": 1,
///   "stop": "about an and ...",     stop words: not indexed, dropped from queries
///   "words": "AaccountHsCess...",   the sorted vocabulary, front coded: a capital A-Z gives how many
///                                   leading UTF-16 code units a word shares with the one before, then the rest
///   "top": "3k!a...",               numbers (into words) of the 64 most frequent words of the texts
///   "pages": [["{Jobs on }^7z", "jobs/saga.html", 3], ...]      title (text code), path, section count
///   "sections": ",,^9k..,^4f,,..,"  per section three fields, each ended by ",": title (text code;
///                                   empty for a page's intro), anchor (empty when it is the title's
///                                   plain slug, see plainSlug), excerpt (text code); the sections
///                                   of page 0 first, then page 1...
///   "postings": "0a3,^5,,..."       per word (same order), comma separated: the sections whose text has
///                                   it but not their title, excerpt or page title (those are matched
///                                   in the browser), as gaps (section - previous - 1, from -1) in the
///                                   number code; a leading "^" lists the sections WITHOUT it instead
/// }
/// ```
struct SearchIndexBuilder: Sendable {
    /// The file's path in the site.
    static let fileName = "search-index.js"
    /// The global the script assigns.
    static let globalName = "docgenSearchIndex"
    /// The longest excerpt kept per section, in characters.
    static let excerptLength = 100
    /// The format version, for `search.js`.
    static let version = 1

    /// The pages, in the site's order.
    var pages: [SearchPage]
    /// Whether the per-page work runs on all cores; `docgen serve` rebuilds the index after an edit
    /// on one low-priority thread instead, leaving the cores to the next edit.
    var parallel = true

    /// The text of `search-index.js`.
    func script() throws -> String {
        let data = try JSONSerialization.data(withJSONObject: indexObject(), options: [.sortedKeys, .withoutEscapingSlashes])
        var script = Array("window.\(Self.globalName)=".utf8)
        script.reserveCapacity(data.count + data.count / 64 + 32)
        data.withUnsafeBytes { Self.appendScriptSafe($0.bindMemory(to: UInt8.self), to: &script) }
        script.append(contentsOf: ";\n".utf8)
        return String(decoding: script, as: UTF8.self)
    }

    /// The index as JSON-compatible values.
    func indexObject() -> [String: Any] {
        // Per page, in parallel: the words of the texts shown in results, and per section the words
        // it has beyond what the browser sees in its titles and excerpt.
        let analyses = Self.concurrentMap(pages, parallel: parallel) { page -> (textWords: [String], hidden: [[String]]) in
            var textWords = SearchTokenizer.words(page.title).map(SearchTokenizer.normalized)
            let pageWords = Set(textWords)
            var hidden: [[String]] = []
            hidden.reserveCapacity(page.sections.count)
            for section in page.sections {
                let visibleWords = (SearchTokenizer.words(section.title) + SearchTokenizer.words(section.excerpt)).map(SearchTokenizer.normalized)
                textWords += visibleWords
                let visible = pageWords.union(visibleWords)
                hidden.append(section.words.filter { !visible.contains($0) })
            }
            return (textWords, hidden)
        }
        var textCounts: [String: Int] = [:]
        var postings: [String: [Int]] = [:]
        var number = 0
        for analysis in analyses {
            for word in analysis.textWords { textCounts[word, default: 0] += 1 }
            for words in analysis.hidden {
                for word in words { postings[word, default: []].append(number) }
                number += 1
            }
        }
        let sectionCount = number
        let vocabulary = Set(postings.keys).union(textCounts.keys).sorted()
        var numbers: [String: Int] = [:]
        for (position, word) in vocabulary.enumerated() { numbers[word] = SearchTextCode.topCount + position }
        let top = textCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(SearchTextCode.topCount).map(\.key)
        var topCode = ""
        for (position, word) in top.enumerated() {
            SearchTextCode.appendNumber((numbers[word] ?? SearchTextCode.topCount) - SearchTextCode.topCount, to: &topCode)
            numbers[word] = position
        }

        let finalNumbers = numbers
        let encoded = Self.concurrentMap(pages, parallel: parallel) { page -> (title: String, sections: String) in
            var rows = ""
            for section in page.sections {
                // Codes and heading ids never have a "," outside a literal.
                rows += SearchTextCode.encode(section.title, numbers: finalNumbers) + ","
                rows += Self.anchorField(section) + ","
                rows += SearchTextCode.encode(section.excerpt, numbers: finalNumbers) + ","
            }
            return (SearchTextCode.encode(page.title, numbers: finalNumbers), rows)
        }
        var pageRows: [[Any]] = []
        var sectionRows = ""
        for (page, code) in zip(pages, encoded) {
            pageRows.append([code.title, page.path, page.sections.count])
            sectionRows += code.sections
        }
        var postingsCode: [UInt8] = []
        for (position, word) in vocabulary.enumerated() {
            if position > 0 { postingsCode.append(UInt8(ascii: ",")) }
            Self.appendPostings(postings[word] ?? [], sectionCount: sectionCount, to: &postingsCode)
        }
        return [
            "v": Self.version,
            "stop": SearchTokenizer.stopWords.joined(separator: " "),
            "words": Self.frontCoded(vocabulary),
            "top": topCode,
            "pages": pageRows,
            "sections": sectionRows,
            "postings": String(decoding: postingsCode, as: UTF8.self),
        ]
    }

    /// `map` over all cores, in order: the index of a 10,000-page site is built after every page is
    /// rendered, so whatever of it runs on one core adds straight to the build's wall time.
    static func concurrentMap<Element: Sendable, Output: Sendable>(_ elements: [Element], parallel: Bool = true, _ transform: @Sendable (Element) -> Output) -> [Output] {
        guard parallel else { return elements.map(transform) }
        let results = Mutex<[Int: [Output]]>([:])
        let chunk = 64
        let chunks = (elements.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let range = (index * chunk)..<min(elements.count, (index + 1) * chunk)
            let outputs = elements[range].map(transform)
            results.withLock { $0[index] = outputs }
        }
        return results.withLock { all in (0..<chunks).flatMap { all[$0] ?? [] } }
    }

    /// A section's anchor as the index stores it: empty when the browser can work it out from the
    /// title, else the id with `%` and `,` percent-encoded (it only ever goes into a URL fragment).
    static func anchorField(_ section: SearchPage.Section) -> String {
        if plainSlug(section.title) == section.anchor { return "" }
        return section.anchor.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: ",", with: "%2C")
    }

    /// The slug `search.js` computes for an ASCII title, or nil for other titles (their anchors are stored).
    static func plainSlug(_ title: String) -> String? {
        guard title.unicodeScalars.allSatisfy(\.isASCII) else { return nil }
        var slug = ""
        for character in title.lowercased() {
            if character == " " {
                slug.append("-")
            } else if character == "-" || character == "_" || ("a"..."z").contains(character) || ("0"..."9").contains(character) {
                slug.append(character)
            }
        }
        return slug
    }

    /// Sorted words, each as a capital letter (shared prefix length with the previous word, 0 to 25,
    /// in UTF-16 code units) and the rest. Index words are lowercase, so capitals cannot occur in them.
    static func frontCoded(_ words: [String]) -> String {
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

    /// Appends the gap code of an ascending list of section numbers, or of its complement when that is shorter.
    static func appendPostings(_ sections: [Int], sectionCount: Int, to result: inout [UInt8]) {
        let start = result.count
        appendGaps(sections, to: &result)
        guard sections.count * 2 > sectionCount else { return }
        var complement: [UInt8] = [UInt8(ascii: "^")]
        var previous = -1
        var next = 0
        for section in sections + [sectionCount] {
            while next < section {
                SearchTextCode.appendNumber(next - previous - 1, to: &complement)
                previous = next
                next += 1
            }
            next = section + 1
        }
        // Codes are ASCII, so bytes count characters.
        if complement.count < result.count - start {
            result.removeSubrange(start...)
            result.append(contentsOf: complement)
        }
    }

    static func appendGaps(_ sections: [Int], to result: inout [UInt8]) {
        var previous = -1
        for section in sections {
            SearchTextCode.appendNumber(section - previous - 1, to: &result)
            previous = section
        }
    }

    /// Appends the UTF-8 `json` made safe anywhere a script is: no `<`, `>` or `&` (so `</script>` or
    /// `<!--` in a title cannot end or comment out an inline copy) and no raw U+2028/U+2029 (line ends
    /// in older JavaScript; E2 80 A8 and E2 80 A9 in UTF-8).
    static func appendScriptSafe(_ json: UnsafeBufferPointer<UInt8>, to result: inout [UInt8]) {
        result.reserveCapacity(result.count + json.count)
        var position = 0
        while position < json.count {
            let byte = json[position]
            switch byte {
            case UInt8(ascii: "<"): result.append(contentsOf: "\\u003c".utf8)
            case UInt8(ascii: ">"): result.append(contentsOf: "\\u003e".utf8)
            case UInt8(ascii: "&"): result.append(contentsOf: "\\u0026".utf8)
            case 0xE2 where position + 2 < json.count && json[position + 1] == 0x80 && (json[position + 2] == 0xA8 || json[position + 2] == 0xA9):
                result.append(contentsOf: (json[position + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                position += 3
                continue
            default: result.append(byte)
            }
            position += 1
        }
    }
}
