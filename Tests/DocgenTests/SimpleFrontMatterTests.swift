@testable import DocgenMarkdown
import Testing

/// The fast reader of simple front matter must give exactly what Yams gives, and leave anything else to Yams.
@Suite("Simple front matter")
struct SimpleFrontMatterTests {
    @Test("what it reads, it reads as YAML does", arguments: [
        "",
        "title: \"Jobs\"\nweight: 1\n",
        "title: Jobs\n",
        "title: Jobs on Saga (GPU) - a guide/intro?\n",
        "title: \"A: B # not a comment\"\ndescription: \"What, why & how\"\n",
        "title: yes\nweight: 0\ndraft: true\n",
        "title: 123\ndraft: false\n",
        "title: null\n",
        "title: a  b\n",
        "title: \"\"\n",
        "weight: 999999999\n",
        "description: \"x\"\r\ntitle: \"y\"\r\n",
        "title: \"no final line feed\"",
    ])
    func readsAsYAML(_ yaml: String) throws {
        let simple = try #require(SimpleFrontMatter.read(yaml))
        let (viaYAML, diagnostics) = FrontMatterParser.parseWithYAML(yaml, file: "a.md", startLine: 2)
        #expect(diagnostics.isEmpty)
        #expect(simple == viaYAML)
    }

    @Test("anything else goes to Yams", arguments: [
        "title: Jobs # comment\n",
        "title: 'single'\n",
        "title: \"esc\\\"aped\"\n",
        "title: [a, b]\n",
        "title: &anchor x\n",
        "title:  two spaces\n",
        "title: trailing \n",
        "title:\tTab\n",
        "title: a: b\n",
        "title: æøå\n",
        "title: x\ntitle: y\n",
        "title: x\n\nweight: 1\n",
        "weight: 010\n",
        "weight: 1_000\n",
        "weight: -1\n",
        "weight: 1234567890\n",
        "draft: yes\n",
        "draft: True\n",
        "aliases: [/old]\n",
        "tags: x\n",
        " title: x\n",
        "title : x\n",
        "- title\n",
        "title: -x\n",
    ])
    func leavesTheRest(_ yaml: String) {
        #expect(SimpleFrontMatter.read(yaml) == nil)
    }
}
