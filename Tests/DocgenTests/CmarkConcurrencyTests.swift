import DocgenMarkdown
import DocgenRender
import Foundation
import Testing

/// cmark-gfm rewrites a global table on every parse (github/cmark-gfm#176); without docgen's lock
/// around `cmark_parser_finish`, parallel parses lose strikethrough and autolinks. This must stay at
/// zero differences.
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

    /// The short page above rarely overlaps another parse's inline pass, and passed with the lock
    /// taken out. Long pages whose inline passes overlap for milliseconds do not: with the lock
    /// taken out, this test failed on every run (8 threads, 12 parses each).
    @Test("long pages parsed on 8 threads at once keep every strikethrough and autolink")
    func parallelLongPages() async {
        let document = (0..<1_500).map {
            "Paragraph \($0): ~~old~~ text, www.example\($0).org and https://nris.no/\($0) in a | b row.\n"
        }.joined(separator: "\n")
        let expected = HTMLRenderer().render(CmarkParser.parse(document))
        #expect(expected.components(separatedBy: "<del>old</del>").count == 1_501)
        let wrong = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<12).filter { _ in HTMLRenderer().render(CmarkParser.parse(document)) != expected }.count
                }
            }
            return await group.reduce(0, +)
        }
        #expect(wrong == 0)
    }
}
