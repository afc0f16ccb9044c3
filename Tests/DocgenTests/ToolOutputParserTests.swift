import DocgenVerify
import Foundation
import Testing

/// Real-looking outputs of the cluster tools, from the guide, its seed and NRIS's documentation.
enum ToolSamples {
    static let dusageV014 = """
        dusage v0.1.4
                                  path    backup    space used     quota    files      quota
        ------------------------------  --------  ------------  --------  -------  ---------
                              /cluster        no       5.6 GiB         -   38 819          -
              /cluster/home/bencretois       yes       4.6 GiB  20.0 GiB    1 311    100 000
        /cluster/work/users/bencretois        no       0.0 KiB         -        0          -
             /cluster/projects/nn5019k       yes     938.2 MiB   1.0 TiB   37 508  1 000 000
        """

    /// As the seed guide shows it: the command's blank line before and after.
    static let dusageV014Seed = "\n" + dusageV014 + "\n\n"

    static let dusageV030 = """

        dusage v0.3.0

                             path    space used    quota (s)    quota (h)    files    quota (s)    quota (h)
        -------------------------  ------------  -----------  -----------  -------  -----------  -----------
         /cluster/home/bencretois       4.8 GiB     20.0 GiB     20.0 GiB    1 402      100 000      100 000
        /cluster/projects/nn5019k     212.7 GiB      1.0 TiB      1.0 TiB   41 276    1 000 000    1 000 000

        Please report issues at: https://github.com/NordicHPC/dusage
        """

    /// v0.3 on Betzy: soft and hard limits differ; the work area has no quota (blank cells).
    static let dusageV030Blanks = """

        dusage v0.3.8

                                  path    space used    quota (s)    quota (h)    files    quota (s)    quota (h)
        ------------------------------  ------------  -----------  -----------  -------  -----------  -----------
              /cluster/home/bencretois       4.8 GiB     20.0 GiB     30.0 GiB    1 402      100 000      110 000
        /cluster/work/users/bencretois     117.0 GiB                              3 764
             /cluster/projects/nn5019k     212.7 GiB      1.0 TiB      1.0 TiB   41 276    1 000 000    1 000 000

        Please report issues at: https://github.com/NordicHPC/dusage
        """

    /// NRIS's storage-quota page (v0.2.0), with its two note lines.
    static let dusageV020 = """

        dusage v0.2.0
                             path    backup    space used     quota      files       quota
        -------------------------  --------  ------------  --------  ---------  ----------
                         /cluster        no       6.4 GiB         -     17 509           -
               /cluster/home/user       yes       4.9 GiB  20.0 GiB     17 442     100 000
         /cluster/work/users/user        no      12.0 KiB         -          3           -
        /cluster/projects/nnABCDk       yes       2.8 TiB  10.0 TiB  1 889 937  10 000 000

        - This script is still being tested, unsure whether the backup information is correct.
          Please report issues at https://github.com/NordicHPC/dusage.
        """

    /// NRIS's Fram inode example: backup and soft/hard quotas together.
    static let dusageBackupSoftHard = """
                             path    backup    space used    quota (s)    quota (h)    files    quota (s)    quota (h)
        -------------------------  --------  ------------  -----------  -----------  -------  -----------  -----------
                         /cluster        no     313.7 GiB            -            -   50 442    1 000 000    3 000 000
               /cluster/home/user       yes       1.7 GiB     20.0 GiB     30.0 GiB   45 838      100 000      120 000
         /cluster/work/users/user        no     243.8 GiB            -            -    3 764            -            -
        /cluster/projects/nnABCDk       yes       4.0 KiB      1.0 TiB      1.1 TiB        1    1 048 576    1 150 976
        """

    static let cost = """
        Allocation period 2026.1 (2026-04-01 - 2026-10-01)
        Accounting updated 2026-06-15 09:12:44
        ============================================
        Account                            Cpu hours
        --------------------------------------------
        nn5019k          Quota (pri)        40000.00
        nn5019k          Quota (nonpri)         0.00
        nn5019k          Used               11873.42
        nn5019k          Running               72.00
        nn5019k          Pending                0.00
        nn5019k          Available          28054.58
        ============================================
        """

    /// `cost --details`, from a user's notes on Betzy (numbers round to one hundredth off).
    static let costDetails = """
        Allocation period 2023.2 (2023-10-01 - 2024-04-01)
        Accounting updated 2024-01-27 11:14:05
        ============================================
        Account                            Cpu hours
        --------------------------------------------
        nn9999k          Quota (pri)       500000.00
        nn9999k          Quota (nonpri)         0.00
        nn9999k          Used              358864.79
        nn9999k          Running             9218.57
        nn9999k          Pending                0.00
        nn9999k          Available         131916.65
        --------------------------------------------
        Account          User         Used cpu hours
        --------------------------------------------
        nn9999k          someone1          355442.28
        nn9999k          someone2            4645.47
        nn9999k          someone3             314.88
        ============================================
        """

    static let costTwoProjects = """
        Allocation period 2025.2 (2025-10-01 - 2026-04-01)
        Accounting updated 2026-01-10 08:00:01
        ============================================
        Account                            Cpu hours
        --------------------------------------------
        nn5019k          Quota (pri)        40000.00
        nn5019k          Quota (nonpri)      5000.00
        nn5019k          Used               44000.00
        nn5019k          Running                0.00
        nn5019k          Pending                0.00
        nn5019k          Available           1000.00
        nn9999o          Quota (pri)         1000.00
        nn9999o          Quota (nonpri)         0.00
        nn9999o          Used                1200.00
        nn9999o          Running                0.00
        nn9999o          Pending                0.00
        nn9999o          Available           -200.00
        ============================================
        """

    static let squeue = """
                     JOBID PARTITION     NAME     USER ST       TIME  NODES NODELIST(REASON)
                  13456789     accel train-cl bencreto  R      14:07      1 c7-2
                  13456790    normal preproce bencreto PD       0:00      1 (Priority)
        """

    static let squeueArray = """
                     JOBID PARTITION     NAME     USER ST       TIME  NODES NODELIST(REASON)
         13456790_[5-12%4]     accel lr-sweep bencreto PD       0:00      1 (JobArrayTaskLimit)
                13456790_1     accel lr-sweep bencreto  R      41:12      1 c7-3
                13456790_2     accel lr-sweep bencreto  R      41:12      1 c7-3
                13456790_3     accel lr-sweep bencreto  R      38:50      1 c7-5
                13456790_4     accel lr-sweep bencreto  R      12:03      1 c7-1
        """

    static let squeueLong = """
                     JOBID PARTITION     NAME     USER ST       TIME  NODES NODELIST(REASON)
                  13456801     accel train-cl bencreto  R 1-02:03:04      2 c7-[1-2]
                  13456802    bigmem big mode bencreto PD       0:00      1 (ReqNodeNotAvail, UnavailableNodes:c3-[1-28])
                  13456803    normal  cleanup bencreto CG       5:12      1 c1-14
        """

    /// `squeue -o "%.18i %.9P %.8j %.8u %.8T %.10M %.10l %.6D %R"`.
    static let squeueCustom = """
                     JOBID PARTITION     NAME     USER    STATE       TIME TIME_LIMIT  NODES NODELIST(REASON)
                  13456789     accel train-cl bencreto  RUNNING      14:07 1-00:00:00      1 c7-2
        """

    static let sacct = """
               JobID    JobName    Elapsed      State ExitCode     MaxRSS
        ------------ ---------- ---------- ---------- -------- ----------
        13456789     train-cla+   03:12:44  COMPLETED      0:0
        13456789.ba+      batch   03:12:44  COMPLETED      0:0  38112456K
        13456789.ex+     extern   03:12:44  COMPLETED      0:0      1024K
        """

    static let sacctDefault = """
        JobID           JobName  Partition    Account  AllocCPUS      State ExitCode
        ------------ ---------- ---------- ---------- ---------- ---------- --------
        13456789     train-cla+      accel    nn5019k          6  COMPLETED      0:0
        13456789.ba+      batch               nn5019k          6  COMPLETED      0:0
        13456789.ex+     extern               nn5019k          6  COMPLETED      0:0
        13456790     preprocess     normal    nn5019k          1 OUT_OF_ME+    0:125
        13456790.ba+      batch               nn5019k          1 OUT_OF_ME+    0:125
        13456790.ex+     extern               nn5019k          1  COMPLETED      0:0
        13456791      lr-sweep      accel    nn5019k          6 CANCELLED+     0:15
        13456792      lr-sweep      accel    nn5019k          6     FAILED      1:0
        13456792.0      python               nn5019k          6     FAILED      1:0
        """

    static let sacctParsable = """
        JobID|JobName|Partition|State|ExitCode|Elapsed|MaxRSS
        13456789|train-classifier|accel|COMPLETED|0:0|03:12:44|
        13456789.batch|batch||COMPLETED|0:0|03:12:44|38112456K
        13456789.extern|extern||COMPLETED|0:0|03:12:44|1024K
        """
}

@Suite("Tool output parsers")
struct ToolOutputParserTests {
    /// The 1-based column of `text` on `line`.
    static func column(of text: String, in line: String) -> Int {
        guard let range = line.range(of: text) else { return 0 }
        return line.distance(from: line.startIndex, to: range.lowerBound) + 1
    }

    /// Replaces one line of a sample (0-based, counted in the sample's text).
    static func replacing(_ sample: String, line: Int, with text: String) -> String {
        var lines = sample.components(separatedBy: "\n")
        lines[line] = text
        return lines.joined(separator: "\n")
    }

    // MARK: - dusage

    @Test("dusage: real outputs parse without problems", arguments: [
        ("v0.1.4", ToolSamples.dusageV014, DusageReport.Layout.backupSingleQuota, 4),
        ("v0.1.4 as the seed shows it", ToolSamples.dusageV014Seed, .backupSingleQuota, 4),
        ("v0.3.0", ToolSamples.dusageV030, .softHard, 2),
        ("v0.3.8 with blank cells", ToolSamples.dusageV030Blanks, .softHard, 3),
        ("v0.2.0 with notes", ToolSamples.dusageV020, .backupSingleQuota, 4),
        ("backup with soft and hard quotas", ToolSamples.dusageBackupSoftHard, .backupSoftHard, 4),
        ("colours", ToolSamples.dusageV030.replacingOccurrences(of: "212.7 GiB", with: "\u{1B}[31m212.7 GiB\u{1B}[0m"), .softHard, 2),
    ])
    func dusageValid(name: String, text: String, layout: DusageReport.Layout, rows: Int) throws {
        let result = DusageReport.parse(text)
        #expect(result.problems.isEmpty, "\(result.problems)")
        let report = try #require(result.value)
        #expect(report.layout == layout)
        #expect(report.rows.count == rows)
    }

    @Test("dusage: values are typed")
    func dusageValues() throws {
        let report = try #require(DusageReport.parse(ToolSamples.dusageV014).value)
        #expect(report.version == "0.1.4")
        let project = try #require(report.rows.last)
        #expect(project.path == "/cluster/projects/nn5019k")
        #expect(project.backup == true)
        #expect(project.spaceUsed?.bytes == 938.2 * 1024 * 1024)
        #expect(project.spaceSoftQuota?.text == "1.0 TiB")
        #expect(project.spaceHardQuota == project.spaceSoftQuota)
        #expect(project.files == 37_508)
        #expect(project.filesHardQuota == 1_000_000)
        #expect(project.line == 6)
        let cluster = try #require(report.rows.first)
        #expect(cluster.spaceSoftQuota == nil)
        #expect(cluster.files == 38_819)

        let blanks = try #require(DusageReport.parse(ToolSamples.dusageV030Blanks).value)
        #expect(blanks.version == "0.3.8")
        #expect(blanks.rows[0].spaceSoftQuota?.text == "20.0 GiB")
        #expect(blanks.rows[0].spaceHardQuota?.text == "30.0 GiB")
        #expect(blanks.rows[0].filesHardQuota == 110_000)
        #expect(blanks.rows[1].path == "/cluster/work/users/bencretois")
        #expect(blanks.rows[1].spaceHardQuota == nil)
        #expect(blanks.rows[1].files == 3_764)
        #expect(blanks.rows[1].filesSoftQuota == nil)
    }

    @Test("dusage sizes", arguments: [
        ("4.6 GiB", 4.6 * 1024 * 1024 * 1024),
        ("938.2 MiB", 938.2 * 1024 * 1024),
        ("0.0 KiB", 0),
        ("1.0 TiB", 1024.0 * 1024 * 1024 * 1024),
        ("512.0", 512),
    ] as [(String, Double)])
    func dusageSizes(text: String, bytes: Double) {
        #expect(DusageSize(text)?.bytes == bytes)
    }

    @Test("dusage sizes that are not dusage's", arguments: ["4.6 GB", "4.6GiB", "GiB", "-1.0 GiB", "4,6 GiB", "1.0  TiB", ""])
    func dusageBadSizes(_ text: String) {
        #expect(DusageSize(text) == nil)
    }

    struct BrokenCase: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var id: String
        var line: Int
        /// The text the problem points at on its line; column 1 when nil and `column` is nil.
        var at: String?
        var column: Int?
        /// How many problems the text has (the first is checked).
        var count = 1
        var testDescription: String { name }

        /// Checks the first of `problems` against the case.
        func check(_ problems: [ToolOutputProblem]) throws {
            let problem = try #require(problems.first, "expected \(id)")
            #expect(problems.count == count, "\(problems)")
            #expect(problem.id == id)
            #expect(problem.line == line)
            let lines = text.components(separatedBy: "\n")
            let expectedColumn = column ?? at.map { ToolOutputParserTests.column(of: $0, in: line < lines.count ? lines[line] : "") } ?? 1
            #expect(problem.column == expectedColumn)
            #expect(!problem.message.isEmpty)
        }
    }

    static let overQuotaRow = "      /cluster/home/bencretois       yes      25.0 GiB  20.0 GiB    1 311    100 000"

    @Test("dusage: broken and inconsistent outputs", arguments: [
        BrokenCase(
            name: "used above the quota", text: replacing(ToolSamples.dusageV014, line: 4, with: overQuotaRow),
            id: "parse.dusage.over-quota", line: 4, at: "25.0 GiB"),
        BrokenCase(
            name: "used above the hard quota (v0.3)",
            text: ToolSamples.dusageV030.replacingOccurrences(of: "  212.7 GiB      1.0 TiB", with: "    1.2 TiB      1.0 TiB"),
            id: "parse.dusage.over-quota", line: 6, at: "1.2 TiB"),
        BrokenCase(
            name: "soft quota above the hard one",
            text: ToolSamples.dusageV030.replacingOccurrences(of: "20.0 GiB     20.0 GiB", with: "30.0 GiB     20.0 GiB"),
            id: "parse.dusage.soft-above-hard", line: 5, at: "30.0 GiB"),
        BrokenCase(
            name: "more files than the file quota",
            text: ToolSamples.dusageV014.replacingOccurrences(of: "1 311    100 000", with: "101 311  100 000"),
            id: "parse.dusage.over-file-quota", line: 4, at: "101 311"),
        BrokenCase(
            name: "decimal units", text: ToolSamples.dusageV014.replacingOccurrences(of: "  4.6 GiB", with: "   4.6 GB"),
            id: "parse.dusage.malformed", line: 4, at: "4.6 GB"),
        BrokenCase(
            name: "file count without grouping", text: ToolSamples.dusageV014.replacingOccurrences(of: " 38 819", with: "  38819"),
            id: "parse.dusage.malformed", line: 3, at: "38819"),
        BrokenCase(
            name: "a missing cell in the old layout",
            text: ToolSamples.dusageV014.replacingOccurrences(of: "20.0 GiB    1 311", with: "            1 311"),
            // The empty quota cell: where its column's rule starts.
            id: "parse.dusage.malformed", line: 4, column: 57),
        BrokenCase(
            name: "text outside the columns", text: ToolSamples.dusageV014.replacingOccurrences(of: "1 000 000", with: "1 000 000   extra"),
            id: "parse.dusage.misaligned", line: 6, at: "extra"),
        BrokenCase(
            name: "backup is not yes or no", text: ToolSamples.dusageV014.replacingOccurrences(of: "   yes       4.6", with: " maybe       4.6"),
            id: "parse.dusage.malformed", line: 4, at: "maybe"),
        BrokenCase(
            name: "a relative path", text: ToolSamples.dusageV014.replacingOccurrences(of: "      /cluster/home/bencretois", with: "                 home/bencretois"),
            id: "parse.dusage.malformed", line: 4, at: "home/bencretois"),
        BrokenCase(name: "not dusage at all", text: "nn5019k\n", id: "parse.dusage.not-dusage", line: 0),
        BrokenCase(
            name: "unknown columns", text: ToolSamples.dusageV014.replacingOccurrences(of: "backup    space used", with: "backup    space free"),
            id: "parse.dusage.not-dusage", line: 1),
        BrokenCase(
            name: "the header of another version",
            text: ToolSamples.dusageV014.replacingOccurrences(of: "  files      quota", with: "  files      limit"),
            id: "parse.dusage.unknown-header", line: 1, at: "path"),
        BrokenCase(
            name: "version and layout disagree", text: ToolSamples.dusageV014.replacingOccurrences(of: "v0.1.4", with: "v0.3.0"),
            id: "parse.dusage.version-mismatch", line: 0),
        BrokenCase(
            name: "no rule under the header",
            text: ToolSamples.dusageV014.replacingOccurrences(of: "------------------------------  --------  ------------  --------  -------  ---------\n", with: ""),
            id: "parse.dusage.malformed", line: 2),
        BrokenCase(
            name: "text after the table", text: ToolSamples.dusageV030.replacingOccurrences(of: "Please report issues", with: "All good, plenty of space"),
            id: "parse.dusage.unexpected-line", line: 8),
        BrokenCase(
            name: "no rows", text: "dusage v0.1.4\n" + ToolSamples.dusageV014.components(separatedBy: "\n")[1...2].joined(separator: "\n"),
            id: "parse.dusage.empty", line: 2),
    ])
    func dusageBroken(_ example: BrokenCase) throws {
        let result = DusageReport.parse(example.text)
        try example.check(result.problems)
    }

    // MARK: - projects

    @Test("projects: real outputs", arguments: [
        ("nn5019k\n", ["nn5019k"]),
        ("nn9997k\nnn9999k\nnn9999o\n", ["nn9997k", "nn9999k", "nn9999o"]),
        ("project_465000000\n", ["project_465000000"]),
        ("\nnn5019k\n\n", ["nn5019k"]),
    ])
    func projectsValid(text: String, names: [String]) throws {
        let result = ProjectList.parse(text)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(try #require(result.value).names == names)
    }

    @Test("projects: kinds")
    func projectKinds() {
        #expect(ProjectList.kind(of: "nn5019k") == .nris)
        #expect(ProjectList.kind(of: "nn9999o") == .nris)
        #expect(ProjectList.kind(of: "project_465000000") == .lumi)
        #expect(ProjectList.kind(of: "nn5019") == nil)
        #expect(ProjectList.kind(of: "NN5019K") == nil)
        #expect(ProjectList.kind(of: "project_46500000") == nil)
    }

    @Test("projects: broken outputs", arguments: [
        BrokenCase(name: "placeholder", text: "nnXXXXk\n", id: "parse.projects.placeholder", line: 0),
        BrokenCase(name: "upper case", text: "nn5019k\nNN9999K\n", id: "parse.projects.malformed", line: 1),
        BrokenCase(name: "too few digits", text: "nn501k\n", id: "parse.projects.malformed", line: 0),
        BrokenCase(name: "two on a line", text: "nn9997k nn9999k\n", id: "parse.projects.malformed", line: 0, at: "nn9999k"),
        BrokenCase(name: "twice", text: "nn5019k\nnn9999o\nnn5019k\n", id: "parse.projects.duplicate", line: 2),
        BrokenCase(name: "empty", text: "\n", id: "parse.projects.empty", line: 0),
        BrokenCase(name: "NRIS and LUMI together", text: "nn5019k\nproject_465000000\n", id: "parse.projects.mixed-clusters", line: 1),
        BrokenCase(name: "not projects output", text: "Submitted batch job 13456789\n", id: "parse.projects.malformed", line: 0, at: "batch"),
    ])
    func projectsBroken(_ example: BrokenCase) throws {
        let result = ProjectList.parse(example.text)
        try example.check(result.problems)
    }

    // MARK: - cost

    @Test("cost: real outputs add up", arguments: [
        ("the guide's", ToolSamples.cost, 1),
        ("--details", ToolSamples.costDetails, 1),
        ("two projects, one over its quota", ToolSamples.costTwoProjects, 2),
    ])
    func costValid(name: String, text: String, accounts: Int) throws {
        let result = CostReport.parse(text)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(try #require(result.value).accounts.count == accounts)
    }

    @Test("cost: values are typed")
    func costValues() throws {
        let report = try #require(CostReport.parse(ToolSamples.cost).value)
        #expect(report.period == "2026.1")
        #expect(report.periodStart == "2026-04-01")
        #expect(report.periodEnd == "2026-10-01")
        #expect(report.updated == "2026-06-15 09:12:44")
        #expect(report.unit == "Cpu hours")
        let account = try #require(report.accounts.first)
        #expect(account.project == "nn5019k")
        #expect(account.quota == 40_000)
        #expect(account.used == 11_873.42)
        #expect(account.running == 72)
        #expect(account.remaining == 28_054.58)
        #expect(account.line == 5)
        let details = try #require(CostReport.parse(ToolSamples.costDetails).value)
        #expect(details.users.map(\.user) == ["someone1", "someone2", "someone3"])
        #expect(details.users.first?.used == 355_442.28)
    }

    static let costAvailableLine = "nn5019k          Available          28054.58"

    @Test("cost: inconsistent and broken outputs", arguments: [
        BrokenCase(
            name: "available is not quota minus the rest",
            text: ToolSamples.cost.replacingOccurrences(of: "28054.58", with: "28954.58"),
            id: "parse.cost.arithmetic", line: 10, at: "28954.58"),
        BrokenCase(
            name: "used above the quota with hours left",
            text: ToolSamples.cost.replacingOccurrences(of: "11873.42", with: "41873.42"),
            id: "parse.cost.over-quota", line: 10, at: "28054.58"),
        BrokenCase(
            name: "period and dates disagree",
            text: ToolSamples.cost.replacingOccurrences(of: "2026.1 (2026-04-01 - 2026-10-01)", with: "2026.1 (2026-10-01 - 2027-04-01)"),
            id: "parse.cost.period-mismatch", line: 0, at: "2026.1",
            // The update of 2026-06-15 then lies outside the period as well.
            count: 2),
        BrokenCase(
            name: "updated outside the period",
            text: ToolSamples.cost.replacingOccurrences(of: "updated 2026-06-15", with: "updated 2025-06-15"),
            id: "parse.cost.updated-outside-period", line: 1, at: "2025-06-15"),
        BrokenCase(
            name: "no Available row",
            text: ToolSamples.cost.replacingOccurrences(of: "\(costAvailableLine)\n", with: ""),
            id: "parse.cost.missing-row", line: 5),
        BrokenCase(
            name: "an unknown row", text: ToolSamples.cost.replacingOccurrences(of: "Running    ", with: "Reserved   "),
            id: "parse.cost.malformed", line: 8, at: "Reserved",
            // Without a Running row the sum no longer matches Available either.
            count: 2),
        BrokenCase(
            name: "a negative used", text: ToolSamples.cost.replacingOccurrences(of: "   0.00\nnn5019k          Available", with: "  -0.01\nnn5019k          Available"),
            id: "parse.cost.negative", line: 9, at: "-0.01",
            // The sum is off by the same 0.01 only, within rounding.
            count: 1),
        BrokenCase(
            name: "a row twice", text: ToolSamples.cost.replacingOccurrences(of: "nn5019k          Pending                0.00", with: "nn5019k          Running                0.00"),
            id: "parse.cost.duplicate-row", line: 9, at: "Running",
            // Without a Pending row the sum still matches (pending was 0).
            count: 1),
        BrokenCase(
            name: "a placeholder project", text: ToolSamples.cost.replacingOccurrences(of: "nn5019k", with: "nnXXXXk"),
            id: "parse.cost.project-name", line: 5),
        BrokenCase(name: "not cost output", text: ToolSamples.squeue, id: "parse.cost.not-cost", line: 0),
        BrokenCase(
            name: "a --details row for another project",
            text: ToolSamples.costDetails.replacingOccurrences(of: "nn9999k          someone3", with: "nn9998k          someone3"),
            id: "parse.cost.unknown-project", line: 16),
    ])
    func costBroken(_ example: BrokenCase) throws {
        let result = CostReport.parse(example.text)
        try example.check(result.problems)
    }

    // MARK: - squeue

    @Test("squeue: real outputs", arguments: [
        ("submitting.md", ToolSamples.squeue, 2),
        ("array-jobs.md", ToolSamples.squeueArray, 5),
        ("days, spaces in a name and a reason, completing", ToolSamples.squeueLong, 3),
        ("custom format with STATE and TIME_LIMIT", ToolSamples.squeueCustom, 1),
        ("a title cut to its column (%.9l)", """
                         JOBID PARTITION     NAME     USER ST       TIME TIME_LIMI  NODES NODELIST(REASON)
                      13456789     accel train-cl bencreto  R      14:07   2:00:00      1 c7-2
            """, 1),
        ("an empty queue", "             JOBID PARTITION     NAME     USER ST       TIME  NODES NODELIST(REASON)\n", 0),
    ])
    func squeueValid(name: String, text: String, jobs: Int) throws {
        let result = SqueueListing.parse(text)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(try #require(result.value).jobs.count == jobs)
    }

    @Test("squeue: values are typed")
    func squeueValues() throws {
        let listing = try #require(SqueueListing.parse(ToolSamples.squeueArray).value)
        #expect(listing.columns == ["JOBID", "PARTITION", "NAME", "USER", "ST", "TIME", "NODES", "NODELIST(REASON)"])
        let pending = try #require(listing.jobs.first)
        #expect(pending.jobID == "13456790_[5-12%4]")
        #expect(pending.state == "PD")
        #expect(pending.reason == "JobArrayTaskLimit")
        #expect(pending.line == 1)
        let running = listing.jobs[1]
        #expect(running.partition == "accel")
        #expect(running.name == "lr-sweep")
        #expect(running.user == "bencreto")
        #expect(running.elapsedSeconds == 41 * 60 + 12)
        #expect(running.nodes == 1)
        #expect(running.nodeListOrReason == "c7-3")
        #expect(running.reason == nil)
        let long = try #require(SqueueListing.parse(ToolSamples.squeueLong).value)
        #expect(long.jobs[0].elapsedSeconds == 86_400 + 2 * 3600 + 3 * 60 + 4)
        #expect(long.jobs[1].name == "big mode")
        #expect(long.jobs[1].reason == "ReqNodeNotAvail, UnavailableNodes:c3-[1-28]")
    }

    static let squeueHeader = "             JOBID PARTITION     NAME     USER ST       TIME  NODES NODELIST(REASON)\n"

    @Test("squeue: broken and inconsistent outputs", arguments: [
        BrokenCase(
            name: "an unknown state code", text: squeueHeader + "          13456789     accel train-cl bencreto  X      14:07      1 c7-2",
            id: "parse.squeue.bad-state", line: 1, at: "X"),
        BrokenCase(
            name: "seconds above 59", text: squeueHeader + "          13456789     accel train-cl bencreto  R      14:75      1 c7-2",
            id: "parse.squeue.bad-time", line: 1, at: "14:75"),
        BrokenCase(
            name: "hours without days above 23", text: squeueHeader + "          13456789     accel train-cl bencreto  R   30:00:00      1 c7-2",
            id: "parse.squeue.bad-time", line: 1, at: "30:00:00"),
        BrokenCase(
            name: "a pending job that has run", text: squeueHeader + "          13456790    normal preproce bencreto PD       5:00      1 (Priority)",
            id: "parse.squeue.pending-with-time", line: 1, at: "5:00"),
        BrokenCase(
            name: "a pending job on nodes", text: squeueHeader + "          13456790    normal preproce bencreto PD       0:00      1 c1-5",
            id: "parse.squeue.pending-with-nodes", line: 1, at: "c1-5"),
        BrokenCase(
            name: "a running job with a reason", text: squeueHeader + "          13456789     accel train-cl bencreto  R      14:07      1 (Priority)",
            id: "parse.squeue.running-without-nodes", line: 1, at: "(Priority)"),
        BrokenCase(
            name: "a job id that is not one", text: squeueHeader + "          job-7788     accel train-cl bencreto  R      14:07      1 c7-2",
            id: "parse.squeue.bad-job-id", line: 1, at: "job-7788"),
        BrokenCase(
            name: "a job twice", text: ToolSamples.squeue + "\n          13456789     accel train-cl bencreto  R      14:07      1 c7-2",
            id: "parse.squeue.duplicate-job", line: 3, at: "13456789"),
        BrokenCase(
            name: "zero nodes", text: squeueHeader + "          13456789     accel train-cl bencreto  R      14:07      0 c7-2",
            id: "parse.squeue.malformed", line: 1, at: "0 c7-2"),
        BrokenCase(
            name: "a missing column", text: squeueHeader + "          13456789     accel bencreto  R      14:07      1 c7-2",
            id: "parse.squeue.malformed", line: 1),
        BrokenCase(
            name: "a column squeue does not have", text: "JOBID  PARTITION  WALLCLOCK\n13456789  accel  1:00\n",
            id: "parse.squeue.unknown-column", line: 0, at: "WALLCLOCK"),
        BrokenCase(
            name: "run longer than the limit",
            text: ToolSamples.squeueCustom.replacingOccurrences(of: "     14:07 1-00:00:00", with: "1-02:00:00 1-00:00:00"),
            id: "parse.squeue.over-time-limit", line: 1, at: "1-02:00:00"),
        BrokenCase(name: "not squeue output", text: ToolSamples.cost, id: "parse.squeue.not-squeue", line: 0),
        BrokenCase(name: "empty", text: "", id: "parse.squeue.not-squeue", line: 0),
    ])
    func squeueBroken(_ example: BrokenCase) throws {
        let result = SqueueListing.parse(example.text)
        try example.check(result.problems)
    }

    // MARK: - sacct

    @Test("sacct: real outputs", arguments: [
        ("submitting.md", ToolSamples.sacct, 3),
        ("default columns, several jobs", ToolSamples.sacctDefault, 9),
        ("--parsable2", ToolSamples.sacctParsable, 3),
    ])
    func sacctValid(name: String, text: String, rows: Int) throws {
        let result = SacctListing.parse(text)
        #expect(result.problems.isEmpty, "\(result.problems)")
        #expect(try #require(result.value).rows.count == rows)
    }

    @Test("sacct: values are typed")
    func sacctValues() throws {
        let listing = try #require(SacctListing.parse(ToolSamples.sacct).value)
        #expect(listing.columns == ["JobID", "JobName", "Elapsed", "State", "ExitCode", "MaxRSS"])
        #expect(listing.rows.map(\.step) == [nil, "ba+", "ex+"])
        #expect(listing.rows.map(\.isStep) == [false, true, true])
        #expect(listing.rows[0].jobName == "train-cla+")
        #expect(listing.rows[0].maxRSS == "")
        #expect(listing.rows[1].maxRSSBytes == Double(38_112_456 * 1024))
        #expect(listing.rows[1].elapsedSeconds == 3 * 3600 + 12 * 60 + 44)
        #expect(listing.rows[2].exitCode == "0:0")
        let parsable = try #require(SacctListing.parse(ToolSamples.sacctParsable).value)
        #expect(parsable.rows.map(\.jobID) == ["13456789", "13456789.batch", "13456789.extern"])
        #expect(parsable.rows[0].jobName == "train-classifier")
        #expect(parsable.rows[1].step == "batch")
    }

    static let sacctHeader = """
               JobID    JobName    Elapsed      State ExitCode     MaxRSS
        ------------ ---------- ---------- ---------- -------- ----------

        """

    @Test("sacct: broken and inconsistent outputs", arguments: [
        BrokenCase(
            name: "an exit code without a signal", text: sacctHeader + "13456789     train-cla+   03:12:44  COMPLETED      0-0",
            id: "parse.sacct.bad-exit-code", line: 2, at: "0-0"),
        BrokenCase(
            name: "an unknown state", text: sacctHeader + "13456789     train-cla+   03:12:44       DONE      0:0",
            id: "parse.sacct.bad-state", line: 2, at: "DONE"),
        BrokenCase(
            name: "completed with a non-zero exit code", text: sacctHeader + "13456789     train-cla+   03:12:44  COMPLETED      1:0",
            id: "parse.sacct.state-exit-mismatch", line: 2, at: "1:0"),
        BrokenCase(
            name: "failed with exit code 0:0", text: sacctHeader + "13456789     train-cla+   03:12:44     FAILED      0:0",
            id: "parse.sacct.state-exit-mismatch", line: 2, at: "0:0"),
        BrokenCase(
            name: "a step of another job",
            text: sacctHeader + "13456789     train-cla+   03:12:44  COMPLETED      0:0\n13456799.ba+      batch   03:12:44  COMPLETED      0:0  38112456K",
            id: "parse.sacct.orphan-step", line: 3),
        BrokenCase(
            name: "a step before its job", text: sacctHeader + "13456789.ba+      batch   03:12:44  COMPLETED      0:0  38112456K",
            id: "parse.sacct.orphan-step", line: 2),
        BrokenCase(
            name: "a step longer than its job",
            text: sacctHeader + "13456789     train-cla+   03:12:44  COMPLETED      0:0\n13456789.ba+      batch   04:12:44  COMPLETED      0:0  38112456K",
            id: "parse.sacct.step-longer-than-job", line: 3, at: "04:12:44"),
        BrokenCase(
            name: "an elapsed time that is not one", text: sacctHeader + "13456789     train-cla+   3h12m44s  COMPLETED      0:0",
            id: "parse.sacct.bad-time", line: 2, at: "3h12m44s"),
        BrokenCase(
            name: "memory with a decimal unit",
            text: sacctHeader + "13456789     train-cla+   03:12:44  COMPLETED      0:0\n13456789.ba+      batch   03:12:44  COMPLETED      0:0       38GB",
            id: "parse.sacct.bad-memory", line: 3, at: "38GB"),
        BrokenCase(
            name: "a job id that is not one", text: sacctHeader + "train        train-cla+   03:12:44  COMPLETED      0:0",
            id: "parse.sacct.bad-job-id", line: 2),
        BrokenCase(
            name: "text outside the columns", text: sacctHeader + "13456789     train-cla+   03:12:44  COMPLETED      0:0    1024K  extra",
            id: "parse.sacct.misaligned", line: 2, at: "extra"),
        BrokenCase(
            name: "no rule under the header", text: "       JobID    JobName      State ExitCode\n13456789     train-cla+  COMPLETED      0:0\n",
            id: "parse.sacct.malformed", line: 1),
        BrokenCase(
            name: "a field sacct does not have", text: "JobID|Wallclock|State\n13456789|1:00|COMPLETED\n",
            id: "parse.sacct.unknown-column", line: 0, at: "Wallclock"),
        BrokenCase(
            name: "a parsable row with a field missing", text: "JobID|State|ExitCode\n13456789|COMPLETED\n",
            id: "parse.sacct.malformed", line: 1),
        BrokenCase(name: "not sacct output", text: ToolSamples.dusageV014, id: "parse.sacct.not-sacct", line: 0),
    ])
    func sacctBroken(_ example: BrokenCase) throws {
        let result = SacctListing.parse(example.text)
        try example.check(result.problems)
    }

    // MARK: - Catalog

    @Test("the catalog knows the five tools")
    func catalogNames() {
        #expect(ToolOutputCatalog.toolNames == ["cost", "dusage", "projects", "sacct", "squeue"])
        #expect(ToolOutputCatalog.check(tool: "seff", output: "Job ID: 1") == nil)
    }

    @Test("the catalog checks each tool's output", arguments: [
        ("cost", ToolSamples.cost),
        ("dusage", ToolSamples.dusageV030),
        ("projects", "nn5019k\n"),
        ("sacct", ToolSamples.sacct),
        ("squeue", ToolSamples.squeue),
    ])
    func catalogChecks(tool: String, output: String) {
        #expect(ToolOutputCatalog.check(tool: tool, output: output) == [])
        for other in ToolOutputCatalog.toolNames where other != tool {
            #expect(ToolOutputCatalog.check(tool: other, output: output)?.isEmpty == false, "\(other) accepted \(tool) output")
        }
    }

    // MARK: - The guide's own outputs

    @Test("every tool output in the guide passes its parser")
    func guideOutputs() throws {
        var checked = 0
        for block in try VerifyGuideBlocks.all(language: "console") {
            for command in Transcript(parsing: block.code).commands {
                guard let name = command.commandName, ToolOutputCatalog.toolNames.contains(name), !command.output.isEmpty else { continue }
                let output = command.outputLines.joined(separator: "\n")
                let problems = try #require(ToolOutputCatalog.check(tool: name, output: output))
                for problem in problems {
                    let line = block.firstLine + command.output[problem.line].line
                    Issue.record("\(block.file):\(line):\(problem.column): \(problem.id): \(problem.message)")
                }
                checked += 1
            }
        }
        for block in try VerifyGuideBlocks.all(infoContains: "verify=parse") {
            let tool = try #require(ToolOutputCatalog.toolNames.first { block.info.contains("parser=\($0)") })
            for problem in try #require(ToolOutputCatalog.check(tool: tool, output: block.code)) {
                Issue.record("\(block.file):\(block.firstLine + problem.line):\(problem.column): \(problem.id): \(problem.message)")
            }
            checked += 1
        }
        #expect(checked >= 7)
    }
}
