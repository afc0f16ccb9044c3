import DocgenCore
import DocgenMarkdown
import DocgenRender
import DocgenVerify
import Testing

/// Inputs that made a parser trap, found with the libFuzzer targets in `Fuzz/` (`make fuzz`) and by
/// feeding those targets the edge cases their dictionaries hint at: numbers from the page too large
/// for `Int` (arithmetic overflow, or a `Double` converted to `Int`), and a highlighter that stepped
/// past the end of a block. Each test checks that the code now returns instead of trapping.
@Suite("Fuzz regressions")
struct FuzzRegressionTests {
    /// `--time` values whose seconds do not fit in an `Int`: each part, the day part, and the sum.
    @Test("A Slurm time too large for Int is an error, not a trap", arguments: [
        "999999999999999999",  // minutes × 60
        "999999999999999-00:00:00",  // days × 86,400
        "9223372036854775807:00",  // minutes:seconds
        "106751991167300-23:59:59",  // the parts fit, their sum does not
    ])
    func hugeSlurmTime(_ text: String) {
        #expect(throws: SlurmValueError.self) { try SlurmTime.parse(text) }
        #expect((try? SlurmTime.parse("7-00:00:00"))?.seconds == 7 * 86_400)
    }

    /// The "did you mean" guess for `2h`-style mistakes multiplied without a check.
    @Test("A huge `NUMBERh` time gives an error without a suggestion", arguments: ["9999999999999999h", "9999999999999999days"])
    func hugeSlurmTimeGuess(_ text: String) {
        let error = #expect(throws: SlurmValueError.self) { try SlurmTime.parse(text) }
        #expect(error?.suggestion == nil)
        #expect(throws: SlurmValueError.self) { try SlurmTime.parse("2h") }
    }

    /// The linter reads `--time` while building its context; the overflow trapped there first.
    @Test("The linter reports a huge --time instead of trapping")
    func lintHugeTime() throws {
        var linter = SlurmLinter(catalog: try ClusterCatalog.bundled())
        linter.checksBashSyntax = false
        let script = """
            #!/bin/bash
            #SBATCH --account=nn1234k
            #SBATCH --time=999999999999999999
            #SBATCH --mem=4G

            python job.py
            """
        let diagnostics = linter.lint(script, cluster: "saga", origin: SourceLocation(file: "job.sh", line: 1, column: 1))
        #expect(diagnostics.contains { $0.location.line == 3 })
    }

    /// squeue's TIME and TIME_LIMIT with a day count that overflows `Int` once turned into seconds.
    @Test("squeue durations too large for Int do not trap", arguments: [
        "999999999999999999-00:00:00   2:00:00",
        "     14:07 999999999999999999-00:00:00",
    ])
    func hugeSqueueDuration(_ columns: String) {
        let text = """
                         JOBID PARTITION     NAME     USER ST       TIME TIME_LIMI  NODES NODELIST(REASON)
                      13456789     accel train-cl bencreto  R \(columns)      1 c7-2
            """
        let result = SqueueListing.parse(text)
        #expect(result.value != nil || !result.problems.isEmpty)
        for job in result.value?.jobs ?? [] {
            #expect(job.elapsedSeconds == nil || job.elapsedSeconds == 14 * 60 + 7)
        }
    }

    /// sacct's Elapsed: the same overflow, then `Int(Double)` of the seconds in `elapsedSeconds`.
    @Test("sacct durations too large for Int do not trap")
    func hugeSacctDuration() {
        let text = """
            JobID|JobName|Partition|State|ExitCode|Elapsed|MaxRSS
            13456789|train-classifier|accel|COMPLETED|0:0|999999999999999999-00:00:00|
            13456789.batch|batch||COMPLETED|0:0|03:12:44|38112456K
            """
        let result = SacctListing.parse(text)
        #expect(result.value != nil || !result.problems.isEmpty)
        #expect(result.value?.rows.first?.elapsedSeconds == nil)
    }

    /// cost's hours printed in a problem message: `Int(Double)` of 1e20 hours trapped.
    @Test("cost figures too large for Int do not trap")
    func hugeCostHours() {
        let text = """
            Allocation period 2026.1 (2026-04-01 - 2026-10-01)
            Accounting updated 2026-06-15 09:12:44
            ============================================
            Account                            Cpu hours
            --------------------------------------------
            nn5019k          Quota (pri)        40000.00
            nn5019k          Quota (nonpri)         0.00
            nn5019k          Used               100000000000000000000.00
            nn5019k          Running               72.00
            nn5019k          Pending                0.00
            nn5019k          Available          28054.58
            ============================================
            """
        let result = CostReport.parse(text)
        // The figures do not add up, so the report has a problem, and its message names the huge value.
        #expect(!result.problems.isEmpty)
    }

    /// The shell highlighter skipped two characters after a backslash inside double quotes, so a
    /// block ending in `"...\` moved the cursor past its end and sliced out of range (FuzzMarkdown).
    @Test("A code block ending in a backslash inside quotes renders", arguments: [
        "```console\n$ echo \"abc\\\n```\n",
        "```bash\necho \"abc\\\n```\n",
        "```console\n$ echo \"\\",
    ])
    func trailingBackslashInQuotes(_ page: String) {
        var (document, _) = MarkdownParser.parse(page, file: "page.md")
        AlertTransform.apply(&document.tree)
        HeadingIDTransform.apply(&document.tree)
        let html = HTMLRenderer().render(document.tree)
        #expect(html.contains("abc") || html.contains("echo"))
    }
}
