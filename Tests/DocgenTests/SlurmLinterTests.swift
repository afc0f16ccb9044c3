import DocgenCore
import DocgenVerify
import Foundation
import Testing

/// Small job scripts for the rule tables: a clean header per cluster, changed one line at a time.
enum SlurmTestScripts {
    static let body = """
        set -o errexit
        set -o nounset

        module --quiet reset
        module load Python/3.11.3-GCCcore-12.3.0

        python train.py
        """

    static let mpiBody = """
        set -o errexit
        set -o nounset

        module --quiet reset
        module load OpenMPI/4.1.5-GCC-12.3.0

        srun ./model
        """

    static let saga = ["--account=nn5019k", "--time=1:00:00", "--ntasks=1", "--mem-per-cpu=2G"]
    static let betzy = ["--account=nn5019k", "--time=1:00:00", "--nodes=4", "--ntasks-per-node=128"]
    static let olivia = ["--account=nn5019k", "--time=1:00:00", "--ntasks=1", "--mem-per-cpu=2G"]
    static let lumi = ["--account=project_465001234", "--time=1:00:00", "--partition=small", "--ntasks=1"]

    /// A script from `options` (each becomes an `#SBATCH` line) and a body.
    static func script(_ options: [String], body: String = SlurmTestScripts.body, shebang: String? = "#!/bin/bash") -> String {
        ([shebang].compactMap { $0 } + options.map { "#SBATCH \($0)" } + ["", body]).joined(separator: "\n") + "\n"
    }

    /// `base` with the options named in `drop` removed and `add` appended.
    static func options(_ base: [String], drop: [String] = [], add: [String] = []) -> [String] {
        base.filter { option in !drop.contains { option.hasPrefix("--\($0)=") } } + add
    }
}

/// The Slurm linter: every rule fails one script and passes another; locations, fix-its, clusters.
@Suite("Slurm linter")
struct SlurmLinterTests {
    static let linter: SlurmLinter = {
        guard let catalog = try? ClusterCatalog.bundled() else { return SlurmLinter(catalog: ClusterCatalog(profiles: [])) }
        return SlurmLinter(catalog: catalog)
    }()

    static func lint(_ script: String, _ cluster: String?) -> [Diagnostic] {
        linter.lint(script, cluster: cluster, origin: SourceLocation(file: "job.sh", line: 1, column: 1))
    }

    /// A rule with a script that must trigger it (at `severity`) and a close one that must not.
    struct RuleCase: Sendable, CustomTestStringConvertible {
        var id: String
        var severity: Diagnostic.Severity
        var cluster: String?
        var failing: String
        var passing: String
        /// The cluster for the passing script; the empty string means none.
        var passingCluster: String?
        var testDescription: String { "\(id) (\(severity.rawValue), \(cluster ?? "no cluster"))" }

        init(_ id: String, _ severity: Diagnostic.Severity, _ cluster: String?, failing: String, passing: String, passingCluster: String? = nil) {
            self.id = id
            self.severity = severity
            self.cluster = cluster
            self.failing = failing
            self.passing = passing
            self.passingCluster = passingCluster ?? cluster
        }
    }

    static let cases: [RuleCase] = {
        let s = SlurmTestScripts.saga
        func saga(drop: [String] = [], add: [String] = [], body: String = SlurmTestScripts.body) -> String {
            SlurmTestScripts.script(SlurmTestScripts.options(s, drop: drop, add: add), body: body)
        }
        func betzy(drop: [String] = [], add: [String] = [], body: String = SlurmTestScripts.mpiBody) -> String {
            SlurmTestScripts.script(SlurmTestScripts.options(SlurmTestScripts.betzy, drop: drop, add: add), body: body)
        }
        func olivia(drop: [String] = [], add: [String] = [], body: String) -> String {
            SlurmTestScripts.script(SlurmTestScripts.options(SlurmTestScripts.olivia, drop: drop, add: add), body: body)
        }
        func lumi(drop: [String] = [], add: [String] = [], body: String = "set -o errexit\nset -o nounset\nsrun ./model") -> String {
            SlurmTestScripts.script(SlurmTestScripts.options(SlurmTestScripts.lumi, drop: drop, add: add), body: body)
        }
        func body(_ lines: String) -> String { "set -o errexit\nset -o nounset\n\nmodule --quiet reset\n" + lines }
        return [
            RuleCase("HDR001", .error, "saga", failing: saga(body: "set -o errexit\n#SBATCH --job-name=late\npython train.py"),
                     passing: saga(add: ["--job-name=late"])),
            RuleCase("HDR002", .error, nil, failing: saga(add: ["--ntasks_per_node=1"]), passing: saga(add: ["--ntasks-per-node=1"])),
            RuleCase("HDR002", .error, nil, failing: saga(add: ["--nodes=two"]), passing: saga(add: ["--nodes=2-4"])),
            RuleCase("HDR002", .note, nil, failing: saga().replacingOccurrences(of: "#SBATCH --ntasks=1", with: "##SBATCH --ntasks=1"),
                     passing: saga()),
            RuleCase("HDR003", .warning, nil, failing: SlurmTestScripts.script(s, shebang: nil), passing: saga()),
            RuleCase("HDR003", .warning, nil, failing: SlurmTestScripts.script(s, shebang: "#!/usr/bin/node"), passing: SlurmTestScripts.script(s, shebang: "#!/usr/bin/env python3")),
            RuleCase("ACC001", .error, nil, failing: saga(drop: ["account"]), passing: saga()),
            RuleCase("ACC002", .error, "saga", failing: saga(drop: ["account"], add: ["--account=nn12345"]), passing: saga()),
            RuleCase("ACC002", .warning, "saga", failing: saga(drop: ["account"], add: ["--account=nn9999o"]), passing: saga()),
            RuleCase("ACC002", .error, "lumi", failing: lumi(drop: ["account"], add: ["--account=nn5019k"]), passing: lumi()),
            RuleCase("ACC003", .error, nil, failing: saga(drop: ["account"], add: ["--account=nnXXXXk"]), passing: saga()),
            RuleCase("ACC003", .error, "lumi", failing: lumi(drop: ["account"], add: ["--account=project_<id>"]), passing: lumi()),
            RuleCase("TIM001", .error, nil, failing: saga(drop: ["time"]), passing: saga()),
            RuleCase("TIM002", .error, nil, failing: saga(drop: ["time"], add: ["--time=2h"]), passing: saga(drop: ["time"], add: ["--time=2:00:00"])),
            RuleCase("TIM003", .error, "saga", failing: saga(drop: ["time"], add: ["--time=8-00:00:00"]), passing: saga(drop: ["time"], add: ["--time=7-00:00:00"])),
            RuleCase("TIM003", .error, "betzy", failing: betzy(drop: ["time", "nodes"], add: ["--qos=devel", "--nodes=1", "--time=1:30:00"]),
                     passing: betzy(drop: ["time", "nodes"], add: ["--qos=devel", "--nodes=1", "--time=60"])),
            RuleCase("TIM004", .note, "saga", failing: saga(drop: ["time"], add: ["--time=UNLIMITED"]), passing: saga()),
            RuleCase("CL001", .error, "fram", failing: saga(), passing: saga(), passingCluster: "olivia"),
            RuleCase("CL002", .error, "saga", failing: saga(add: ["--partition=devel"]), passing: saga(add: ["--qos=devel"])),
            RuleCase("CL002", .error, "saga", failing: saga(add: ["--partition=bigmen"]), passing: saga(add: ["--partition=bigmem"])),
            RuleCase("CL002", .warning, "saga", failing: saga(add: ["--qos=devl"]), passing: saga(add: ["--qos=devel"])),
            RuleCase("CL003", .error, "sage", failing: saga(), passing: saga(), passingCluster: "saga"),
            RuleCase("MEM001", .warning, "saga", failing: saga(drop: ["mem-per-cpu"]), passing: saga()),
            RuleCase("MEM001", .error, "betzy", failing: saga(drop: ["mem-per-cpu"], add: ["--partition=preproc"]), passing: saga(add: ["--partition=preproc"])),
            RuleCase("MEM001", .error, "olivia", failing: olivia(drop: ["mem-per-cpu"], body: body("module load NRIS/CPU\n./app")),
                     passing: olivia(body: body("module load NRIS/CPU\n./app"))),
            RuleCase("MEM002", .error, nil, failing: saga(add: ["--mem=4G"]), passing: saga()),
            RuleCase("MEM003", .error, "betzy", failing: betzy(add: ["--mem-per-cpu=1G"]), passing: betzy()),
            RuleCase("MEM003", .warning, "lumi", failing: lumi(drop: ["partition"], add: ["--partition=standard", "--mem=200G"]),
                     passing: lumi(drop: ["partition"], add: ["--partition=standard"])),
            RuleCase("MEM004", .error, "saga", failing: saga(drop: ["mem-per-cpu"], add: ["--mem=200G"]), passing: saga(drop: ["mem-per-cpu"], add: ["--mem=170G"])),
            RuleCase("MEM005", .warning, nil, failing: saga(drop: ["mem-per-cpu"], add: ["--mem-per-cpu=2000"]),
                     passing: saga(drop: ["mem-per-cpu"], add: ["--mem-per-cpu=2000M"])),
            RuleCase("MEM005", .warning, nil, failing: saga(drop: ["mem-per-cpu"], add: ["--mem-per-cpu=2GB"]), passing: saga()),
            RuleCase("MEM006", .note, "saga", failing: saga(drop: ["mem-per-cpu"], add: ["--mem-per-cpu=16G"]), passing: saga()),
            RuleCase("CPU001", .error, "saga", failing: saga(add: ["--cpus-per-task=64"]), passing: saga(add: ["--cpus-per-task=40"])),
            RuleCase("CPU001", .warning, "olivia",
                     failing: olivia(drop: ["ntasks", "mem-per-cpu"], add: ["--partition=accel", "--nodes=1", "--ntasks-per-node=128", "--gpus=1", "--cpus-per-gpu=70", "--mem-per-gpu=110G"],
                                     body: body("module load NRIS/GPU\nsrun ./app")),
                     passing: olivia(drop: ["ntasks", "mem-per-cpu"], add: ["--partition=accel", "--nodes=1", "--gpus=1", "--cpus-per-gpu=70", "--mem-per-gpu=110G"],
                                     body: body("module load NRIS/GPU\nsrun ./app"))),
            RuleCase("CPU002", .warning, nil, failing: saga(add: ["--cpus-per-task=4"], body: body("export OMP_NUM_THREADS=8\n./app")),
                     passing: saga(add: ["--cpus-per-task=4"], body: body("export OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK}\n./app"))),
            RuleCase("CPU003", .warning, nil, failing: saga(drop: ["ntasks"], add: ["--nodes=2"]), passing: saga(drop: ["ntasks"], add: ["--nodes=2"], body: SlurmTestScripts.mpiBody)),
            RuleCase("NOD001", .error, "betzy", failing: betzy(drop: ["nodes"], add: ["--nodes=2"]), passing: betzy()),
            RuleCase("NOD001", .error, "olivia", failing: olivia(add: ["--partition=small", "--nodes=2"], body: body("module load NRIS/CPU\nsrun ./app")),
                     passing: olivia(add: ["--partition=small", "--nodes=1"], body: body("module load NRIS/CPU\nsrun ./app"))),
            RuleCase("GPU001", .error, "saga", failing: saga(add: ["--gpus=1"]), passing: saga(add: ["--partition=accel", "--gpus=1"])),
            RuleCase("GPU002", .error, "saga", failing: saga(add: ["--partition=accel"]), passing: saga(add: ["--partition=accel", "--gpus-per-node=1"])),
            RuleCase("GPU003", .error, "saga", failing: saga(add: ["--partition=a100", "--gpus-per-node=5"]), passing: saga(add: ["--partition=a100", "--gpus-per-node=4"])),
            RuleCase("GPU003", .error, "olivia",
                     failing: olivia(add: ["--partition=accel", "--nodes=10", "--gpus-per-node=4"], body: body("module load NRIS/GPU\nsrun ./app")),
                     passing: olivia(add: ["--partition=accel", "--nodes=8", "--gpus-per-node=4"], body: body("module load NRIS/GPU\nsrun ./app"))),
            RuleCase("GPU004", .warning, "saga", failing: saga(add: ["--partition=accel", "--gpus=1"], body: body("apptainer exec img.sif python train.py")),
                     passing: saga(add: ["--partition=accel", "--gpus=1"], body: body("apptainer exec --nv img.sif python train.py"))),
            RuleCase("GPU004", .warning, "lumi", failing: lumi(drop: ["partition"], add: ["--partition=small-g", "--gpus-per-node=1"], body: "set -o errexit\nset -o nounset\nsingularity exec --nv img.sif python train.py"),
                     passing: lumi(drop: ["partition"], add: ["--partition=small-g", "--gpus-per-node=1"], body: "set -o errexit\nset -o nounset\nsingularity exec img.sif python train.py")),
            RuleCase("GPU005", .warning, "olivia", failing: olivia(add: ["--partition=accel", "--gpus=1"], body: body("module load NRIS/CPU\nsrun ./app")),
                     passing: olivia(add: ["--partition=accel", "--gpus=1"], body: body("module load NRIS/GPU\nsrun ./app"))),
            RuleCase("GPU005", .warning, "olivia", failing: olivia(add: ["--partition=accel", "--gpus=1"], body: body("module load NRIS/GPU\napptainer pull img.sif docker://pytorch/pytorch")),
                     passing: olivia(add: ["--partition=accel", "--gpus=1"], body: body("module load NRIS/GPU\napptainer pull --arch arm64 img.sif docker://pytorch/pytorch"))),
            RuleCase("GPU006", .note, "saga", failing: saga(add: ["--partition=accel", "--gpus=1"], body: body("python finetune_llama.py")),
                     passing: saga(add: ["--partition=a100", "--gpus=1"], body: body("python finetune_llama.py"))),
            RuleCase("MPI001", .warning, "saga", failing: saga(body: body("module load OpenMPI/4.1.5-GCC-12.3.0\nmpirun ./model")),
                     passing: saga(body: body("module load intel/2022a\nmpirun ./model"))),
            RuleCase("MPI001", .warning, nil, failing: saga(body: body("srun mpirun ./model")), passing: saga(body: body("srun ./model"))),
            RuleCase("SH001", .warning, nil, failing: saga(body: "module --quiet reset\npython train.py"), passing: saga(body: "set -euo pipefail\npython train.py")),
            RuleCase("SH002", .error, nil, failing: saga(body: "set -errext -nounset -o pipefail\npython train.py"),
                     passing: saga(body: "set -o errexit -o nounset -o pipefail\npython train.py")),
            RuleCase("SH002", .error, nil, failing: saga(body: "set -o errexitt\npython train.py"), passing: saga(body: "set -eu\npython train.py")),
            RuleCase("SH003", .error, nil, failing: saga(body: "set -eu\nif true; then\n  python train.py\ndone"),
                     passing: saga(body: "set -eu\nif true; then\n  python train.py\nfi")),
            RuleCase("MOD001", .warning, nil, failing: saga(body: body("module load Python")), passing: saga()),
            RuleCase("MOD002", .warning, "saga", failing: saga(body: "set -eu\nmodule purge\nmodule load Python/3.11.3-GCCcore-12.3.0"), passing: saga()),
            RuleCase("MOD002", .error, "saga", failing: saga(body: "set -eu\nmodule --force purge\nmodule load Python/3.11.3-GCCcore-12.3.0"), passing: saga()),
            RuleCase("MOD002", .note, "saga", failing: saga(body: "set -eu\nmodule load Python/3.11.3-GCCcore-12.3.0"), passing: saga()),
            RuleCase("MOD003", .note, "saga", failing: saga(add: ["--partition=hugemem"]),
                     passing: saga(add: ["--partition=hugemem"], body: body("module load EESSI/2023.06\npython train.py"))),
            RuleCase("IO001", .warning, "saga", failing: saga(body: body("python train.py > ~/train.log")), passing: saga(body: body("python train.py > train.log"))),
            RuleCase("IO001", .warning, "saga", failing: saga(add: ["--output=/cluster/home/someone/logs/%j.out"]), passing: saga(add: ["--output=logs/%j.out"])),
            RuleCase("IO002", .warning, "saga", failing: saga(body: body("cd $SCRATCH\npython train.py")), passing: saga(body: body("cd $SCRATCH\nsavefile results.csv\npython train.py"))),
            RuleCase("IO003", .error, "saga", failing: saga(body: body("python train.py --tmp $LOCALSCRATCH")),
                     passing: saga(add: ["--gres=localscratch:20G"], body: body("python train.py --tmp $LOCALSCRATCH"))),
            RuleCase("IO003", .error, "betzy", failing: betzy(body: body("srun ./model --tmp $LOCALSCRATCH")), passing: betzy(body: body("srun ./model --tmp $SCRATCH"))),
            RuleCase("IO004", .error, "saga", failing: saga(body: body("python train.py --data /nird/datapeak/NS1234K")),
                     passing: saga(body: body("python train.py --data /cluster/projects/nn5019k/data"))),
            RuleCase("IO004", .error, "olivia", failing: olivia(body: body("module load NRIS/CPU\ncp out.csv /nird/datapeak/NS1234K/")),
                     passing: olivia(body: body("module load NRIS/CPU\ncp /nird/datapeak/NS1234K/in.csv ."))),
            RuleCase("IO005", .note, nil, failing: saga(body: body("apptainer pull img.sif docker://ubuntu")),
                     passing: saga(body: body("export APPTAINER_CACHEDIR=/cluster/work/users/$USER/.apptainer\napptainer pull img.sif docker://ubuntu"))),
            RuleCase("MAIL001", .warning, "saga", failing: saga(add: ["--mail-type=END"]), passing: saga()),
            RuleCase("ARR001", .error, "saga", failing: saga(add: ["--array=1-2000", "--output=a-%A_%a.out"]), passing: saga(add: ["--array=1-1000", "--output=a-%A_%a.out"])),
            RuleCase("ARR001", .error, "saga", failing: saga(add: ["--array=1-10,100001", "--output=a-%A_%a.out"]), passing: saga(add: ["--array=1-10,100000", "--output=a-%A_%a.out"])),
            RuleCase("ARR001", .error, nil, failing: saga(add: ["--array=1.5-3", "--output=a-%A_%a.out"]), passing: saga(add: ["--array=1-3", "--output=a-%A_%a.out"])),
            RuleCase("ARR002", .warning, nil, failing: saga(add: ["--array=1-10", "--output=sweep.out"]), passing: saga(add: ["--array=1-10", "--output=sweep-%A_%a.out"])),
            RuleCase("QOS001", .warning, "saga", failing: saga(add: ["--qos=optimist"]), passing: saga(add: ["--qos=optimist"], body: body("trap 'touch stop' TERM\npython train.py --resume"))),
            RuleCase("BILL001", .note, "saga", failing: saga(), passing: saga(), passingCluster: ""),
            RuleCase("BILL001", .warning, "saga", failing: saga(drop: ["ntasks"], add: ["--ntasks=300"], body: SlurmTestScripts.mpiBody), passing: saga(body: SlurmTestScripts.mpiBody)),
        ]
    }()

    @Test("each rule reports the failing script and not the passing one", arguments: cases)
    func rule(_ example: RuleCase) {
        let failing = Self.lint(example.failing, example.cluster)
        #expect(failing.contains { $0.id == example.id && $0.severity == example.severity },
                "\(example.id) not reported:\n\(failing.map(\.formatted).joined(separator: "\n"))")
        let passing = Self.lint(example.passing, example.passingCluster.flatMap { $0.isEmpty ? nil : $0 })
        #expect(!passing.contains { $0.id == example.id && $0.severity == example.severity },
                "\(example.id) reported for the passing script:\n\(passing.map(\.formatted).joined(separator: "\n"))")
        for diagnostic in failing where diagnostic.id == example.id {
            #expect(diagnostic.message.count > 20, "messages say what is wrong: \(diagnostic.message)")
        }
    }

    @Test("every rule has a failing and a passing case above")
    func everyRuleIsTested() {
        let tested = Set(Self.cases.map(\.id))
        let missing = SlurmLinter.rules.map(\.id).filter { !tested.contains($0) }
        #expect(missing.isEmpty, "rules without a case: \(missing)")
    }

    @Test("the rule list has the ids of the design notes, once each, with their severities")
    func ruleList() {
        let rules = SlurmLinter.rules
        let ids = rules.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(ids.count >= 41)
        let errors = [
            "HDR001", "HDR002", "ACC001", "ACC002", "ACC003", "TIM001", "TIM002", "TIM003", "CL001", "CL002", "MEM001", "MEM002",
            "MEM003", "MEM004", "CPU001", "NOD001", "GPU001", "GPU002", "GPU003", "SH002", "IO003", "IO004", "ARR001", "SH003", "CL003",
        ]
        for id in errors {
            #expect(rules.first { $0.id == id }?.severity == .error, "\(id) should be an error rule")
        }
        for id in ["TIM004", "MEM006", "GPU006", "MOD003", "IO005", "BILL001"] {
            #expect(rules.first { $0.id == id }?.severity == .note, "\(id) should be a note rule")
        }
        #expect(rules.allSatisfy { !$0.summary.isEmpty })
    }

    @Test("diagnostics are placed relative to the script's origin in the user's file")
    func origin() throws {
        let script = SlurmTestScripts.script(SlurmTestScripts.options(SlurmTestScripts.saga, drop: ["time"], add: ["--time=15-00:00:00"]))
        let diagnostics = Self.linter.lint(script, cluster: "saga", origin: SourceLocation(file: "content/jobs/saga.md", line: 40, column: 3))
        let time = try #require(diagnostics.first { $0.id == "TIM003" })
        // Script line 5, column 9 (after "#SBATCH ") -> file line 44, column 11.
        #expect(time.location == SourceLocation(file: "content/jobs/saga.md", line: 44, column: 11))
        #expect(time.message.contains("--time=15-00:00:00"))
        #expect(time.message.contains("exceeds the 7-00:00:00 maximum of Saga's normal job type"))
        #expect(time.fixIt?.replacement == "--time=7-00:00:00")
        #expect(diagnostics == diagnostics.sorted { ($0.location, $0.id, $0.message) < ($1.location, $1.id, $1.message) })
    }

    @Test("fix-its carry the replacement text", arguments: [
        ("saga", ["--partition=devel"], "CL002", "--qos=devel"),
        ("saga", ["--ntasks_per_node=1"], "HDR002", "--ntasks-per-node=1"),
        ("saga", ["--mem-per-cpu=4000"], "MEM005", "--mem-per-cpu=4000M"),
        ("saga", ["--partition=acel", "--gpus=1"], "CL002", "--partition=accel"),
        ("saga", ["--array=1-10", "--output=run.out"], "ARR002", "--output=run-%A_%a.out"),
        ("saga", ["--time=3h"], "TIM002", "--time=03:00:00"),
    ])
    func fixIts(_ cluster: String, _ add: [String], _ id: String, _ replacement: String) throws {
        let drop = add.compactMap { $0.split(separator: "=").first.map { String($0.dropFirst(2)) } }
        let diagnostics = Self.lint(SlurmTestScripts.script(SlurmTestScripts.options(SlurmTestScripts.saga, drop: drop, add: add)), cluster)
        let diagnostic = try #require(diagnostics.first { $0.id == id }, "\(diagnostics.map(\.formatted))")
        #expect(diagnostic.fixIt?.replacement == replacement)
    }

    @Test("without a cluster only the cluster-independent rules run")
    func noCluster() {
        let script = SlurmTestScripts.script(["--account=nn5019k", "--time=30-00:00:00", "--partition=devel", "--gpus=9", "--mail-type=END"])
        let diagnostics = Self.lint(script, nil)
        let clusterRules = Set(SlurmLinter.allRules.filter { $0.scope == .cluster }.map(\.id))
        #expect(diagnostics.allSatisfy { !clusterRules.contains($0.id) }, "\(diagnostics.map(\.id))")
        #expect(Self.lint(script, "saga").contains { $0.id == "CL002" })
    }

    @Test("an unknown cluster is CL003 with a suggestion, and the cluster rules are skipped")
    func unknownCluster() throws {
        let diagnostics = Self.lint(SlurmTestScripts.script(SlurmTestScripts.options(SlurmTestScripts.saga, add: ["--time=30-00:00:00"])), "Sagaa")
        let unknown = try #require(diagnostics.first { $0.id == "CL003" })
        #expect(unknown.severity == .error)
        #expect(unknown.message.contains("did you mean 'saga'?"))
        #expect(unknown.fixIt?.replacement == "saga")
        #expect(!diagnostics.contains { $0.id == "TIM003" })
        #expect(Self.lint(SlurmTestScripts.script(SlurmTestScripts.saga), "SAGA").allSatisfy { $0.id != "CL003" }, "cluster names ignore case")
    }

    @Test("Fram is decommissioned: CL001 names the date and Olivia")
    func fram() throws {
        let diagnostics = Self.lint(SlurmTestScripts.script(SlurmTestScripts.saga), "fram")
        let fram = try #require(diagnostics.first { $0.id == "CL001" })
        #expect(fram.message.contains("2025-12-04"))
        #expect(fram.message.contains("Olivia"))
    }

    @Test("facts marked 'not confirmed' get the lenient reading: no error", arguments: [
        ("saga", SlurmTestScripts.options(SlurmTestScripts.saga, drop: ["account"], add: ["--account=nn9999o"])),
        ("saga", SlurmTestScripts.options(SlurmTestScripts.saga, add: ["--qos=devel", "--partition=a100", "--gpus=1"])),
        ("betzy", SlurmTestScripts.options(SlurmTestScripts.saga, add: ["--qos=preproc"])),
        ("betzy", SlurmTestScripts.options(SlurmTestScripts.saga, add: ["--partition=preproc"])),
        ("olivia", SlurmTestScripts.options(SlurmTestScripts.betzy, add: ["--partition=large"]).map { $0 == "--nodes=4" ? "--nodes=1" : $0 }),
        ("saga", SlurmTestScripts.options(SlurmTestScripts.saga, drop: ["mem-per-cpu"], add: ["--mem-per-cpu=4GB"])),
        ("lumi", SlurmTestScripts.options(SlurmTestScripts.lumi, drop: ["partition"])),
    ])
    func lenient(_ cluster: String, _ options: [String]) {
        let diagnostics = Self.lint(SlurmTestScripts.script(options, body: SlurmTestScripts.mpiBody), cluster)
        #expect(!diagnostics.contains { $0.severity == .error }, "\(diagnostics.map(\.formatted).joined(separator: "\n"))")
    }

    @Test("bash -n errors are reported at the line bash names")
    func bashSyntax() throws {
        let script = "#!/bin/bash\n#SBATCH --time=10\nset -eu\nfor x in 1 2; do\n  echo $x\nfi\n"
        let diagnostics = Self.linter.lint(script, cluster: nil, origin: SourceLocation(file: "a.md", line: 10, column: 1))
        let syntax = try #require(diagnostics.first { $0.id == "SH003" })
        #expect(syntax.location.line == 15)
        #expect(syntax.message.contains("fi"))
        var quiet = Self.linter
        quiet.checksBashSyntax = false
        #expect(!quiet.lint(script, cluster: nil, origin: SourceLocation(file: "a.md", line: 1, column: 1)).contains { $0.id == "SH003" })
    }

    @Test("a script with a python shebang skips the shell rules")
    func pythonScript() {
        let script = SlurmTestScripts.script(SlurmTestScripts.saga, body: "import os\nprint(os.environ['SLURM_JOB_ID'])", shebang: "#!/usr/bin/env python3")
        let ids = Set(Self.lint(script, "saga").map(\.id))
        #expect(ids.isDisjoint(with: ["SH001", "SH002", "SH003", "HDR003"]), "\(ids)")
    }
}

/// The job-script corpus in Fixtures/jobscripts, run through the real `docgen lint` binary.
@Suite("Slurm job-script corpus (docgen lint)")
struct SlurmCorpusTests {
    /// One manifest entry.
    struct Entry: Sendable, CustomTestStringConvertible {
        var file: String
        var cluster: String?
        var expect: [String]
        var testDescription: String { "\(file) (\(cluster ?? "no --cluster"))" }
    }

    static let folder = TestSupport.fixtures.appendingPathComponent("jobscripts")

    /// Reads manifest.yml (a list of `file`, `cluster`, `expect` maps, written in one simple shape).
    static let entries: [Entry] = {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("manifest.yml"), encoding: .utf8) else { return [] }
        var entries: [Entry] = []
        for line in text.split(separator: "\n").map(String.init) where !line.hasPrefix("#") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- file:") {
                entries.append(Entry(file: trimmed.dropFirst(7).trimmingCharacters(in: .whitespaces), cluster: nil, expect: []))
            } else if trimmed.hasPrefix("cluster:"), !entries.isEmpty {
                entries[entries.count - 1].cluster = trimmed.dropFirst(8).trimmingCharacters(in: .whitespaces)
            } else if trimmed.hasPrefix("expect:"), !entries.isEmpty {
                let list = trimmed.dropFirst(7).trimmingCharacters(in: CharacterSet(charactersIn: " []"))
                entries[entries.count - 1].expect = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
        }
        return entries
    }()

    @Test("the corpus has at least 40 scripts, every one listed, for all four clusters")
    func manifestCoversTheFolder() throws {
        #expect(Self.entries.count >= 40)
        let scripts = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".sh") }
        #expect(Set(scripts) == Set(Self.entries.map(\.file)))
        for cluster in ["saga", "betzy", "olivia", "lumi"] {
            #expect(Self.entries.contains { $0.cluster == cluster && $0.expect.isEmpty }, "no correct script for \(cluster)")
        }
        let tested = Set(Self.entries.flatMap(\.expect))
        let untested = SlurmLinter.rules.map(\.id).filter { !tested.contains($0) && !["TIM004", "MEM006"].contains($0) }
        #expect(untested.isEmpty, "rules no corpus script exercises: \(untested)")
    }

    @Test("each script reports exactly the expected rule ids", arguments: entries)
    func script(_ entry: Entry) throws {
        let arguments = ["lint", "--format", "json"] + (entry.cluster.map { ["--cluster", $0] } ?? []) + [entry.file]
        let result = try ProcessOutput.docgen(arguments, in: Self.folder)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]], "\(result.stderr)")
        let expected = Set(entry.expect)
        // Notes are advice: they count only when the manifest lists their id.
        let reported = Set(objects.compactMap { object -> String? in
            guard let id = object["id"] as? String, let severity = object["severity"] as? String else { return nil }
            return severity != "note" || expected.contains(id) ? id : nil
        })
        let listing = objects.map { "\($0["line"] ?? ""):\($0["column"] ?? "") \($0["severity"] ?? "")[\($0["id"] ?? "")] \($0["message"] ?? "")" }
        #expect(reported == expected, "\(entry.file):\n\(listing.joined(separator: "\n"))")
        let hasErrors = objects.contains { $0["severity"] as? String == "error" }
        #expect(result.status == (hasErrors ? 1 : 0), "\(result.stderr)")
        for object in objects {
            #expect(Set(object.keys) == ["file", "line", "column", "severity", "id", "message"])
            #expect(object["file"] as? String == entry.file)
        }
    }
}

/// `docgen lint` as a command: formats, summary and exit statuses.
@Suite("docgen lint command")
struct LintCommandTests {
    static let folder = TestSupport.fixtures.appendingPathComponent("jobscripts")

    @Test("human format: sorted compiler-style lines with fix-its and a summary on stderr, exit 1 on errors")
    func human() throws {
        let result = try ProcessOutput.docgen(["lint", "--cluster", "saga", "saga-time-over.sh", "saga-devel-partition.sh"], in: Self.folder)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        let devel = try #require(result.stderr.range(of: "saga-devel-partition.sh:6:9: error[CL002]: on Saga, devel is a QoS, not a partition"))
        let time = try #require(result.stderr.range(of: "saga-time-over.sh:6:9: error[TIM003]: --time=15-00:00:00"))
        #expect(devel.lowerBound < time.lowerBound, "sorted by file")
        #expect(result.stderr.contains("    fix-it: write '--qos=devel'"))
        #expect(result.stderr.contains("docgen lint: 2 errors, 0 warnings,"))
        #expect(result.stderr.contains("in 2 scripts"))
    }

    @Test("a clean script exits 0")
    func clean() throws {
        let result = try ProcessOutput.docgen(["lint", "--cluster", "saga", "saga-cpu.sh"], in: Self.folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("docgen lint: 0 errors, 0 warnings"))
    }

    @Test("github format prints workflow annotations on stdout")
    func github() throws {
        let result = try ProcessOutput.docgen(["lint", "--cluster", "saga", "--format", "github", "mem-exclusive.sh", "disabled-mail.sh"], in: Self.folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("::error file=mem-exclusive.sh,line=9,col=9,title=MEM002::--mem-per-gpu and --mem-per-cpu"))
        #expect(result.stdout.contains("::notice file=disabled-mail.sh,line=7,col=1,title=HDR002::"))
        #expect(!result.stdout.contains("\n\n"))
    }

    @Test("without --cluster the script's #SBATCH --clusters picks the cluster, else a note says only general rules ran")
    func clusterFromDirective() throws {
        let fromDirective = try ProcessOutput.docgen(["lint", "clusters-directive.sh"], in: Self.folder)
        #expect(fromDirective.stderr.contains("error[TIM003]"), "\(fromDirective.stderr)")
        let none = try ProcessOutput.docgen(["lint", "saga-time-over.sh"], in: Self.folder)
        #expect(none.status == 0)
        #expect(none.stderr.contains("note[lint.no-cluster]"))
    }

    @Test("--list-rules prints every rule")
    func listRules() throws {
        let result = try ProcessOutput.docgen(["lint", "--list-rules"])
        #expect(result.status == 0)
        for rule in SlurmLinter.rules {
            #expect(result.stdout.contains(rule.id))
        }
    }

    @Test("usage errors and unreadable files exit with 2", arguments: [
        ["lint"], ["lint", "--format", "xml", "saga-cpu.sh"], ["lint", "no-such-script.sh"], ["lint", "--cluster"], ["lint", "."],
    ])
    func usage(_ arguments: [String]) throws {
        let result = try ProcessOutput.docgen(arguments, in: Self.folder)
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
        #expect(!result.stderr.isEmpty)
    }
}
