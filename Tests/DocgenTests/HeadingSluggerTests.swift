@testable import DocgenMarkdown
import Testing

@Suite("GitHub-compatible heading ids")
struct HeadingSluggerTests {
    @Test("slugs match GitHub's", arguments: [
        ("Getting started", "getting-started"),
        ("3.1. Anatomy of a job script", "31-anatomy-of-a-job-script"),
        ("The project area ($HOME)", "the-project-area-home"),
        ("Using `--mem-per-cpu`", "using---mem-per-cpu"),
        ("Ærlig talt: Tromsø", "ærlig-talt-tromsø"),
        ("snake_case stays", "snake_case-stays"),
        ("  spaced  ", "--spaced--"),
    ])
    func slug(text: String, expected: String) {
        #expect(HeadingSlugger.slug(text) == expected)
    }

    @Test("repeated headings get -1, -2, like github-slugger")
    func unique() {
        var slugger = HeadingSlugger()
        #expect(["Example", "Example", "Example-1", "Example"].map { slugger.uniqueSlug(for: $0) }
            == ["example", "example-1", "example-1-1", "example-2"])
    }

    @Test("ids are assigned in document order, nested headings included")
    func transform() {
        var tree = CmarkParser.parse("## Notes\n\n> ## Notes\n\n## Notes")
        HeadingIDTransform.apply(&tree)
        var ids: [String] = []
        for node in tree.nodes { if case .heading(_, let id) = node.kind { ids.append(id) } }
        #expect(ids == ["notes", "notes-1", "notes-2"])
    }

    @Test("ASCII headings are slugged on bytes as by Characters", arguments: [1, 2, 3])
    func bytesMatchCharacters(seed: UInt64) {
        var random = JobScriptPropertyTests.SeededRandom(seed: seed)
        let pieces = ["a", "Q", "7", " ", "-", "_", ".", "&", "?", "\t", "\r\n", "(x)", "C++", "`code`", "~", "\u{7F}"]
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...6, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            #expect(HeadingSlugger.asciiSlug(text) == HeadingSlugger.characterSlug(text), "\(text.debugDescription)")
        }
    }
}
