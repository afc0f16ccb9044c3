import DocgenCore
import DocgenVerify
import Foundation
import Testing

/// Job specs from YAML, the scripts generated from them, and the way problems are reported.
@Suite("Job specs and generated job scripts")
struct JobSpecTests {
    static let catalog: ClusterCatalog = (try? ClusterCatalog.bundled()) ?? ClusterCatalog(profiles: [])
    static let generator = JobScriptGenerator(catalog: catalog)

    /// A spec that is valid on Saga, one YAML line per entry, so a case can change one line.
    static let sagaLines = ["cluster: saga", "account: nn1234k", "time: \"1:00:00\"", "mem_per_cpu: 4G", "command: python run.py"]

    static func yaml(_ lines: [String]) -> String {
        lines.joined(separator: "\n") + "\n"
    }

    static func parse(_ yaml: String, firstLine: Int = 1) -> (JobSpec?, [Diagnostic]) {
        JobSpecParser.parse(yaml: yaml, file: "guide.md", firstLine: firstLine, catalog: catalog)
    }

    static func lint(_ script: String, _ cluster: String) -> [Diagnostic] {
        SlurmLinter(catalog: catalog).lint(script, cluster: cluster, origin: SourceLocation(file: "job.sh", line: 1, column: 1))
    }

    // MARK: - Reading YAML

    @Test("a full YAML spec is read into typed, canonical values")
    func fullSpec() throws {
        let (spec, diagnostics) = Self.parse("""
            cluster: Saga
            partition: Accel
            qos: devel
            account: nn1234k
            job_name: train-classifier
            name: train.sh
            time: 90
            nodes: 1
            ntasks: 2
            cpus_per_task: 6
            mem_per_cpu: 4096m
            gpus: 2
            array: "0-9%2"
            output: "logs-%x-%A_%a.out"
            error: "%x-%A_%a.err"
            modules: [Python/3.11.3-GCCcore-12.3.0]
            container: {image: tools.sif, runtime: singularity}
            scratch: {inputs: [data, config.yml]}
            mpi: false
            command: |
              python prepare.py

              python train.py   
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        let read = try #require(spec)
        var expected = JobSpec(cluster: "saga", account: "nn1234k", time: .days(hours: 1, minutes: 30), command: ["python prepare.py", "python train.py"])
        expected.partition = "accel"
        expected.qos = "devel"
        expected.jobName = "train-classifier"
        expected.name = "train.sh"
        expected.nodes = 1
        expected.ntasks = 2
        expected.cpusPerTask = 6
        expected.memory = .perCPU(SlurmMemory(amount: 4096, unit: .megabytes))
        expected.gpus = JobSpec.GPUs(count: 2)
        expected.array = try SlurmArraySpec.parse("0-9%2")
        expected.output = "logs-%x-%A_%a.out"
        expected.error = "%x-%A_%a.err"
        expected.modules = ["Python/3.11.3-GCCcore-12.3.0"]
        expected.container = JobSpec.Container(image: "tools.sif", runtime: .singularity)
        expected.scratch = JobSpec.Scratch(inputs: ["data", "config.yml"])
        #expect(read == expected)
        #expect(JobScriptGenerator.filename(for: read) == "train.sh")
    }

    @Test("defaults: srun with several tasks or nodes, no name or output when they equal the derived ones", arguments: [
        (["ntasks: 4"], true), (["nodes: 2"], true), (["ntasks: 1"], false), ([], false), (["ntasks: 4", "mpi: false"], false),
    ])
    func defaults(_ extra: [String], _ mpi: Bool) throws {
        let lines = Self.sagaLines + extra + ["job_name: fit", "name: fit.sh", "output: \"%x-%j.out\""]
        let spec = try #require(Self.parse(Self.yaml(lines)).0)
        #expect(spec.mpi == mpi)
        #expect(spec.name == nil)
        #expect(spec.output == nil)
        #expect(JobScriptGenerator.filename(for: spec) == "fit.sh")
    }

    @Test("file names come from the job name, or the name key", arguments: [
        (nil, nil, "job.sh"), ("train-classifier", nil, "train-classifier.sh"), ("train", "run-me.sh", "run-me.sh"),
    ] as [(String?, String?, String)])
    func filenames(_ jobName: String?, _ name: String?, _ expected: String) {
        var spec = JobSpec(cluster: "saga", account: "nn1234k", time: .days(hours: 1), command: ["true"])
        spec.jobName = jobName
        spec.name = name
        #expect(JobScriptGenerator.filename(for: spec) == expected)
    }

    /// A YAML problem and where it must be reported (the YAML starts at line 10 of guide.md).
    struct ErrorCase: Sendable, CustomTestStringConvertible {
        var yaml: String
        var id: String
        var line: Int
        var column: Int
        var message: String
        var testDescription: String { "\(id) at \(line):\(column)" }

        init(_ lines: [String], _ id: String, _ line: Int, _ column: Int, _ message: String) {
            self.yaml = JobSpecTests.yaml(lines)
            self.id = id
            self.line = line
            self.column = column
            self.message = message
        }
    }

    static func saga(replacing index: Int? = nil, with line: String? = nil, adding extra: [String] = []) -> [String] {
        var lines = sagaLines
        if let index {
            if let line { lines[index] = line } else { lines.remove(at: index) }
        }
        return lines + extra
    }

    @Test("problems are reported at the spec's own lines and columns", arguments: [
        ErrorCase(saga(adding: ["gpu: 1"]), "jobspec.unknown-key", 15, 1, "unknown job spec key 'gpu' (did you mean 'gpus'?)"),
        ErrorCase(saga(adding: ["mem-per-cpu: 4G"]), "jobspec.unknown-key", 15, 1, "(did you mean 'mem_per_cpu'?)"),
        ErrorCase(saga(replacing: 2, with: "time: 2h"), "jobspec.invalid-value", 12, 7, "'2h' is not a Slurm time"),
        ErrorCase(saga(replacing: 3, with: "mem_per_cpu: 4.5G"), "jobspec.invalid-value", 13, 14, "Slurm takes whole numbers only"),
        ErrorCase(saga(adding: ["array: \"1 - 10\""]), "jobspec.invalid-value", 15, 8, "contains spaces"),
        ErrorCase(saga(adding: ["nodes: two"]), "jobspec.invalid-value", 15, 8, "'nodes' must be a whole number of 1 or more"),
        ErrorCase(saga(adding: ["gpus: a100:x"]), "jobspec.invalid-value", 15, 7, "type:count"),
        ErrorCase(saga(adding: ["modules: {PyTorch: 2.1}"]), "jobspec.wrong-type", 15, 10, "'modules' must be a list"),
        ErrorCase(saga(adding: ["modules: [Python/3.11 rc]"]), "jobspec.invalid-value", 15, 11, "must not contain a space"),
        ErrorCase(saga(adding: ["job_name: my job"]), "jobspec.invalid-value", 15, 11, "may contain only letters"),
        ErrorCase(saga(adding: ["container: {image: x.sif, runtime: docker}"]), "jobspec.invalid-value", 15, 36, "apptainer or singularity"),
        ErrorCase(saga(adding: ["container: {imge: x.sif}"]), "jobspec.unknown-key", 15, 13, "unknown key 'imge' in 'container' (did you mean 'image'?)"),
        ErrorCase(saga(adding: ["scratch: maybe"]), "jobspec.wrong-type", 15, 10, "'scratch' must be true or false"),
        ErrorCase(saga(adding: ["mem: 100G"]), "jobspec.conflicting-keys", 15, 1, "mutually exclusive"),
        ErrorCase(saga(adding: ["gpus: 1", "gpus_per_node: 1"]), "jobspec.conflicting-keys", 16, 1, "not both"),
        ErrorCase(saga(replacing: 3, with: "mem_per_gpu: 10G"), "jobspec.invalid-value", 13, 1, "needs a GPU request"),
        ErrorCase(saga(replacing: 4), "jobspec.missing-key", 10, 1, "the job spec has no 'command'"),
        ErrorCase(saga(replacing: 0, with: "cluster: sage"), "jobspec.unknown-cluster", 10, 1, "unknown cluster 'sage' (did you mean 'saga'?)"),
        ErrorCase(saga(replacing: 0, with: "cluster: fram"), "jobspec.decommissioned-cluster", 10, 1, "Fram was shut down on 2025-12-04; its projects moved to Olivia"),
        ErrorCase(saga(adding: ["partition: devel"]), "jobspec.unknown-partition", 15, 1, "devel is a QoS, not a partition"),
        ErrorCase(saga(adding: ["partition: bigmen"]), "jobspec.unknown-partition", 15, 1, "(did you mean 'bigmem'?)"),
        ErrorCase(["cluster: lumi", "account: project_465000123", "time: 10", "command: ./app"], "jobspec.missing-key", 10, 1, "give a partition"),
        ErrorCase(["cluster: lumi", "partition: small", "account: project_465000123", "time: 10", "scratch: true", "command: ./app"],
                  "jobspec.no-scratch", 14, 1, "LUMI has no per-job scratch folder"),
        ErrorCase(saga(adding: ["output: %x.out"]), "jobspec.invalid-yaml", 15, 9, "put values that start with %"),
        ErrorCase(saga(adding: ["time: 2:00:00"]), "jobspec.invalid-yaml", 12, 1, "'time' is given twice"),
        ErrorCase(["- cluster: saga"], "jobspec.not-mapping", 10, 1, "a job spec is a mapping"),
        ErrorCase(saga(replacing: 4, with: "command: \"  \""), "jobspec.invalid-value", 14, 10, "'command' is empty"),
    ])
    func errors(_ example: ErrorCase) throws {
        let (spec, diagnostics) = Self.parse(example.yaml, firstLine: 10)
        #expect(spec == nil)
        let found = try #require(diagnostics.first { $0.id == example.id }, "\(diagnostics.map(\.formatted))")
        #expect(found.severity == .error)
        #expect(found.location == SourceLocation(file: "guide.md", line: example.line, column: example.column), "\(found.formatted)")
        #expect(found.message.contains(example.message), "\(found.message)")
    }

    @Test("a memory size without a unit is a warning and is written canonically")
    func memoryUnit() throws {
        let (spec, diagnostics) = Self.parse(Self.yaml(Self.saga(replacing: 3, with: "mem_per_cpu: 3600")))
        #expect(spec?.memory == .perCPU(SlurmMemory(amount: 3600, unit: .megabytes)))
        #expect(diagnostics.map(\.id) == ["jobspec.memory-unit"])
        #expect(diagnostics.first?.severity == .warning)
        #expect(spec.map(Self.generator.generate)?.contains("#SBATCH --mem-per-cpu=3600M\n") == true)
    }

    @Test("the code block's cluster= attribute stands in for a missing cluster key")
    func blockCluster() {
        let lines = Array(Self.sagaLines.dropFirst())
        let result = JobSpecParser.parseDetailed(yaml: Self.yaml(lines), file: "guide.md", firstLine: 3, catalog: Self.catalog, cluster: "saga")
        #expect(result.spec?.cluster == "saga")
        let clash = JobSpecParser.parseDetailed(yaml: Self.yaml(Self.sagaLines), file: "guide.md", firstLine: 3, catalog: Self.catalog, cluster: "betzy")
        #expect(clash.diagnostics.map(\.id) == ["jobspec.cluster-mismatch"])
    }

    // MARK: - Generated scripts

    /// A spec and the exact script it must give.
    struct GoldenCase: Sendable, CustomTestStringConvertible {
        var title: String
        var yaml: String
        var script: String
        var testDescription: String { title }

        init(_ title: String, yaml: String, script: String) {
            self.title = title
            self.yaml = yaml + "\n"
            self.script = script + "\n"
        }
    }

    static let golden: [GoldenCase] = [
        GoldenCase(
            "Saga accel: a GPU container, scratch with savefile",
            yaml: """
            cluster: saga
            partition: accel
            account: nn1234k
            job_name: train-classifier
            time: "1:00:00"
            mem_per_cpu: 8G
            gpus: 1
            modules: [PyTorch/2.1.2-foss-2023a-CUDA-12.1.1]
            container: {image: $USERWORK/images/pytorch.sif}
            scratch: {inputs: [data], results: [results]}
            command: python train.py --epochs 10
            """,
            script: """
            #!/bin/bash
            # train-classifier.sh: a job script for Saga, made by docgen jobscript
            #SBATCH --job-name=train-classifier
            # The project the job is charged to; 'projects' lists yours
            #SBATCH --account=nn1234k
            # Job type accel: 4 P100 GPUs per node, at most 14 days
            #SBATCH --partition=accel
            # Time limit, [D-]HH:MM:SS; ask for about 1.5 times the expected run time
            #SBATCH --time=01:00:00
            # Memory per CPU core; the job is billed for the memory it asks for
            #SBATCH --mem-per-cpu=8G
            # GPUs for the whole job (P100, 16 GiB each)
            #SBATCH --gpus=1
            # Log file: %x = job name, %j = job ID
            #SBATCH --output=%x-%j.out

            # Stop at the first failing command and at unset variables
            set -o errexit
            set -o nounset

            # Start from the default modules, then load exact versions
            module --quiet reset
            module load PyTorch/2.1.2-foss-2023a-CUDA-12.1.1
            module list

            # Work in the job's scratch folder, which is deleted when the job ends
            cp -r data "$SCRATCH"/
            cd "$SCRATCH"
            # Copy the results back to the submit folder when the job ends, even if it fails
            savefile results

            # The job's commands, run in the container (--nv gives it the GPUs)
            apptainer exec --nv $USERWORK/images/pytorch.sif python train.py --epochs 10
            """),
        GoldenCase(
            "Betzy normal: whole nodes, srun, no memory option",
            yaml: """
            cluster: betzy
            account: nn1234k
            job_name: ocean-model
            time: 2-00:00:00
            nodes: 8
            ntasks_per_node: 128
            modules:
              - OpenMPI/4.1.5-GCC-12.3.0
            command: ./ocean --config run.nml
            """,
            script: """
            #!/bin/bash
            # ocean-model.sh: a job script for Betzy, made by docgen jobscript
            #SBATCH --job-name=ocean-model
            # The project the job is charged to; 'projects' lists yours
            #SBATCH --account=nn1234k
            # Time limit, [D-]HH:MM:SS; ask for about 1.5 times the expected run time
            #SBATCH --time=2-00:00:00
            # Whole nodes of 128 cores; the memory options are turned off
            #SBATCH --nodes=8
            #SBATCH --ntasks-per-node=128
            # Log file: %x = job name, %j = job ID
            #SBATCH --output=%x-%j.out

            # Stop at the first failing command and at unset variables
            set -o errexit
            set -o nounset

            # Start from the default modules, then load exact versions
            module --quiet reset
            module load OpenMPI/4.1.5-GCC-12.3.0
            module list

            # The job's commands, started once per task by srun
            srun ./ocean --config run.nml
            """),
        GoldenCase(
            "LUMI standard-g: a container without --nv, whole nodes",
            yaml: """
            cluster: lumi
            partition: standard-g
            account: project_465000123
            job_name: llm-finetune
            time: "12:00:00"
            nodes: 2
            ntasks_per_node: 8
            cpus_per_task: 7
            gpus_per_node: 8
            container:
              image: /project/project_465000123/images/pytorch-rocm.sif
              runtime: singularity
            command: python finetune.py
            """,
            script: """
            #!/bin/bash
            # llm-finetune.sh: a job script for LUMI, made by docgen jobscript
            #SBATCH --job-name=llm-finetune
            # The project the job is charged to
            #SBATCH --account=project_465000123
            # Job type standard-g: whole nodes, 8 MI250X GCD GPUs per node, at most 2 days
            #SBATCH --partition=standard-g
            # Time limit, [D-]HH:MM:SS; ask for about 1.5 times the expected run time
            #SBATCH --time=12:00:00
            # Whole nodes, with all their memory
            #SBATCH --nodes=2
            #SBATCH --ntasks-per-node=8
            #SBATCH --cpus-per-task=7
            # GPUs on each node (MI250X GCD, 64 GiB each)
            #SBATCH --gpus-per-node=8
            # Log file: %x = job name, %j = job ID
            #SBATCH --output=%x-%j.out

            # Stop at the first failing command and at unset variables
            set -o errexit
            set -o nounset

            # The job's commands, started once per task by srun, run in the container
            srun singularity exec /project/project_465000123/images/pytorch-rocm.sif python finetune.py
            """),
        GoldenCase(
            "Olivia accel: NRIS/GPU first, an array with %A_%a logs",
            yaml: """
            cluster: olivia
            partition: accel
            account: nn1234k
            job_name: sweep
            time: "4:00:00"
            mem_per_gpu: 100G
            gpus: 1
            array: 1-20%4
            modules: [PyTorch/2.3.0-foss-2023b-CUDA-12.4.0]
            command:
              - python sweep.py --trial "$SLURM_ARRAY_TASK_ID"
            """,
            script: """
            #!/bin/bash
            # sweep.sh: a job script for Olivia, made by docgen jobscript
            #SBATCH --job-name=sweep
            # The project the job is charged to; 'projects' lists yours
            #SBATCH --account=nn1234k
            # Job type accel: 4 GH200 GPUs per node, at most 7 days
            #SBATCH --partition=accel
            # Time limit, [D-]HH:MM:SS; ask for about 1.5 times the expected run time
            #SBATCH --time=04:00:00
            # Memory per GPU
            #SBATCH --mem-per-gpu=100G
            # GPUs for the whole job (GH200)
            #SBATCH --gpus=1
            # Array tasks 1-20, at most 4 running at once; $SLURM_ARRAY_TASK_ID is the task's index
            #SBATCH --array=1-20%4
            # Log file: %x = job name, %A = array job ID, %a = array task index
            #SBATCH --output=%x-%A_%a.out

            # Stop at the first failing command and at unset variables
            set -o errexit
            set -o nounset

            # Start from the default modules, then load exact versions
            module --quiet reset
            module load NRIS/GPU
            module load PyTorch/2.3.0-foss-2023b-CUDA-12.4.0
            module list

            # The job's commands
            python sweep.py --trial "$SLURM_ARRAY_TASK_ID"
            """),    ]

    @Test("generated scripts have the NRIS layout, exactly", arguments: golden)
    func goldenScripts(_ example: GoldenCase) throws {
        let (parsed, diagnostics) = Self.parse(example.yaml)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.formatted))")
        let spec = try #require(parsed)
        let script = Self.generator.generate(spec)
        #expect(script == example.script)
        #expect(Self.generator.spec(fromScript: script) == spec)
        let problems = Self.lint(script, spec.cluster).filter { $0.severity != .note }
        #expect(problems.isEmpty, "\(problems.map(\.formatted))")
    }

    @Test("every #SBATCH line comes before the first command, with comments on their own lines", arguments: golden)
    func directivesFirst(_ example: GoldenCase) throws {
        let lines = example.script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let firstCommand = try #require(lines.firstIndex { !$0.isEmpty && !$0.hasPrefix("#") })
        #expect(lines[firstCommand] == "set -o errexit")
        #expect(lines.lastIndex { $0.hasPrefix("#SBATCH") }.map { $0 < firstCommand } == true)
        #expect(lines.filter { $0.hasPrefix("#SBATCH") }.allSatisfy { $0.wholeMatch(of: /#SBATCH --[a-z-]+=[^ #]+/) != nil })
    }

    /// A job in a container on a cluster's GPU (or CPU) job type.
    static func containerSpec(_ cluster: String, _ partition: String, gpus: Int?) -> JobSpec {
        var spec = JobSpec(
            cluster: cluster, account: cluster == "lumi" ? "project_465000123" : "nn1234k", time: .days(hours: 2), command: ["python train.py"])
        spec.partition = partition
        spec.gpus = gpus.map { JobSpec.GPUs(count: $0) }
        spec.memory = cluster == "lumi" ? nil : .perCPU(SlurmMemory(amount: 4, unit: .gigabytes))
        spec.container = JobSpec.Container(image: "image.sif")
        return spec
    }

    @Test("containers get --nv on NVIDIA GPU jobs only, never on LUMI's AMD GPUs", arguments: [
        ("saga", "accel", 1, true), ("saga", "a100", 2, true), ("saga", "normal", nil, false), ("betzy", "accel", 4, true),
        ("olivia", "accel", 1, true), ("olivia", "small", nil, false), ("lumi", "small-g", 1, false), ("lumi", "standard-g", 8, false),
        ("lumi", "dev-g", 2, false), ("lumi", "small", nil, false),
    ] as [(String, String, Int?, Bool)])
    func nvFlag(_ cluster: String, _ partition: String, _ gpus: Int?, _ expected: Bool) {
        let spec = Self.containerSpec(cluster, partition, gpus: gpus)
        let script = Self.generator.generate(spec)
        #expect(script.contains(" exec --nv image.sif python train.py\n") == expected, "\(script)")
        #expect(script.contains("--nv") == expected)
        #expect(!Self.lint(script, cluster).contains { $0.id == "GPU004" })
        #expect(Self.generator.spec(fromScript: script) == spec)
    }

    @Test("whole-node job types get no memory option", arguments: [
        ("betzy", nil, 4), ("betzy", "normal", 16), ("olivia", "large", 2), ("lumi", "standard", 1), ("lumi", "standard-g", 2),
    ] as [(String, String?, Int)])
    func wholeNodes(_ cluster: String, _ partition: String?, _ nodes: Int) throws {
        var lines = ["cluster: \(cluster)", "account: \(cluster == "lumi" ? "project_465000123" : "nn1234k")", "time: \"6:00:00\"", "nodes: \(nodes)", "command: ./app"]
        if let partition { lines.append("partition: \(partition)") }
        if partition == "standard-g" { lines.append("gpus_per_node: 8") }
        let spec = try #require(Self.parse(Self.yaml(lines)).0)
        let script = Self.generator.generate(spec)
        #expect(!script.contains("--mem"), "\(script)")
        #expect(script.contains("# Whole nodes"))
        #expect(Self.lint(script, cluster).filter { $0.severity != .note }.isEmpty)
    }

    @Test("Olivia loads its software stack first: NRIS/GPU on accel, NRIS/CPU elsewhere", arguments: [
        ("accel", "NRIS/GPU"), ("small", "NRIS/CPU"), ("large", "NRIS/CPU"),
    ])
    func oliviaStack(_ partition: String, _ stack: String) throws {
        var lines = ["cluster: olivia", "partition: \(partition)", "account: nn1234k", "time: 60", "modules: [\(stack), GCC/13.2.0]", "command: ./app"]
        lines += partition == "large" ? ["nodes: 2"] : ["mem_per_cpu: 2G"]
        if partition == "accel" { lines.append("gpus: 1") }
        let spec = try #require(Self.parse(Self.yaml(lines)).0)
        #expect(spec.modules == ["GCC/13.2.0"], "the stack module is the generator's, not the spec's")
        let script = Self.generator.generate(spec)
        #expect(script.contains("module --quiet reset\nmodule load \(stack)\nmodule load GCC/13.2.0\nmodule list\n"))
        #expect(Self.generator.spec(fromScript: script) == spec)
    }

    @Test("MPI jobs start the command with srun, continuation and comment lines are left alone")
    func srunLines() throws {
        var spec = JobSpec(cluster: "saga", account: "nn1234k", time: .days(hours: 1), command: ["# run it", "./app \\", "  --fast", "./post"])
        spec.ntasks = 8
        spec.mpi = true
        spec.memory = .perCPU(SlurmMemory(amount: 2, unit: .gigabytes))
        let script = Self.generator.generate(spec)
        #expect(script.hasSuffix("# The job's commands, started once per task by srun\n# run it\nsrun ./app \\\n  --fast\nsrun ./post\n"))
        #expect(Self.generator.spec(fromScript: script) == spec)
    }

    @Test("scratch results are copied back with cp where savefile is not the cluster's way")
    func scratchCopyBack() throws {
        var spec = JobSpec(cluster: "olivia", account: "nn1234k", time: .days(hours: 1), command: ["./app"])
        spec.memory = .perCPU(SlurmMemory(amount: 2, unit: .gigabytes))
        spec.scratch = JobSpec.Scratch(inputs: ["in"], results: ["out", "log.txt"])
        let script = Self.generator.generate(spec)
        #expect(script.contains("cp -r in \"$SCRATCH\"/\ncd \"$SCRATCH\"\n"))
        #expect(script.hasSuffix("\n# Copy the results back to the folder the job was submitted from\ncp -r out log.txt \"$SLURM_SUBMIT_DIR\"/\n"))
        #expect(!script.contains("savefile"))
        #expect(Self.generator.spec(fromScript: script) == spec)
    }

    @Test("scripts docgen did not write are not read as specs", arguments: [
        "#!/bin/bash\n#SBATCH --account=nn1234k\n#SBATCH --time=1:00:00\npython run.py\n",
        "",
        "#!/bin/bash\n# job.sh: a job script for Saga, made by docgen jobscript\n#SBATCH --account=nn1234k\n#SBATCH --time=01:00:00\n#SBATCH --mail-type=END\n\n# The job's commands\n./app\n",
        "#!/bin/bash\n# job.sh: a job script for Saga, made by docgen jobscript\n#SBATCH --account=nn1234k\n#SBATCH -t 01:00:00\n\n# The job's commands\n./app\n",
        "#!/bin/bash\n# job.sh: a job script for Saga, made by docgen jobscript\n#SBATCH --account=nn1234k\n#SBATCH --time=01:00:00\n\nrm -rf /\n# The job's commands\n./app\n",
    ])
    func foreignScripts(_ script: String) {
        #expect(Self.generator.spec(fromScript: script) == nil)
    }

    @Test("a spec encodes to JSON with the YAML keys, for the browser form")
    func json() throws {
        let spec = try #require(Self.parse(Self.golden[0].yaml).0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(spec), as: UTF8.self)
        #expect(json == #"{"account":"nn1234k","cluster":"saga","command":["python train.py --epochs 10"],"#
            + #""container":{"image":"$USERWORK/images/pytorch.sif","runtime":"apptainer"},"gpus":1,"job_name":"train-classifier","#
            + #""mem_per_cpu":"8G","modules":["PyTorch/2.1.2-foss-2023a-CUDA-12.1.1"],"mpi":false,"partition":"accel","#
            + #""scratch":{"inputs":["data"],"results":["results"]},"time":"01:00:00"}"#)
        #expect(Self.parse(json).0 == spec, "JSON is YAML, so the parser reads it back")
    }

    // MARK: - The whole check

    @Test("the linter's findings on the generated script are reported at the spec key that made the line")
    func lintAtSpecLines() throws {
        let yaml = Self.yaml(["cluster: saga", "partition: accel", "account: nn1234k", "time: 15-00:00:00", "mem_per_cpu: 400G", "gpus: 1", "command: python train.py"])
        let result = JobSpecCheck.run(yaml: yaml, file: "guide.md", firstLine: 20, catalog: Self.catalog, checksBashSyntax: false)
        #expect(result.spec != nil)
        #expect(result.script?.hasPrefix("#!/bin/bash\n# job.sh: a job script for Saga") == true)
        #expect(result.filename == "job.sh")
        #expect(result.hasErrors)
        let time = try #require(result.diagnostics.first { $0.id == "TIM003" })
        #expect(time.location == SourceLocation(file: "guide.md", line: 23, column: 1))
        #expect(time.message.contains("(generated line 8: '#SBATCH --time=15-00:00:00')"))
        #expect(time.fixIt?.replacement == nil, "script replacements do not apply to YAML")
        let memory = try #require(result.diagnostics.first { $0.id == "MEM004" })
        #expect(memory.location.line == 24)
        #expect(!result.diagnostics.contains { $0.id == "jobspec.roundtrip" })
    }

    @Test("the whole check stops at spec errors and generates nothing")
    func checkStopsAtSpecErrors() {
        let result = JobSpecCheck.run(yaml: "cluster: fram\n", file: "guide.md", firstLine: 1, catalog: Self.catalog)
        #expect(result.script == nil)
        #expect(result.diagnostics.map(\.id).contains("jobspec.decommissioned-cluster"))
        #expect(result.diagnostics.map(\.id).contains("jobspec.missing-key"))
    }
}
