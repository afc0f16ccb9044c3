import DocgenVerify
import Foundation
import Testing

@Suite("Output matcher")
struct OutputMatcherTests {
    struct MatchCase: Sendable, CustomTestStringConvertible {
        var name: String
        var expected: [String]
        var actual: String
        var mode: OutputMatchMode = .exact
        var substitutions: [String: String] = [:]
        var matches: Bool
        var testDescription: String { name }
    }

    static let dusageV3 = """

        dusage v0.3.0

                             path    space used    quota (s)    quota (h)    files    quota (s)    quota (h)
        -------------------------  ------------  -----------  -----------  -------  -----------  -----------
         /cluster/home/bencretois       4.8 GiB     20.0 GiB     20.0 GiB    1 402      100 000      100 000
        /cluster/projects/nn5019k     212.7 GiB      1.0 TiB      1.0 TiB   41 276    1 000 000    1 000 000
        """

    /// The same table printed with other column widths.
    static let dusageV3Realigned = """

        dusage v0.3.0

        path                       space used  quota (s)  quota (h)  files   quota (s)  quota (h)
        -------------------------  ----------  ---------  ---------  ------  ---------  ---------
        /cluster/home/bencretois   4.8 GiB     20.0 GiB   20.0 GiB   1 402   100 000    100 000
        /cluster/projects/nn5019k  212.7 GiB   1.0 TiB    1.0 TiB    41 276  1 000 000  1 000 000
        """

    static let squeue = [
        "             JOBID PARTITION     NAME     USER ST       TIME  NODES NODELIST(REASON)",
        "          13456789     accel train-cl bencreto  R      14:07      1 c7-2",
        "          13456790    normal preproce bencreto PD       0:00      1 (Priority)",
    ]

    @Test("matching rules", arguments: [
        MatchCase(name: "identical", expected: ["nn5019k"], actual: "nn5019k\n", matches: true),
        MatchCase(name: "a different line", expected: ["nn5019k"], actual: "nn9999o\n", matches: false),
        MatchCase(name: "a missing line", expected: ["a", "b"], actual: "a\n", matches: false),
        MatchCase(name: "an extra line", expected: ["a"], actual: "a\nb\n", matches: false),
        MatchCase(name: "no output expected, none printed", expected: [], actual: "", matches: true),
        MatchCase(name: "no output expected, some printed", expected: [], actual: "Submitted batch job 1\n", matches: false),
        MatchCase(name: "CRLF", expected: ["/cluster/home/bencretois", "x"], actual: "/cluster/home/bencretois\r\nx\r\n", matches: true),
        MatchCase(name: "trailing whitespace and blank lines", expected: ["a  ", "b", "", ""], actual: "a\nb   \n\n\n", matches: true),
        MatchCase(name: "leading blank line counts", expected: ["dusage v0.3.0"], actual: "\ndusage v0.3.0\n", matches: false),
        MatchCase(name: "ANSI colours", expected: ["4.8 GiB  20.0 GiB"], actual: "\u{1B}[31m4.8 GiB\u{1B}[0m  \u{1B}[1;34m20.0 GiB\u{1B}[m\n", matches: true),
        MatchCase(name: "OSC hyperlink", expected: ["docs"], actual: "\u{1B}]8;;https://documentation.sigma2.no\u{07}docs\u{1B}]8;;\u{1B}\\\n", matches: true),
        MatchCase(name: "carriage-return progress", expected: ["100%"], actual: " 10%\r 50%\r100%\n", matches: true),
        MatchCase(
            name: "[HOME] substitution", expected: ["[HOME]/new_folder"], actual: "/tmp/docgen-1a2b/home/new_folder\n",
            substitutions: ["[HOME]": "/tmp/docgen-1a2b/home"], matches: true),
        MatchCase(
            name: "longest substitution first, key without brackets", expected: ["[CWD]/notes.txt in [HOME]"],
            actual: "/tmp/s/home/new_folder/notes.txt in /tmp/s/home\n",
            substitutions: ["HOME": "/tmp/s/home", "CWD": "/tmp/s/home/new_folder"], matches: true),
        MatchCase(
            name: "[ROOT]", expected: ["[ROOT]/cluster/projects/nn5019k"], actual: "/tmp/r/cluster/projects/nn5019k\n",
            substitutions: ["[ROOT]": "/tmp/r"], matches: true),
        MatchCase(name: "... at the start", expected: ["...", "done"], actual: "a\nb\ndone\n", matches: true),
        MatchCase(name: "... in the middle", expected: ["start", "...", "end"], actual: "start\n1\n2\n3\nend\n", matches: true),
        MatchCase(name: "... at the end", expected: ["Collecting torch", "..."], actual: "Collecting torch\nDownloading\nInstalled\n", matches: true),
        MatchCase(name: "... matches zero lines", expected: ["start", "...", "end"], actual: "start\nend\n", matches: true),
        MatchCase(name: "... alone matches nothing printed", expected: ["..."], actual: "", matches: true),
        MatchCase(name: "two ...", expected: ["...", "mid", "...", "end"], actual: "x\nmid\ny\nz\nend\n", matches: true),
        MatchCase(name: "... does not excuse a wrong line", expected: ["start", "...", "end"], actual: "start\n1\nfinish\n", matches: false),
        MatchCase(name: "[..] within a line", expected: ["Submitted batch job [..]"], actual: "Submitted batch job 13456789\n", matches: true),
        MatchCase(name: "[..] matches empty text", expected: ["job[..]done"], actual: "jobdone\n", matches: true),
        MatchCase(name: "several [..]", expected: ["[..] accel [..] R [..]"], actual: "13456789 accel train-cl bencreto R 14:07 1 c7-2\n", matches: true),
        MatchCase(name: "[..] keeps the rest literal", expected: ["Submitted batch job [..]"], actual: "Submitted job 13456789\n", matches: false),
        MatchCase(name: "[..] does not span lines", expected: ["a[..]c"], actual: "ab\nc\n", matches: false),
        MatchCase(name: "regular expression", expected: ["Submitted batch job \\d+ (re)"], actual: "Submitted batch job 13456789\n", matches: true),
        MatchCase(name: "regular expression is anchored", expected: ["batch job \\d+ (re)"], actual: "Submitted batch job 13456789\n", matches: false),
        MatchCase(name: "regular expression with alternatives", expected: ["(COMPLETED|FAILED) (re)"], actual: "COMPLETED\n", matches: true),
        MatchCase(name: "an invalid regular expression matches nothing", expected: ["job (\\d+ (re)"], actual: "job (1\n", matches: false),
        MatchCase(
            name: "unordered: same lines in another order", expected: ["ideas.txt", "notes.txt"], actual: "notes.txt\nideas.txt\n",
            mode: .unordered, matches: true),
        MatchCase(name: "exact: order matters", expected: ["ideas.txt", "notes.txt"], actual: "notes.txt\nideas.txt\n", matches: false),
        MatchCase(
            name: "unordered: a multiset", expected: ["a", "a"], actual: "a\nb\n", mode: .unordered, matches: false),
        MatchCase(
            name: "unordered: a wildcard does not steal a literal line's match", expected: ["a[..]", "ab"], actual: "ab\nac\n",
            mode: .unordered, matches: true),
        MatchCase(
            name: "unordered: ... allows extra lines", expected: ["nn5019k", "..."], actual: "nn9999o\nnn5019k\nnn9997k\n",
            mode: .unordered, matches: true),
        MatchCase(
            name: "unordered: extra lines without ...", expected: ["nn5019k"], actual: "nn9999o\nnn5019k\n",
            mode: .unordered, matches: false),
        MatchCase(
            name: "table: re-aligned columns", expected: dusageV3.components(separatedBy: "\n"), actual: dusageV3Realigned,
            mode: .table, matches: true),
        MatchCase(
            name: "exact: re-aligned columns differ", expected: dusageV3.components(separatedBy: "\n"), actual: dusageV3Realigned,
            matches: false),
        MatchCase(
            name: "table: a changed cell", expected: dusageV3.components(separatedBy: "\n"),
            actual: dusageV3Realigned.replacingOccurrences(of: "212.7 GiB", with: "213.0 GiB"), mode: .table, matches: false),
        MatchCase(
            name: "table: pipes", expected: ["| path | used |", "|---|---|", "| /cluster/home | 4.8 GiB |"],
            actual: "|path|used|\n|------|-----|\n|/cluster/home|4.8 GiB|\n", mode: .table, matches: true),
        MatchCase(
            name: "table: a wildcard cell", expected: ["JOBID  STATE", "[..]  RUNNING"], actual: "JOBID     STATE\n13456789  RUNNING\n",
            mode: .table, matches: true),
        MatchCase(
            name: "table: a missing cell", expected: ["a  b  c"], actual: "a  b\n", mode: .table, matches: false),
        MatchCase(name: "table: squeue as printed", expected: squeue, actual: squeue.joined(separator: "\n"), mode: .table, matches: true),
    ])
    func rules(_ example: MatchCase) {
        let matcher = OutputMatcher(mode: example.mode, substitutions: example.substitutions)
        let result = matcher.match(expected: example.expected, actual: example.actual)
        #expect(result.isMatch == example.matches, "\(result.diffText)")
        #expect(result.diffText.isEmpty == example.matches)
    }

    @Test("an invalid regular expression is reported")
    func invalidRegex() {
        let result = OutputMatcher().match(expected: ["ok", "job (\\d+ (re)"], actual: "ok\njob 1\n")
        #expect(result.problems.map(\.expectedIndex) == [1])
        #expect(result.problems.first?.message.contains("not a valid regular expression") == true)
    }

    @Test("the diff numbers expected lines with their block lines")
    func diffText() {
        let expected = [TranscriptLine(text: "a", line: 5), TranscriptLine(text: "b", line: 6), TranscriptLine(text: "c", line: 7)]
        let result = OutputMatcher().match(expected: expected, actual: "a\nB\nc\n")
        #expect(!result.isMatch)
        #expect(result.lines.map(\.kind) == [.context, .expected, .actual, .context])
        #expect(result.lines.map(\.expectedIndex) == [5, 6, nil, 7])
        #expect(result.lines.map(\.actualIndex) == [0, nil, 1, 2])
        #expect(result.diffText(lineNumber: { $0 + 1 }) == """
            @@ -6,3 +1,3 @@
              6 | a
            - 7 | b
            +   | B
              8 | c
            """)
    }

    @Test("hunks keep two lines of context and skip the rest")
    func hunks() {
        let expected = (1...20).map { "line \($0)" }
        let actual = expected.map { $0 == "line 3" ? "line three" : $0 == "line 17" ? "line seventeen" : $0 }
        let result = OutputMatcher().match(expected: expected, actual: actual.joined(separator: "\n"))
        let text = result.diffText(lineNumber: { $0 + 100 })
        #expect(text.components(separatedBy: "\n").filter { $0.hasPrefix("@@") } == ["@@ -100,5 +1,5 @@", "@@ -114,5 +15,5 @@"])
        #expect(text.contains("- 102 | line 3\n+     | line three"))
        #expect(!text.contains("line 10"))
    }

    @Test("the diff lists removed lines before added ones")
    func diffOrder() {
        let result = OutputMatcher().match(expected: ["a", "x", "y", "b"], actual: "a\n1\n2\nb\n")
        #expect(result.lines.map(\.kind) == [.context, .expected, .expected, .actual, .actual, .context])
    }

    @Test("lines absorbed by ... are not in the diff")
    func ellipsisDiff() {
        let result = OutputMatcher().match(expected: ["start", "...", "end"], actual: "start\n1\n2\nfinish\n")
        #expect(result.lines.map(\.kind) == [.context, .context, .expected, .actual])
        #expect(result.lines.map(\.text) == ["start", "...", "end", "finish"])
    }

    @Test("unordered diff: missing expected lines, then extra actual lines")
    func unorderedDiff() {
        let result = OutputMatcher(mode: .unordered).match(expected: ["b", "a", "z"], actual: "a\nb\nc\n")
        #expect(result.lines.map(\.kind) == [.context, .context, .expected, .actual])
        #expect(result.lines.map(\.text) == ["b", "a", "z", "c"])
    }

    @Test("a large output aligns quickly")
    func largeOutput() {
        let actual = (["first"] + (0..<20_000).map { "file_\($0).txt" } + ["last"]).joined(separator: "\n")
        #expect(OutputMatcher().match(expected: ["first", "...", "file_19999.txt", "last"], actual: actual).isMatch)
        #expect(!OutputMatcher().match(expected: ["first", "...", "lost"], actual: actual).isMatch)
    }

    // MARK: - Bless

    struct BlessCase: Sendable, CustomTestStringConvertible {
        var name: String
        var expected: [String]
        var actual: String
        var mode: OutputMatchMode = .exact
        var substitutions: [String: String] = [:]
        var blessed: [String]
        var testDescription: String { name }
    }

    @Test("bless rewrites only the lines that do not match", arguments: [
        BlessCase(
            name: "keeps [..], ... and (re) lines that still match",
            expected: ["Submitted batch job [..]", "...", "space used 4.8 GiB", "done in \\d+ s (re)"],
            actual: "Submitted batch job 42\nx\ny\nspace used 5.0 GiB\ndone in 7 s\n",
            blessed: ["Submitted batch job [..]", "...", "space used 5.0 GiB", "done in \\d+ s (re)"]),
        BlessCase(
            name: "a matching expectation is returned unchanged", expected: ["a   ", "[..]", ""], actual: "a\nb\n",
            blessed: ["a   ", "[..]", ""]),
        BlessCase(name: "removes missing lines", expected: ["a", "gone", "b"], actual: "a\nb\n", blessed: ["a", "b"]),
        BlessCase(name: "inserts new lines where they belong", expected: ["a", "c"], actual: "a\nb\nc\nd\n", blessed: ["a", "b", "c", "d"]),
        BlessCase(name: "replaces a wildcard that no longer matches", expected: ["job [..] done"], actual: "job 1 failed\n", blessed: ["job 1 failed"]),
        BlessCase(name: "empty expectation", expected: [], actual: "nn5019k\n", blessed: ["nn5019k"]),
        BlessCase(name: "nothing printed", expected: ["nn5019k"], actual: "", blessed: []),
        BlessCase(
            name: "writes placeholders, not sandbox paths", expected: ["/cluster/home/bencretois"], actual: "/tmp/sandbox/home\n",
            substitutions: ["[HOME]": "/tmp/sandbox/home"], blessed: ["[HOME]"]),
        BlessCase(
            name: "an actual line that looks like a regex is escaped", expected: ["x"], actual: "a.b (re)\n",
            blessed: ["a\\.b \\(re\\) (re)"]),
        BlessCase(
            name: "drops ANSI codes and trailing blank lines", expected: ["old"], actual: "\u{1B}[32mnew\u{1B}[0m\n\n\n", blessed: ["new"]),
        BlessCase(
            name: "unordered keeps matched lines and appends the extra ones", expected: ["b", "gone", "a"], actual: "a\nb\nc\n",
            mode: .unordered, blessed: ["b", "a", "c"]),
        BlessCase(
            name: "unordered with ... keeps it and adds nothing", expected: ["b", "...", "gone"], actual: "a\nb\nc\n",
            mode: .unordered, blessed: ["b", "..."]),
        BlessCase(
            name: "table keeps the page's alignment for rows that match",
            expected: ["path       used", "/home      4.8 GiB", "/projects  212.7 GiB"],
            actual: "path  used\n/home  4.8 GiB\n/projects  213.0 GiB\n", mode: .table,
            blessed: ["path       used", "/home      4.8 GiB", "/projects  213.0 GiB"]),
    ])
    func bless(_ example: BlessCase) {
        let blessed = OutputMatcher.bless(
            expected: example.expected, actual: example.actual, mode: example.mode, substitutions: example.substitutions)
        #expect(blessed == example.blessed)
        let matcher = OutputMatcher(mode: example.mode, substitutions: example.substitutions)
        #expect(matcher.match(expected: blessed, actual: example.actual).isMatch, "blessed lines must match")
    }

    // MARK: - Normalisation

    @Test("normalisation", arguments: [
        ("a\r\nb\r\n", [String: String](), ["a", "b"]),
        ("x \t\n\n\n", [:], ["x"]),
        ("\u{1B}[01;34mdeepexperiments\u{1B}[0m  notes.txt", [:], ["deepexperiments  notes.txt"]),
        ("/tmp/x/home/a and /tmp/x/b", ["[ROOT]": "/tmp/x", "[HOME]": "/tmp/x/home"], ["[HOME]/a and [ROOT]/b"]),
        ("Downloading 10%\rDownloading 100%", [:], ["Downloading 100%"]),
    ] as [(String, [String: String], [String])])
    func normalisation(text: String, substitutions: [String: String], lines: [String]) {
        #expect(OutputNormalizer.lines(text, substitutions: substitutions) == lines)
    }
}
