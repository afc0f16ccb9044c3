import DocgenMarkdown
import DocgenRender
import Testing

/// cmark-gfm rewrites a global table on every parse (github/cmark-gfm#176); without docgen's lock,
/// parallel parses lose strikethrough and autolinks. This must stay at zero differences.
@Suite("cmark-gfm under concurrency")
struct CmarkConcurrencyTests {
    @Test("1,000 parallel parses give identical output")
    func parallelParses() async {
        let document = "Some ~~struck~~ text with www.example.com and https://nris.no.\n\n| a | b |\n|---|---|\n| ~~x~~ | y |\n"
        let expected = HTMLRenderer().render(CmarkParser.parse(document))
        #expect(expected.contains("<del>struck</del>"))
        #expect(expected.contains("href=\"http://www.example.com\""))
        let outputs = await withTaskGroup(of: String.self) { group in
            for _ in 0..<1000 {
                group.addTask { HTMLRenderer().render(CmarkParser.parse(document)) }
            }
            return await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outputs.count == 1000)
        #expect(outputs.filter { $0 != expected }.count == 0)
    }
}
