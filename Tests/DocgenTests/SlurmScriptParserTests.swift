@testable import DocgenVerify
import Testing

/// The Slurm batch-script parser and the typed values of its options.
@Suite("Slurm script parser")
struct SlurmScriptParserTests {
    /// One directive line and what it should canonicalise to.
    struct DirectiveCase: Sendable, CustomTestStringConvertible {
        var line: String
        var option: String
        var value: String?
        var testDescription: String { line }
    }

    @Test("every directive form is canonicalised to its long option", arguments: [
        DirectiveCase(line: "#SBATCH --time=1:00:00", option: "time", value: "1:00:00"),
        DirectiveCase(line: "#SBATCH --time 1:00:00", option: "time", value: "1:00:00"),
        DirectiveCase(line: "#SBATCH -t 1:00:00", option: "time", value: "1:00:00"),
        DirectiveCase(line: "#SBATCH -t1:00:00", option: "time", value: "1:00:00"),
        DirectiveCase(line: "#SBATCH -A nn1234k", option: "account", value: "nn1234k"),
        DirectiveCase(line: "#SBATCH --account nn1234k", option: "account", value: "nn1234k"),
        DirectiveCase(line: "#SBATCH -N 2", option: "nodes", value: "2"),
        DirectiveCase(line: "#SBATCH -N2", option: "nodes", value: "2"),
        DirectiveCase(line: "#SBATCH -n 4", option: "ntasks", value: "4"),
        DirectiveCase(line: "#SBATCH -c 8", option: "cpus-per-task", value: "8"),
        DirectiveCase(line: "#SBATCH -p accel", option: "partition", value: "accel"),
        DirectiveCase(line: "#SBATCH -J name", option: "job-name", value: "name"),
        DirectiveCase(line: "#SBATCH -o file-%j.out", option: "output", value: "file-%j.out"),
        DirectiveCase(line: "#SBATCH -e file-%j.err", option: "error", value: "file-%j.err"),
        DirectiveCase(line: "#SBATCH -a 1-10", option: "array", value: "1-10"),
        DirectiveCase(line: "#SBATCH -G 1", option: "gpus", value: "1"),
        DirectiveCase(line: "#SBATCH -q devel", option: "qos", value: "devel"),
        DirectiveCase(line: "#SBATCH -M saga", option: "clusters", value: "saga"),
        DirectiveCase(line: "#SBATCH --gres=gpu:2", option: "gres", value: "gpu:2"),
        DirectiveCase(line: "#SBATCH --gpus=a100:2", option: "gpus", value: "a100:2"),
        DirectiveCase(line: "#SBATCH --gpus-per-node=4", option: "gpus-per-node", value: "4"),
        DirectiveCase(line: "#SBATCH --gpus-per-task=1", option: "gpus-per-task", value: "1"),
        DirectiveCase(line: "#SBATCH --cpus-per-gpu=8", option: "cpus-per-gpu", value: "8"),
        DirectiveCase(line: "#SBATCH --mem=4G", option: "mem", value: "4G"),
        DirectiveCase(line: "#SBATCH --mem-per-cpu=3600M", option: "mem-per-cpu", value: "3600M"),
        DirectiveCase(line: "#SBATCH --mem-per-gpu=16G", option: "mem-per-gpu", value: "16G"),
        DirectiveCase(line: "#SBATCH --ntasks-per-node=128", option: "ntasks-per-node", value: "128"),
        DirectiveCase(line: "#SBATCH --tasks-per-node=8", option: "ntasks-per-node", value: "8"),
        DirectiveCase(line: "#SBATCH --acco=nn1234k", option: "account", value: "nn1234k"),
        DirectiveCase(line: "#SBATCH --job-name=\"my job\"", option: "job-name", value: "my job"),
        DirectiveCase(line: "#SBATCH --time=1:00:00   # one hour", option: "time", value: "1:00:00"),
        DirectiveCase(line: "#SBATCH --exclusive", option: "exclusive", value: nil),
        DirectiveCase(line: "#SBATCH --requeue", option: "requeue", value: nil),
    ])
    func directiveForms(_ example: DirectiveCase) throws {
        let script = SlurmScript(parsing: "#!/bin/bash\n\(example.line)\n")
        #expect(script.problems.isEmpty, "\(script.problems.map(\.message))")
        let directive = try #require(script.directives.first)
        #expect(script.directives.count == 1)
        #expect(directive.option == example.option)
        #expect(directive.value == example.value)
        #expect(directive.line == 2)
        #expect(directive.column == 9)
    }

    @Test("several options on one line keep their own columns and source text")
    func severalOptionsOnALine() {
        let script = SlurmScript(parsing: "#!/bin/bash\n#SBATCH -N 2 -n 4 --time=10\n")
        #expect(script.directives.map(\.option) == ["nodes", "ntasks", "time"])
        #expect(script.directives.map(\.column) == [9, 14, 19])
        #expect(script.directives.map(\.text) == ["-N 2", "-n 4", "--time=10"])
        #expect(script.directives.map(\.canonical) == ["--nodes=2", "--ntasks=4", "--time=10"])
    }

    @Test("clustered one-letter flags are read one by one")
    func clusteredFlags() {
        let script = SlurmScript(parsing: "#!/bin/bash\n#SBATCH -HQ\n")
        #expect(script.problems.isEmpty)
        #expect(script.directives.map(\.option) == ["hold", "quiet"])
    }

    /// A malformed directive line and what the parser should make of it.
    struct ProblemCase: Sendable, CustomTestStringConvertible {
        var line: String
        var kind: SlurmDirectiveProblem.Kind
        var replacement: String?
        var testDescription: String { line }
    }

    @Test("malformed directives are recorded with a fix where one is clear", arguments: [
        ProblemCase(line: "#SBATCH --ntasks_per_node=4", kind: .underscoreOption, replacement: "--ntasks-per-node=4"),
        ProblemCase(line: "#SBATCH --mem_per_cpu 4G", kind: .underscoreOption, replacement: "--mem-per-cpu"),
        ProblemCase(line: "#SBATCH -mem=4G", kind: .singleDashLongOption, replacement: "--mem=4G"),
        ProblemCase(line: "#SBATCH -time=1:00:00", kind: .singleDashLongOption, replacement: "--time=1:00:00"),
        ProblemCase(line: "#SBATCH -partition=accel", kind: .singleDashLongOption, replacement: "--partition=accel"),
        ProblemCase(line: "#SBATCH --tiem=1:00:00", kind: .unknownOption, replacement: "--time=1:00:00"),
        ProblemCase(line: "#SBATCH --frobnicate", kind: .unknownOption, replacement: nil),
        ProblemCase(line: "#SBATCH -Z 3", kind: .unknownOption, replacement: nil),
        ProblemCase(line: "#SBATCH -t=1:00:00", kind: .shortOptionWithEquals, replacement: "--time=1:00:00"),
        ProblemCase(line: "#SBATCH --nodes", kind: .missingValue, replacement: nil),
        ProblemCase(line: "#SBATCH --hold=yes", kind: .unexpectedValue, replacement: "--hold"),
        ProblemCase(line: "#SBATCH --job-name my job", kind: .strayWord, replacement: nil),
        ProblemCase(line: "# SBATCH --time=1:00:00", kind: .notADirective, replacement: "#SBATCH"),
        ProblemCase(line: "#sbatch --time=1:00:00", kind: .notADirective, replacement: "#SBATCH"),
        ProblemCase(line: "#Sbatch --time=1:00:00", kind: .notADirective, replacement: "#SBATCH"),
        ProblemCase(line: "   #SBATCH --time=1:00:00", kind: .notADirective, replacement: "#SBATCH"),
        ProblemCase(line: "##SBATCH --mail-type=END", kind: .disabled, replacement: "#SBATCH"),
        ProblemCase(line: "### SBATCH --mail-type=END", kind: .disabled, replacement: "#SBATCH"),
    ])
    func malformed(_ example: ProblemCase) throws {
        let script = SlurmScript(parsing: "#!/bin/bash\n\(example.line)\n")
        let problem = try #require(script.problems.first, "no problem recorded")
        #expect(problem.kind == example.kind)
        #expect(problem.replacement == example.replacement)
        #expect(problem.line == 2)
        #expect(!problem.message.isEmpty)
    }

    @Test("ordinary comments that mention SBATCH are not near misses", arguments: [
        "# SBATCH directives below", "## Job name:", "# sbatch job.sh submits it", "#SBATCHING is not a word",
    ])
    func ordinaryComments(_ line: String) {
        let script = SlurmScript(parsing: "#!/bin/bash\n\(line)\n#SBATCH --time=10\n")
        #expect(script.problems.isEmpty)
        #expect(script.directives.count == 1)
    }

    @Test("directives after the first command are kept apart, as Slurm ignores them")
    func lateDirectives() throws {
        let script = SlurmScript(parsing: """
            #!/bin/bash
            #SBATCH --account=nn1234k

            # a comment does not end the header
              # nor an indented one
            set -o errexit
            #SBATCH --time=1:00:00
            echo done
            """)
        #expect(script.directives.map(\.option) == ["account"])
        #expect(script.ignoredDirectives.map(\.option) == ["time"])
        #expect(script.ignoredDirectives.first?.line == 7)
        #expect(script.firstCommand?.number == 6)
        #expect(script.commands.compactMap(\.name) == ["set", "echo"])
        #expect(script.body.map(\.number) == [3, 4, 5, 6, 8])
    }

    @Test("the shebang names the interpreter", arguments: [
        ("#!/bin/bash", "bash"), ("#!/usr/bin/env bash", "bash"), ("#!/bin/bash -l", "bash"), ("#!/bin/sh", "sh"),
        ("#!/usr/bin/env -S python3 -u", "python3"),
    ])
    func interpreter(_ line: String, _ name: String) {
        let script = SlurmScript(parsing: "\(line)\n#SBATCH --time=10\n")
        #expect(script.shebang?.number == 1)
        #expect(script.interpreter == name)
    }

    @Test("a job script has at least one #SBATCH line", arguments: [
        ("#!/bin/bash\n#SBATCH --time=10\necho hi\n", true),
        ("#SBATCH -N 1\n", true),
        ("#!/bin/bash\necho hi\n", false),
        ("#!/bin/bash\n# SBATCH --time=10\n", false),
        ("sbatch job.sh\n", false),
        ("", false),
    ])
    func looksLikeJobScript(_ text: String, _ expected: Bool) {
        #expect(SlurmScript.looksLikeJobScript(text) == expected)
    }

    @Test("the body's commands are split at operators, with redirections and heredocs understood")
    func shellCommands() {
        let script = SlurmScript(parsing: """
            #!/bin/bash
            #SBATCH --time=10
            export OMP_NUM_THREADS=4 && module load GCC/12.3.0 # load the compiler
            time srun ./app --input "data file.txt" > "$SCRATCH/out.txt" 2>&1
            cat <<EOF > notes.txt
            srun this is not a command
            EOF
            python train.py \\
                --epochs 3 | tee log.txt
            """)
        #expect(script.commands.compactMap(\.name) == ["export", "module", "srun", "cat", "python", "tee"])
        let srun = script.commands[2]
        #expect(srun.arguments.map(\.text) == ["./app", "--input", "data file.txt"])
        #expect(srun.outputs.map(\.text) == ["$SCRATCH/out.txt"])
        #expect(srun.line == 4)
        #expect(script.commands[0].assignments.map(\.name) == ["OMP_NUM_THREADS"])
        #expect(script.commands[4].arguments.map(\.text) == ["train.py", "--epochs", "3"])
    }

    @Test("#SBATCH --clusters names the cluster")
    func clusterDirective() {
        #expect(SlurmScript(parsing: "#!/bin/bash\n#SBATCH --clusters=Saga\n").clusterDirective == "saga")
        #expect(SlurmScript(parsing: "#!/bin/bash\n#SBATCH -M betzy,saga\n").clusterDirective == "betzy")
        #expect(SlurmScript(parsing: "#!/bin/bash\n#SBATCH -N 1\n").clusterDirective == nil)
    }

    // MARK: - Typed values

    @Test("Slurm times in every format", arguments: [
        ("30", 1800), ("30:15", 1815), ("1:00:00", 3600), ("01:30:00", 5400), ("2-12", 216_000), ("2-12:30", 217_800),
        ("7-00:00:00", 604_800), ("0-0:05:00", 300), ("0-06:00:00", 21_600), ("90", 5400),
    ])
    func times(_ text: String, _ seconds: Int) throws {
        let time = try SlurmTime.parse(text)
        #expect(time.seconds == seconds)
    }

    @Test("no-limit times", arguments: ["UNLIMITED", "infinite", "0"])
    func unlimited(_ text: String) throws {
        #expect(try SlurmTime.parse(text).isUnlimited)
    }

    @Test("times Slurm cannot read are errors, with a guess where one is clear", arguments: [
        ("2h", "02:00:00"), ("90min", "01:30:00"), ("3d", "3-00:00:00"), ("DD-HH:MM:SS", nil), ("1:2:3:4", nil), ("", nil),
        ("-1", nil), ("1.5", nil), ("1-2-3", nil), ("1:", nil),
    ])
    func invalidTimes(_ text: String, _ suggestion: String?) {
        #expect(throws: SlurmValueError.self) { try SlurmTime.parse(text) }
        do throws(SlurmValueError) {
            _ = try SlurmTime.parse(text)
        } catch {
            #expect(error.suggestion == suggestion)
        }
    }

    @Test("times print in Slurm's form and in words")
    func timeDescriptions() throws {
        #expect(try SlurmTime.parse("15-00:00:00").formatted == "15-00:00:00")
        #expect(try SlurmTime.parse("120").formatted == "02:00:00")
        #expect(try SlurmTime.parse("2-12:30").description == "2 days 12 hours 30 minutes")
        #expect(try SlurmTime.parse("1:00:00").description == "1 hour")
        #expect(SlurmTime.unlimited.formatted == "UNLIMITED")
        #expect(try SlurmTime.parse("7-00:00:00") < SlurmTime.parse("14-00:00:00"))
        #expect(try SlurmTime.parse("14-00:00:00") < SlurmTime.unlimited)
    }

    @Test("memory sizes with and without units", arguments: [
        ("4G", 4096.0, true, false), ("3600M", 3600, true, false), ("4000", 4000, false, false), ("1T", 1_048_576, true, false),
        ("512K", 0.5, true, false), ("4g", 4096, true, false), ("4GB", 4096, true, true), ("8GiB", 8192, true, true), ("0", 0, false, false),
    ])
    func memory(_ text: String, _ mebibytes: Double, _ hasUnit: Bool, _ nonstandard: Bool) throws {
        let memory = try SlurmMemory.parse(text)
        #expect(memory.mebibytes == mebibytes)
        #expect(memory.hasUnit == hasUnit)
        #expect(memory.hasNonstandardUnit == nonstandard)
    }

    @Test("memory size conversions")
    func memoryConversions() throws {
        let memory = try SlurmMemory.parse("2G")
        #expect(memory.bytes == 2_147_483_648)
        #expect(memory.gibibytes == 2)
        #expect(memory.description == "2G")
        #expect(SlurmMemory(amount: 3, unit: .terabytes).mebibytes == 3_145_728)
    }

    @Test("memory sizes Slurm cannot read", arguments: [("4.5G", "4608M"), ("lots", nil), ("4X", nil), ("", nil), ("G", nil)])
    func invalidMemory(_ text: String, _ suggestion: String?) {
        #expect(throws: SlurmValueError.self) { try SlurmMemory.parse(text) }
        do throws(SlurmValueError) {
            _ = try SlurmMemory.parse(text)
        } catch {
            #expect(error.suggestion == suggestion)
        }
    }

    @Test("array specifications: tasks, highest index and concurrency", arguments: [
        ("1-10", 10, 10, nil), ("0-15", 16, 15, nil), ("1-10:2", 5, 9, nil), ("1,3,5,7", 4, 7, nil), ("1-100%10", 100, 100, 10),
        ("1-5,3-7", 7, 7, nil), ("0-99999:1000", 100, 99000, nil), ("7", 1, 7, nil), ("1-12%4", 12, 12, 4),
    ] as [(String, Int, Int, Int?)])
    func arrays(_ text: String, _ tasks: Int, _ maxIndex: Int, _ concurrency: Int?) throws {
        let spec = try SlurmArraySpec.parse(text)
        #expect(spec.taskCount == tasks)
        #expect(spec.maxIndex == maxIndex)
        #expect(spec.maxConcurrent == concurrency)
    }

    @Test("invalid array specifications: spaces, decimals, negatives and the like", arguments: [
        "1, 2, 3", "1 - 10", "1.5-3", "-1-5", "1--5", "5-1", "1-10:0", "1,,3", "1-10%0", "", "a-b", "3:2",
    ])
    func invalidArrays(_ text: String) {
        #expect(throws: SlurmValueError.self) { try SlurmArraySpec.parse(text) }
    }

    /// A GPU option and the request it stands for.
    struct GPUCase: Sendable, CustomTestStringConvertible {
        var option: String
        var value: String
        var count: Int?
        var scope: SlurmGPURequest.Scope = .job
        var type: String?
        var testDescription: String { "--\(option)=\(value)" }
    }

    @Test("GPU requests are normalised from every spelling", arguments: [
        GPUCase(option: "gpus", value: "2", count: 2, scope: .job),
        GPUCase(option: "gpus", value: "a100:2", count: 2, scope: .job, type: "a100"),
        GPUCase(option: "gpus-per-node", value: "4", count: 4, scope: .node),
        GPUCase(option: "gpus-per-node", value: "a100:1", count: 1, scope: .node, type: "a100"),
        GPUCase(option: "gpus-per-task", value: "1", count: 1, scope: .task),
        GPUCase(option: "gpus-per-socket", value: "2", count: 2, scope: .socket),
        GPUCase(option: "gres", value: "gpu:2", count: 2, scope: .node),
        GPUCase(option: "gres", value: "gpu:a100:2", count: 2, scope: .node, type: "a100"),
        GPUCase(option: "gres", value: "gpu", count: 1, scope: .node),
        GPUCase(option: "gres", value: "gpu:1,localscratch:20G", count: 1, scope: .node),
        GPUCase(option: "gres", value: "localscratch:20G", count: nil),
    ])
    func gpus(_ example: GPUCase) throws {
        let request = try SlurmGPURequest.parse(option: example.option, value: example.value)
        #expect(request?.count == example.count)
        if let request {
            #expect(request.scope == example.scope)
            #expect(request.type == example.type)
        }
    }

    @Test("invalid GPU requests", arguments: [("gpus", "two"), ("gpus", "a100:"), ("gpus-per-node", "a:b:2"), ("gres", "gpu:a100:x:y"), ("gres", ",")])
    func invalidGPUs(_ option: String, _ value: String) {
        #expect(throws: SlurmValueError.self) { try SlurmGPURequest.parse(option: option, value: value) }
    }

    @Test("--gres lists are read entry by entry")
    func gres() throws {
        let entries = try SlurmGres.parse("gpu:a100:2,localscratch:20G")
        #expect(entries.map(\.name) == ["gpu", "localscratch"])
        #expect(entries[0].type == "a100")
        #expect(entries[0].count == 2)
        #expect(entries[1].size == "20G")
    }

    /// Texts with and without line feeds, carriage returns alone, before a line feed and at the end.
    static let lineEndingTexts = [
        "", "\n", "\n\n", "#!/bin/bash", "#!/bin/bash\n", "#!/bin/bash\nset -o errexit", "#!/bin/bash\nset -o errexit\n\n",
        "\r", "\r\n", "#!/bin/bash\r\nset -o errexit\r\n", "#!/bin/bash\r\nset\nx", "#!/bin/sh\r\n", "a\rb\nc\r",
        "#!/usr/bin/env python3\nprint(1)\n", "\n#!/bin/bash\n", "#!/bin/bash\r", "x\u{301}\r", "é\nü\r\n\u{301}\n", "a\r\n", "\r\n\r\n", "a\n\r", "\u{301}\r\n",
    ]

    @Test("the first line and the text given to bash, without splitting, match the split lines", arguments: lineEndingTexts)
    func firstLineAndScriptTextMatchLines(text: String) {
        // The lines as Characters give them: a final "\r" dropped, no last empty line after a final "\n".
        let characterLines = SlurmScript.splitLines(text).map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
        let lines = SlurmScript.lines(of: text)
        #expect(lines == (text.hasSuffix("\n") ? Array(characterLines.dropLast()) : characterLines))
        #expect(String(SlurmScript.firstLine(of: text)) == lines.first ?? "")
        #expect(ShellRules.scriptText(of: text) == ShellRules.scriptText(lines))
    }

    @Test("looking for an #SBATCH line stops at the first one and agrees with the split lines", arguments: lineEndingTexts + [
        "#!/bin/bash\necho hi\n#SBATCH -t 1", "#SBATCH -t 1\r\necho\r\n", "echo\r\n#SBATCH -t 1\n", "echo\n#SBATCH -t 1\r\n",
        "#!/bin/bash\n#SBATCH\n", "x\n#SBATCHED\n#SBATCH --mem=1G\n",
    ])
    func looksLikeJobScriptMatchesSplitLines(text: String) {
        let expected = SlurmScript.splitLines(text).contains { SlurmScript.isDirectiveLine(String($0)) }
        #expect(SlurmScript.looksLikeJobScript(text) == expected)
    }
}
