import Foundation
import Testing

@testable import DocgenVerify

/// The byte fast paths of the Slurm linter give the answers of the Character and Foundation code they
/// stand in for, on inputs where bytes and Characters part ways.
@Suite("Slurm byte fast paths")
struct SlurmByteLexingTests {
    /// A script and why it is tricky.
    struct ScriptCase: Sendable, CustomTestStringConvertible {
        var why: String
        var text: String
        var testDescription: String { why }
    }

    @Test("a script lexed by bytes equals the script lexed by Characters", arguments: [
        ScriptCase(why: "plain ASCII", text: "#!/bin/bash\n#SBATCH --time=1:00:00 -N 2\n#SBATCH --job-name=\"a b\" # note\nsrun ./app > out.log 2>&1\n"),
        ScriptCase(why: "combining mark after an ASCII letter in a value", text: "#SBATCH --job-name=e\u{301}x --mem=4G\necho e\u{301} > f\u{301}\n"),
        ScriptCase(why: "combining mark after = and after a quote", text: "#SBATCH --job-name=\u{301}x\n#SBATCH --comment=\"\u{301}a b\"\necho \"\u{301}x\" y\n"),
        ScriptCase(why: "non-ASCII option name", text: "#SBATCH --tïme=1:00:00\n#SBATCH -ñ 2\n"),
        ScriptCase(why: "CRLF line ends", text: "#!/bin/bash\r\n#SBATCH --time=1:00:00\r\n#SBATCH -N 1\r\nsrun a | b\r\n"),
        // CRLF is one Character and the text is not split there, so these lines hold "\r\n" inside.
        ScriptCase(why: "CRLF inside a directive line", text: "#SBATCH --mem=4G\r\n-N 2\r\n"),
        ScriptCase(why: "CRLF inside a body line", text: "#SBATCH -N 1\nsrun a\r\necho b > c\r\n"),
        ScriptCase(why: "a lone CR inside a line", text: "#SBATCH --mem=4G\r-N 2\nsrun a\rb c\n"),
        ScriptCase(why: "tabs and other ASCII whitespace", text: "#SBATCH\t--mem=4G\t-N\t2\u{0B}--qos=devel\u{0C}x\nsrun\ta\tb\n"),
        ScriptCase(why: "empty values and bare dashes", text: "#SBATCH --mem= --time -- - -t\n#SBATCH --array=1, 2, 3\n"),
        ScriptCase(why: "a Greek question mark, canonically equal to ';'", text: "#SBATCH --job-name=a\u{37E}b\nsrun a \u{37E} srun b\n"),
        ScriptCase(why: "quotes, escapes and substitutions over several lines", text: "#SBATCH -J 'x y' --comment=a\\ b\necho \"a\nb\" $(date\n) 'c\\' d\ncat <<EOF\n$x\nEOF\necho done \\\n  more\n"),
        ScriptCase(why: "single-dash long options and flags", text: "#SBATCH -mem=4G -ntasks_per_node=2 -t=1:00 -vv -HQ -x\n"),
        ScriptCase(why: "redirections", text: "#SBATCH -N 1\nsrun a &> log\nsrun b &>> log 2>&1 < in > out\nx 3>&2 <<< str\n"),
        ScriptCase(why: "non-ASCII whitespace", text: "#SBATCH --mem=4G\u{A0}-N 2\u{2003}x\nsrun\u{A0}a b\n"),
    ])
    func bytesAndCharactersAgree(_ example: ScriptCase) {
        let bytes = SlurmScript(parsing: example.text, lexingASCIIAsBytes: true)
        let characters = SlurmScript(parsing: example.text, lexingASCIIAsBytes: false)
        #expect(bytes == characters)
    }

    /// A text and a needle for the containment check.
    struct SearchCase: Sendable, CustomTestStringConvertible {
        var text: String
        var needle: String
        var testDescription: String { "\(text.debugDescription) / \(needle.debugDescription)" }
    }

    @Test("contains answers as Foundation does", arguments: [
        SearchCase(text: "a=b", needle: "="), SearchCase(text: "ab", needle: "="), SearchCase(text: "=\u{301}", needle: "="),
        SearchCase(text: "a\u{2260}b", needle: "="), SearchCase(text: "a\r\n=b", needle: "="), SearchCase(text: "", needle: "="),
        SearchCase(text: "nnXXXXk", needle: "xxx"), SearchCase(text: "nnxxxxk", needle: "xxx"), SearchCase(text: "x.y", needle: "..."),
        SearchCase(text: "gcc/12", needle: "/"), SearchCase(text: "e\u{301}/", needle: "/"), SearchCase(text: "a", needle: ""),
    ])
    func containsMatchesFoundation(_ example: SearchCase) {
        #expect(SlurmText.contains(example.text, example.needle) == example.text.contains(example.needle))
        let substring = example.text.dropFirst(0)
        #expect(SlurmText.contains(substring, example.needle) == substring.contains(example.needle))
    }

    @Test("containsAny answers as a Character search does", arguments: ["<id>", "a{b", "plain", "", "<\u{338}", "e\u{301}}", "\r\n"])
    func containsAnyMatchesCharacters(_ text: String) {
        #expect(SlurmText.containsAny(of: "<>{}", in: text) == "<>{}".contains(where: text.contains))
    }

    @Test("trimming whitespace answers as Foundation does", arguments: [
        "1:00:00", " 1:00 ", "\t4G\t", " \t ", "", "4G\r", " \r\n ", "\u{3000}4G", "4G\u{A0}", " \u{301}4G", "4G \u{301}", "a b",
    ])
    func trimmingMatchesFoundation(_ text: String) {
        #expect(SlurmText.trimmingWhitespaces(text) == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("isDigits answers as the Character test does", arguments: ["0", "128", "", "1a", "1\u{301}", "\u{661}\u{662}", "1\r\n", "\r\n", "12 "])
    func isDigitsMatchesCharacters(_ text: String) {
        #expect(text.isDigits == (!text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }))
    }

    @Test("the interpreter is read the same from ASCII and other shebangs", arguments: [
        ("#!/bin/bash", "bash"), ("#!/usr/bin/env bash", "bash"), ("#!/usr/bin/env -S X=1 python3 -u", "python3"),
        ("#!\t/bin/sh\t-e", "sh"), ("#!/usr/bin/env", nil), ("#!", nil), ("#!/bin/bash\u{A0}-l", "bash"),
        // Foundation finds no "=" when a combining mark joins it to the next character.
        ("#!/usr/bin/env A=\u{301} perl", "A=\u{301}"),
    ] as [(String, String?)])
    func interpreter(_ shebang: String, _ expected: String?) {
        #expect(SlurmScript(parsing: shebang + "\n#SBATCH -N 1\n").interpreter == expected)
    }

    @Test("a plain time reads as the general parser reads it; anything else is left to it", arguments: [
        "30", "0", "1:30", "01:00:00", "2-00:00:00", "7-0", "1-12:30", "1-00:00:01", "100:00:00", "999999999",
        // Left to the general parser: spaces, words, empty parts, a second dash, four parts, ten digits.
        " 1:00:00", "1:00:00 ", "UNLIMITED", "infinite", "2h", "", ":", "1:", ":30", "1::2", "-1", "2-", "1-2-3",
        "1:2:3:4", "1234567890", "1-1234567890", "١٢:٠٠",
    ])
    func plainTimeMatchesGeneral(_ text: String) throws {
        let general = Result { () throws(SlurmValueError) in try SlurmTime.parseGeneral(text) }
        if let plain = SlurmTime.parsePlain(text) {
            #expect(try general.get() == plain)
        }
        #expect((try? SlurmTime.parse(text)) == (try? general.get()))
    }

    @Test("the usual times take the plain path", arguments: ["30", "1:30", "01:00:00", "2-00:00:00", "7-0", "1-12:30"])
    func usualTimesArePlain(_ text: String) {
        #expect(SlurmTime.parsePlain(text) != nil)
    }
}
