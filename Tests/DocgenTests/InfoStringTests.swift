import DocgenCore
@testable import DocgenVerify
import Testing

@Suite("Code block info strings")
struct InfoStringTests {
    @Test("language and attributes", arguments: [
        ("bash", "bash", [String: String?]()),
        ("console {host=saga}", "console", ["host": "saga"]),
        ("bash {verify=sbatch cluster=saga}", "bash", ["verify": "sbatch", "cluster": "saga"]),
        ("text {skip=\"needs a real cluster\"}", "text", ["skip": "needs a real cluster"]),
        ("Python", "python", [:]),
        ("yaml {generate=jobscript name=\"train.sh\" flag}", "yaml", ["generate": "jobscript", "name": "train.sh", "flag": nil]),
    ])
    func parses(info: String, language: String, attributes: [String: String?]) {
        let parsed = InfoString(info)
        #expect(parsed.language == language)
        #expect(parsed.errors.isEmpty)
        #expect(Dictionary(uniqueKeysWithValues: parsed.attributes.map { ($0.key, $0.value) }) == attributes)
    }

    @Test("syntax errors are reported with their offset", arguments: [
        ("bash {verify=sbatch", 5),
        ("bash {skip=\"unterminated}", 6),
        ("bash {verify=sbatch} trailing", 21),
    ])
    func syntaxErrors(info: String, offset: Int) {
        let parsed = InfoString(info)
        #expect(parsed.errors.first?.offset == offset)
    }

    @Test("the validator knows the keys and values, with did-you-mean", arguments: [
        ("console {hots=saga}", "codeblock.unknown-attribute", "did you mean 'host'?"),
        ("bash {verify=sbach}", "codeblock.unknown-value", "did you mean 'sbatch'?"),
        ("bash {skip}", "codeblock.missing-value", "needs a value"),
        ("bash {cluster=saga cluster=betzy}", "codeblock.duplicate-attribute", "given twice"),
    ])
    func validator(info: String, id: String, fragment: String) {
        let snippet = CodeSnippet(info: InfoString(info), code: "", infoLocation: SourceLocation(file: "p.md", line: 4, column: 4), firstCodeLine: 5)
        let diagnostics = InfoStringValidator().verify(snippet)
        #expect(diagnostics.map(\.id) == [id])
        #expect(diagnostics.first?.message.contains(fragment) == true)
        #expect(diagnostics.first?.location.line == 4)
    }

    @Test("attribute columns point into the fence line")
    func columns() {
        let snippet = CodeSnippet(info: InfoString("bash {cluster=saga verfy=sbatch}"), code: "", infoLocation: SourceLocation(file: "p.md", line: 1, column: 4), firstCodeLine: 2)
        #expect(InfoStringValidator().verify(snippet).first?.location.column == 4 + 19)
    }

    @Test("plain ASCII info strings read on bytes as they read by Characters", arguments: [
        "bash", "Console", "  bash  ", "bash some free text", "", "   ", "\tpython\t", "c++", "x\u{0B}y", "x\u{0C}y",
        "bash{verify=sbatch}", "bash {verify=sbatch}", "bash\r", "bash\r\n", "shell-session", "BASH Script",
        "bash é", "é", "bash\u{00A0}x", "bash \u{301}x", "py\u{85}x", "text {", "{verify=none}",
    ])
    func plainFastPath(info: String) {
        let characterwise = InfoString(readingCharactersOf: info)
        #expect(InfoString(info) == characterwise)
        // The fast path takes no string with braces, carriage returns or non-ASCII characters.
        if info.contains("{") || info.utf8.contains(0x0D) || !info.utf8.allSatisfy({ $0 < 0x80 }) {
            #expect(InfoString.plainLanguage(info) == nil)
        } else {
            #expect(InfoString.plainLanguage(info) == characterwise.language)
        }
    }
}
