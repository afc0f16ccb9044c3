import Foundation
import Testing

/// `search-index.js`: what it holds per section, that nothing in it can break out of the script,
/// and that it stays under a fifth of the Markdown. The file is read back with `SearchIndexReader`,
/// a Swift copy of the decoder in `assets/search.js`.
@Suite("Search index")
struct SearchIndexTests {
    @Test("one entry per section: the intro, then each h2 and h3, with the heading's id as anchor")
    func sections() throws {
        let project = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        try write("""
            # Home

            Welcome to the guide.
            """, to: "content/index.md", in: project)
        try write("""
            ---
            title: Jobs on Saga
            ---
            Saga is for small parallel jobs.

            ## Memory limits

            Ask for memory with `--mem-per-cpu`, then check quota with dusage.

            ### Example

            A worked example.

            #### Deeper

            Text under an h4 about zebrafish.

            ```bash
            sbatch codeonlyword.sh
            ```

            ## Example

            Second example.

            ## Ærlig talt, 50% off

            Norwegian heading.
            """, to: "content/jobs/saga.md", in: project)
        let site = project.appendingPathComponent("site")
        let index = try build(project, into: site)

        let saga = index.sections.filter { $0.path == "jobs/saga.html" }
        #expect(saga.map(\.title) == ["", "Memory limits", "Example", "Example", "Ærlig talt, 50% off"])
        #expect(saga.map(\.anchor) == ["", "memory-limits", "example", "example-1", "ærlig-talt-50-off"])
        #expect(saga.allSatisfy { $0.pageTitle == "Jobs on Saga" })
        #expect(saga.first?.excerpt == "Saga is for small parallel jobs.")
        #expect(saga.dropFirst().first?.excerpt == "Ask for memory with --mem-per-cpu, then check quota with dusage.")
        try expectFoundationJSON(String(contentsOf: site.appendingPathComponent("search-index.js"), encoding: .utf8))
        let html = try String(contentsOf: site.appendingPathComponent("jobs/saga.html"), encoding: .utf8)
        for anchor in saga.map(\.anchor) where !anchor.isEmpty {
            #expect(html.contains("id=\"\(anchor)\""), "the page has no heading with id \(anchor)")
        }
        let home = index.sections.filter { $0.path == "index.html" }
        #expect(home.map(\.title) == [""] && home.first?.pageTitle == "Home" && home.first?.excerpt == "Welcome to the guide.")

        // Words are found in their own section; an h4 belongs to the h3 above it; plurals fold.
        #expect(index.sections(with: "dusage").map(\.title) == ["Memory limits"])
        #expect(index.sections(with: "zebrafish").map(\.anchor) == ["example"])
        #expect(index.sections(with: "mem").map(\.title) == ["Memory limits"])
        #expect(index.sections(with: "job").map(\.title) == [""])
        #expect(index.sections(with: "norwegian").map(\.anchor) == ["ærlig-talt-50-off"])
        #expect(index.sections(with: "codeonlyword").isEmpty, "code blocks are not indexed")
        #expect(index.stopWords.contains("the") && !index.listedWords.contains("the"), "stop words are not indexed")

        // The same content gives the same file.
        let again = project.appendingPathComponent("site2")
        _ = try build(project, into: again)
        #expect(try Data(contentsOf: again.appendingPathComponent("search-index.js"))
            == Data(contentsOf: site.appendingPathComponent("search-index.js")))
    }

    @Test("titles and text are data: nothing in them can end the script or become HTML")
    func hostileText() throws {
        let project = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: project) }
        let title = "</script><script>alert(1)</script>"
        try write("""
            ---
            title: "\(title)"
            ---
            Text \\<img src=x onerror=alert(1)\\> & "quotes", {a}} x, GPUs JOBS Jobs naïve İstanbul 🚀 50%.

            ## <!-- not a comment --> \\</script\\>\u{2028}end

            More text.
            """, to: "content/index.md", in: project)
        let site = project.appendingPathComponent("site")
        let index = try build(project, into: site)
        let script = try String(contentsOf: site.appendingPathComponent("search-index.js"), encoding: .utf8)
        #expect(script.hasPrefix("window.docgenSearchIndex={") && script.hasSuffix("};\n"))
        try expectFoundationJSON(script)
        for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}"] {
            #expect(!script.contains(forbidden), "search-index.js contains a raw \(forbidden.debugDescription)")
        }
        let intro = try #require(index.sections.first)
        #expect(intro.pageTitle == title)
        #expect(intro.excerpt == "Text <img src=x onerror=alert(1)> & \"quotes\", {a}} x, GPUs JOBS Jobs naïve İstanbul 🚀 50%.")
        #expect(index.sections.dropFirst().first?.title == "</script> end")
        #expect(index.sections(with: "img").count == 1 && index.sections(with: "gpu").count == 1)
    }

    @Test("the guide's index is under a fifth of its Markdown")
    func guideSize() throws {
        let output = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        let site = output.appendingPathComponent("site")
        let result = try ProcessOutput.docgen(["build", TestSupport.packageRoot.path, "--output", site.path, "--verify", "off"])
        try #require(result.status == 0, "\(result.stderr)")
        let indexBytes = try Data(contentsOf: site.appendingPathComponent("search-index.js")).count
        var markdownBytes = 0
        let content = TestSupport.packageRoot.appendingPathComponent("content")
        let files = try #require(FileManager.default.enumerator(at: content, includingPropertiesForKeys: [.fileSizeKey]))
        for case let url as URL in files where url.pathExtension == "md" {
            markdownBytes += try url.resourceValues(forKeys: [.fileSizeKey]).fileSize ?? 0
        }
        try #require(markdownBytes > 0)
        let ratio = Double(indexBytes) / Double(markdownBytes)
        #expect(ratio < 0.2, "search-index.js is \(indexBytes) bytes, \(Int(ratio * 100))% of \(markdownBytes) bytes of Markdown")
    }

    /// The index is written byte for byte as `JSONSerialization` writes its object (sorted keys, no
    /// escaped slashes), made script-safe.
    private func expectFoundationJSON(_ script: String) throws {
        let prefix = "window.docgenSearchIndex=", suffix = ";\n"
        let object = try JSONSerialization.jsonObject(with: Data(script.dropFirst(prefix.count).dropLast(suffix.count).utf8))
        let json = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        #expect(script == prefix + SearchIndexPartsTests.scriptSafe(json) + suffix)
    }

    private func write(_ text: String, to path: String, in project: URL) throws {
        let url = project.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    private func build(_ project: URL, into site: URL) throws -> SearchIndexReader {
        let result = try ProcessOutput.docgen(["build", project.path, "--output", site.path, "--verify", "off"])
        try #require(result.status == 0, "\(result.stdout)\(result.stderr)")
        let script = try String(contentsOf: site.appendingPathComponent("search-index.js"), encoding: .utf8)
        return try SearchIndexReader(script: script)
    }
}

/// Reads `search-index.js` the way `assets/search.js` does (the format is described in
/// `SearchIndexBuilder.swift`).
struct SearchIndexReader {
    struct Section {
        var pageTitle: String
        var path: String
        var title: String
        var anchor: String
        var excerpt: String
        /// The words the browser matches as this section's text: the listed ones and those of its title
        /// and excerpt (the page title's words are matched on their own, for every section of the page).
        var words: Set<String>
    }

    struct FormatError: Error, CustomStringConvertible {
        var description: String
    }

    var sections: [Section] = []
    var stopWords: Set<String> = []
    /// The words with sections listed in the postings.
    var listedWords: Set<String> = []

    /// The sections a query word (as typed) matches.
    func sections(with word: String) -> [Section] {
        let normalized = Self.normalized(word.lowercased())
        return sections.filter { $0.words.contains(normalized) }
    }

    static let digits = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_-")
    static let continuation = Array("!#$%()*+./:;=?@~")
    static let shortGaps: [Character: String] = ["[": ", ", "]": ". ", "|": "…"]

    init(script: String) throws {
        let prefix = "window.docgenSearchIndex=", suffix = ";\n"
        guard script.hasPrefix(prefix), script.hasSuffix(suffix) else { throw FormatError(description: "not an index script") }
        let json = Data(script.dropFirst(prefix.count).dropLast(suffix.count).utf8)
        guard let object = try JSONSerialization.jsonObject(with: json) as? [String: Any],
              object["v"] as? Int == 1,
              let stop = object["stop"] as? String, let words = object["words"] as? String, let top = object["top"] as? String,
              let pages = object["pages"] as? [[Any]], let codes = object["sections"] as? String,
              let postings = object["postings"] as? String else { throw FormatError(description: "missing fields") }
        stopWords = Set(stop.split(separator: " ").map(String.init))
        let vocabulary = Self.decodeWords(words)
        var topNumbers: [Int] = []
        var topCursor = Array(top)[...]
        while !topCursor.isEmpty { topNumbers.append(try Self.readNumber(&topCursor)) }
        func word(_ number: Int) throws -> String {
            let position = number < topNumbers.count ? topNumbers[number] : number - 64
            guard vocabulary.indices.contains(position) else { throw FormatError(description: "no word \(number)") }
            return vocabulary[position]
        }
        var cursor = Array(codes)[...]
        for page in pages {
            guard page.count == 3, let titleCode = page[0] as? String, let path = page[1] as? String, let count = page[2] as? Int else {
                throw FormatError(description: "bad page row")
            }
            var titleCursor = Array(titleCode)[...]
            let pageTitle = try Self.decodeText(&titleCursor, word: word)
            for _ in 0..<count {
                let title = try Self.decodeText(&cursor, word: word)
                var anchor = String(cursor.prefix { $0 != "," })
                cursor = cursor.dropFirst(anchor.count + 1)
                anchor = anchor.isEmpty ? (title.isEmpty ? "" : Self.plainSlug(title))
                    : anchor.replacingOccurrences(of: "%2C", with: ",").replacingOccurrences(of: "%25", with: "%")
                let excerpt = try Self.decodeText(&cursor, word: word)
                let visible = Self.words(title) + Self.words(excerpt)
                sections.append(Section(pageTitle: pageTitle, path: path, title: title, anchor: anchor, excerpt: excerpt, words: Set(visible)))
            }
        }
        guard cursor.isEmpty else { throw FormatError(description: "sections left over") }
        let lists = postings.split(separator: ",", omittingEmptySubsequences: false)
        guard lists.count == vocabulary.count else { throw FormatError(description: "\(lists.count) postings for \(vocabulary.count) words") }
        for (word, list) in zip(vocabulary, lists) {
            var code = Array(list)[...]
            let complement = code.first == "^"
            if complement { code = code.dropFirst() }
            var listed: Set<Int> = []
            var previous = -1
            while !code.isEmpty {
                previous += try Self.readNumber(&code) + 1
                listed.insert(previous)
            }
            if complement || !listed.isEmpty { listedWords.insert(word) }
            for number in sections.indices where listed.contains(number) != complement {
                sections[number].words.insert(word)
            }
        }
    }

    static func decodeWords(_ code: String) -> [String] {
        var words: [String] = []
        var current: [UInt16] = []
        var started = false
        for unit in code.utf16 {
            if (65...90).contains(unit) {
                if started { words.append(String(decoding: current, as: UTF16.self)) }
                current = Array(current.prefix(Int(unit) - 65))
                started = true
            } else {
                current.append(unit)
            }
        }
        if started { words.append(String(decoding: current, as: UTF16.self)) }
        return words
    }

    static func readNumber(_ code: inout ArraySlice<Character>) throws -> Int {
        var high = 0
        while let character = code.popFirst() {
            if let lead = continuation.firstIndex(of: character) {
                high = high * continuation.count + lead
            } else if let digit = digits.firstIndex(of: character) {
                return high * digits.count + digit
            } else {
                break
            }
        }
        throw FormatError(description: "bad number")
    }

    static func decodeText(_ code: inout ArraySlice<Character>, word: (Int) throws -> String) throws -> String {
        var text = ""
        var lastWasWord = false
        while let character = code.first {
            if character == "," {
                code = code.dropFirst()
                break
            }
            if character == "{" {
                code = code.dropFirst()
                while let next = code.popFirst() {
                    if next == "}" {
                        if code.first != "}" { break }
                        code = code.dropFirst()
                    }
                    text.append(next)
                }
                lastWasWord = false
                continue
            }
            if let gap = shortGaps[character] {
                code = code.dropFirst()
                text += gap
                lastWasWord = false
                continue
            }
            var casing: Character?
            if character == "^" || character == "`" {
                casing = character
                code = code.dropFirst()
            }
            var decoded = try word(try readNumber(&code))
            if casing == "^" { decoded = decoded.prefix(1).uppercased() + decoded.dropFirst() }
            if casing == "`" { decoded = decoded.uppercased() }
            if code.first == "'" {
                decoded += "s"
                code = code.dropFirst()
            }
            text += (lastWasWord ? " " : "") + decoded
            lastWasWord = true
        }
        return text
    }

    static func plainSlug(_ title: String) -> String {
        String(title.lowercased().replacingOccurrences(of: " ", with: "-").filter {
            $0 == "-" || $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0)
        })
    }

    static func words(_ text: String) -> [String] {
        guard let pattern = try? NSRegularExpression(pattern: "[\\p{L}\\p{M}\\p{N}]+") else { return [] }
        let lower = text.lowercased()
        return pattern.matches(in: lower, range: NSRange(lower.startIndex..., in: lower)).compactMap {
            Range($0.range, in: lower).map { normalized(String(lower[$0])) }
        }
    }

    static func normalized(_ word: String) -> String {
        guard word.count >= 4, word.hasSuffix("s"), !word.dropLast().hasSuffix("s"),
              word.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) }) else { return word }
        return String(word.dropLast())
    }
}
