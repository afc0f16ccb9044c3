@testable import DocgenRender
import Testing

/// The renderer writes page bodies as bytes; each way it writes must give what the `String` way gave.
@Suite("HTML output bytes")
struct HTMLOutputTests {
    static let texts = [
        "", "plain", "a < b > c & \"d\" 'e'", "<<>>&&", "naïve café <b>", "e\u{301} < x", "日本語 & 한국어", "\r\n", "emoji 🎉 > 1",
        String(repeating: "long text without anything to escape ", count: 40) + "&",
    ]

    @Test("escaped text is what HTMLEscaping.escape gives", arguments: texts)
    func escaped(text: String) {
        var output = HTMLOutput()
        output += "<p>"
        output.appendEscaped(text)
        #expect(output.string == "<p>" + HTMLEscaping.escape(text))
    }

    @Test("a final line feed is dropped as String.removeLast drops the Character", arguments: ["", "a", "a\n", "a\r\n", "\n", "\n\n", "x\r", "é\n"])
    func trailingNewline(text: String) {
        var output = HTMLOutput()
        output += text
        output.removeTrailingNewline()
        var expected = text
        if expected.hasSuffix("\n") { expected.removeLast() }
        #expect(output.string == expected)
    }

    @Test("numbers, suffixes and appended outputs")
    func numbersAndSuffixes() {
        var output = HTMLOutput()
        for value in [0, 7, 9, 10, 42, 123_456] { output.appendNumber(value) }
        #expect(output.string == "0791042123456")
        var other = HTMLOutput()
        other += "<p>x</p>\n"
        #expect(other.hasSuffix("</p>\n"))
        #expect(!other.hasSuffix("<p>x</p>\n\n"))
        other.removeLast(5)
        output.append(other)
        #expect(output.string == "0791042123456<p>x")
    }

    @Test("highlighting into bytes gives the highlighted string", arguments: ["bash", "sh", "SLURM", "console", "python", "r", "yaml", "json", "dockerfile", "def", "fortran", ""])
    func highlightedBytes(language: String) {
        let code = "#!/bin/bash\n#SBATCH --time=01:00:00\nmodule load Python/3.11 # <set> & \"go\"\nsrun python run.py --n=4 > out.txt\n[user@login-1 ~]$ ls\n"
        var bytes: [UInt8] = []
        let known = Highlighter.highlight(code, language: language, into: &bytes)
        let expected = Highlighter.highlight(code, language: language)
        #expect(known == (expected != nil))
        #expect(String(decoding: bytes, as: UTF8.self) == (expected ?? ""))
    }
}
