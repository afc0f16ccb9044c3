import DocgenCore
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

    /// How many pages' words are worked out before they are added to the site's vocabulary.
    static let analysisBatch = 1024

    /// The pages, in the site's order.
    var pages: [SearchPage]
    /// Whether the per-page work runs on all cores; `docgen serve` rebuilds the index after an edit
    /// on one low-priority thread instead, leaving the cores to the next edit.
    var parallel = true

    /// The text of `search-index.js`.
    func script() throws -> String {
        var site = SiteWords()
        // Per page, in parallel: the words of the texts shown in results, and per section the words
        // it has beyond what the browser sees in its titles and excerpt. A batch of pages at a
        // time: every page's word sets at once were the build's peak memory
        // (about 100 MB of a 10,000-page site's 500).
        for batchStart in stride(from: 0, to: pages.count, by: Self.analysisBatch) {
            let batch = pages[batchStart..<min(pages.count, batchStart + Self.analysisBatch)]
            for analysis in Self.concurrentMap(batch, parallel: parallel, { PageWords(page: $0) }) { site.add(analysis) }
        }
        let vocabulary = site.words, textCounts = site.textCounts, postings = site.postings
        let sectionCount = Int(site.sectionCount)
        let sortedVocabulary = (0..<Int32(vocabulary.count)).sorted { vocabulary.precedes($0, $1) }
        var ranks = [Int](repeating: 0, count: vocabulary.count)
        for (rank, id) in sortedVocabulary.enumerated() { ranks[Int(id)] = rank }
        var numbers = ranks.map { SearchTextCode.topCount + $0 }
        let top = sortedVocabulary.filter { textCounts[Int($0)] > 0 }
            .sorted { textCounts[Int($0)] != textCounts[Int($1)] ? textCounts[Int($0)] > textCounts[Int($1)] : ranks[Int($0)] < ranks[Int($1)] }
            .prefix(SearchTextCode.topCount)
        var topCode: [UInt8] = []
        for (position, id) in top.enumerated() {
            SearchTextCode.appendNumber(ranks[Int(id)], to: &topCode)
            numbers[Int(id)] = position
        }

        let wordNumbers = SearchWordNumbers(words: vocabulary, numbers: numbers)
        let encoded = Self.concurrentMap(pages[...], parallel: parallel) { page -> (title: [UInt8], sections: [UInt8]) in
            var rows: [UInt8] = []
            for section in page.sections {
                // Codes and heading ids never have a "," outside a literal.
                SearchTextCode.encode(section.title, numbers: wordNumbers, to: &rows)
                rows.append(UInt8(ascii: ","))
                Self.appendAnchorField(section, to: &rows)
                rows.append(UInt8(ascii: ","))
                SearchTextCode.encode(section.excerpt, numbers: wordNumbers, to: &rows)
                rows.append(UInt8(ascii: ","))
            }
            var title: [UInt8] = []
            SearchTextCode.encode(page.title, numbers: wordNumbers, to: &title)
            return (title, rows)
        }
        var postingsCode: [UInt8] = []
        for (position, id) in sortedVocabulary.enumerated() {
            if position > 0 { postingsCode.append(UInt8(ascii: ",")) }
            Self.appendPostings(postings[Int(id)], sectionCount: sectionCount, to: &postingsCode)
        }
        let wordsCode = Self.frontCoded(sortedVocabulary.lazy.map { id in vocabulary.withBytes(of: id) { Array($0) } })

        // Keys in sorted order, as `JSONSerialization` wrote them with `.sortedKeys`.
        var writer = SearchScriptWriter(capacity: postingsCode.count + wordsCode.count + encoded.reduce(0) { $0 + $1.title.count + $1.sections.count } + pages.count * 64)
        writer.appendRaw("window.\(Self.globalName)={\"pages\":[")
        for (position, (page, code)) in zip(pages, encoded).enumerated() {
            writer.appendRaw(position == 0 ? "[" : ",[")
            code.title.withUnsafeBufferPointer { writer.appendString($0) }
            writer.appendRaw(",")
            writer.appendString(page.path)
            writer.appendRaw(",")
            writer.appendInt(page.sections.count)
            writer.appendRaw("]")
        }
        writer.appendRaw("],\"postings\":")
        postingsCode.withUnsafeBufferPointer { writer.appendString($0) }
        writer.appendRaw(",\"sections\":\"")
        for code in encoded { code.sections.withUnsafeBufferPointer { writer.appendStringContent($0) } }
        writer.appendRaw("\",\"stop\":")
        writer.appendString(SearchTokenizer.stopWords.joined(separator: " "))
        writer.appendRaw(",\"top\":")
        topCode.withUnsafeBufferPointer { writer.appendString($0) }
        writer.appendRaw(",\"v\":")
        writer.appendInt(Self.version)
        writer.appendRaw(",\"words\":")
        wordsCode.withUnsafeBufferPointer { writer.appendString($0) }
        writer.appendRaw("};\n")
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The site's vocabulary as pages are added, with per word how often the shown texts have it
    /// and the sections that list it (in order, as sections are numbered page by page). A struct
    /// rather than variables captured by a local function, which boxed them and checked every
    /// access for exclusivity at run time.
    private struct SiteWords {
        /// The words of all pages added so far.
        var words = SearchWordSet(capacity: 4096)
        /// Per word, how often the shown texts have it.
        var textCounts: [Int] = []
        /// Per word, the sections that list it, ascending.
        var postings: [[Int32]] = []
        /// How many sections the pages added so far have.
        var sectionCount: Int32 = 0
        /// Per word of the page being added, its number in `words`, or -1 when it has not joined yet.
        private var siteIDs: [Int32] = []

        /// Adds the words of one page, after those of the pages before it.
        mutating func add(_ page: PageWords) {
            siteIDs.removeAll(keepingCapacity: true)
            siteIDs.append(contentsOf: repeatElement(-1, count: page.words.count + page.textOnlyWords.count))
            for (local, count) in page.textCounts.enumerated() where count > 0 {
                textCounts[Int(siteID(of: Int32(local), in: page))] += Int(count)
            }
            for hidden in page.hidden {
                for local in hidden { postings[Int(siteID(of: local, in: page))].append(sectionCount) }
                sectionCount += 1
            }
        }

        /// The number in `words` of word `local` of `page`, adding it when it is new. Only words
        /// that are counted or listed join: a page's set may hold words of a dropped section.
        private mutating func siteID(of local: Int32, in page: PageWords) -> Int32 {
            if siteIDs[Int(local)] >= 0 { return siteIDs[Int(local)] }
            let pageCount = Int32(page.words.count)
            let id = local < pageCount ? words.insert(local, of: page.words) : words.insert(local - pageCount, of: page.textOnlyWords)
            if Int(id) == textCounts.count {
                textCounts.append(0)
                postings.append([])
            }
            siteIDs[Int(local)] = id
            return id
        }
    }

    /// What the index needs of one page beyond its texts: how often each word is in its shown texts
    /// (page title, section titles, excerpts; stop words included, as `search.js` finds words there
    /// on its own), and per section the words the browser cannot see in those texts.
    private struct PageWords: Sendable {
        /// The page's words; word numbers below its count point into it.
        var words: SearchWordSet
        /// The words of the page's texts that `words` lacks (mostly stop words and numbers),
        /// numbered from `words.count` on: a set of their own, so the page's set is not copied.
        var textOnlyWords = SearchWordSet(capacity: 16)
        /// Per word, how often the shown texts have it.
        var textCounts: [Int32]
        /// Per section, its words that are not in the page title, its title or its excerpt.
        var hidden: [[Int32]] = []
        /// Per word, where the shown texts have it: `inPageTitle` (seen by every section), else the
        /// last section whose title or excerpt has it, or `nowhere`.
        private var visibleIn: [Int32]
        /// The words of the text being counted, repeats kept.
        private var found: [Int32] = []

        /// `visibleIn` of a word of the page title.
        private static let inPageTitle: Int32 = -1
        /// `visibleIn` of a word of no shown text.
        private static let nowhere: Int32 = -2

        /// Counts the words of the texts of `page`.
        init(page: SearchPage) {
            words = page.words
            textCounts = [Int32](repeating: 0, count: words.count)
            visibleIn = [Int32](repeating: Self.nowhere, count: words.count)
            countTextWords(of: page.title, visibleIn: Self.inPageTitle)
            hidden.reserveCapacity(page.sections.count)
            for (number, section) in page.sections.enumerated() {
                let place = Int32(number)
                countTextWords(of: section.title, visibleIn: place)
                countTextWords(of: section.excerpt, visibleIn: place)
                hidden.append(section.words.filter { visibleIn[Int($0)] != Self.inPageTitle && visibleIn[Int($0)] != place })
            }
            visibleIn = []
            found = []
        }

        /// Counts the words of `text`, shown in `place` (a section's number, or `inPageTitle`).
        private mutating func countTextWords(of text: String, visibleIn place: Int32) {
            found.removeAll(keepingCapacity: true)
            SearchTokenizer.insertTextWords(of: text, knownIn: words, others: &textOnlyWords, found: &found)
            while textCounts.count < words.count + textOnlyWords.count {
                textCounts.append(0)
                visibleIn.append(Self.nowhere)
            }
            for id in found {
                textCounts[Int(id)] += 1
                if visibleIn[Int(id)] != Self.inPageTitle { visibleIn[Int(id)] = place }
            }
        }
    }

    /// `map` over all cores, in order: the index of a 10,000-page site is built after every page is
    /// rendered, so whatever of it runs on one core adds straight to the build's wall time.
    /// A slice, so a batch of pages is not copied into an array of its own first.
    static func concurrentMap<Element: Sendable, Output: Sendable>(_ elements: ArraySlice<Element>, parallel: Bool = true, _ transform: @Sendable (Element) -> Output) -> [Output] {
        guard parallel else { return elements.map(transform) }
        let results = Mutex<[Int: [Output]]>([:])
        let chunk = 64
        let chunks = (elements.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let start = elements.startIndex + index * chunk
            let outputs = elements[start..<min(elements.endIndex, start + chunk)].map(transform)
            results.withLock { $0[index] = outputs }
        }
        return results.withLock { all in (0..<chunks).flatMap { all[$0] ?? [] } }
    }

    /// Appends a section's anchor as the index stores it: nothing when the browser can work it out
    /// from the title, else the id with `%` and `,` percent-encoded (it only ever goes into a URL fragment).
    static func appendAnchorField(_ section: SearchPage.Section, to result: inout [UInt8]) {
        if plainSlug(section.title) == section.anchor { return }
        for byte in section.anchor.utf8 {
            switch byte {
            case UInt8(ascii: "%"): result.append(contentsOf: "%25".utf8)
            case UInt8(ascii: ","): result.append(contentsOf: "%2C".utf8)
            default: result.append(byte)
            }
        }
    }

    /// The slug `search.js` computes for an ASCII title, or nil for other titles (their anchors are stored).
    static func plainSlug(_ title: String) -> String? {
        var title = title
        return title.withUTF8 { bytes -> String? in
            guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
            var slug: [UInt8] = []
            slug.reserveCapacity(bytes.count)
            for byte in bytes {
                let lower = byte.asciiLowercased
                switch lower {
                case UInt8(ascii: " "): slug.append(UInt8(ascii: "-"))
                case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    slug.append(lower)
                default: break
                }
            }
            return String(decoding: slug, as: UTF8.self)
        }
    }

    /// Sorted words (UTF-8), each as a capital letter (shared prefix length with the previous word,
    /// 0 to 25, in UTF-16 code units, counting whole characters) and the rest. Index words are
    /// lowercase, so capitals cannot occur in them.
    static func frontCoded<Words: Sequence<[UInt8]>>(_ words: Words) -> [UInt8] {
        var result: [UInt8] = []
        var previous: [UInt8] = []
        for word in words {
            var shared = 0, sharedUTF16 = 0
            while shared < word.count, shared < previous.count {
                let length = utf8Length(leading: word[shared])
                let units = length == 4 ? 2 : 1
                guard shared + length <= previous.count, sharedUTF16 + units <= 25,
                      word[shared..<(shared + length)] == previous[shared..<(shared + length)] else { break }
                shared += length
                sharedUTF16 += units
            }
            result.append(UInt8(65 + sharedUTF16))
            result.append(contentsOf: word[shared...])
            previous = word
        }
        return result
    }

    /// How many bytes the UTF-8 character starting with `byte` has.
    private static func utf8Length(leading byte: UInt8) -> Int {
        byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
    }

    /// Appends the gap code of an ascending list of section numbers, or of its complement when that is shorter.
    static func appendPostings(_ sections: [Int32], sectionCount: Int, to result: inout [UInt8]) {
        let start = result.count
        appendGaps(sections, to: &result)
        guard sections.count * 2 > sectionCount else { return }
        var complement: [UInt8] = [UInt8(ascii: "^")]
        var previous = -1
        var next = 0
        for section in sections.lazy.map(Int.init) + [sectionCount] {
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

    static func appendGaps(_ sections: [Int32], to result: inout [UInt8]) {
        var previous = -1
        for section in sections.lazy.map(Int.init) {
            SearchTextCode.appendNumber(section - previous - 1, to: &result)
            previous = section
        }
    }
}
