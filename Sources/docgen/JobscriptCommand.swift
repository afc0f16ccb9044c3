import ArgumentParser
import DocgenCore
import DocgenVerify
import Foundation

/// `docgen jobscript`: a Slurm job script from a spec given as options or as a YAML file, checked by the linter.
struct JobscriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobscript",
        abstract: "Generate a Slurm job script for a cluster from options or a YAML job spec.",
        discussion: """
            Prints the script on stdout and the spec's problems and the linter's findings on stderr. Give the \
            command after '--': one argument is used as a shell line as it is, several are quoted where needed. \
            Exits 1 when the spec is invalid or the generated script has lint errors, 2 on usage errors.

            Example: docgen jobscript --cluster saga --partition accel --gpus 1 --account nn1234k \
            --time 1:00:00 --mem-per-cpu 8G --module PyTorch/2.1.2-foss-2023a-CUDA-12.1.1 -- python train.py
            """
    )

    @Option(name: .long, help: ArgumentHelp("Read the job spec from a YAML file instead of the options.", valueName: "FILE"))
    var spec: String?

    @Option(name: .long, help: ArgumentHelp("The cluster: saga, betzy, olivia or lumi.", valueName: "NAME"))
    var cluster: String?

    @Option(name: .long, help: ArgumentHelp("The partition (job type), e.g. accel; default: the cluster's default.", valueName: "NAME"))
    var partition: String?

    @Option(name: .long, help: ArgumentHelp("The QoS, e.g. devel.", valueName: "NAME"))
    var qos: String?

    @Option(name: .long, help: ArgumentHelp("The project to charge, e.g. nn1234k or project_465000000.", valueName: "PROJECT"))
    var account: String?

    @Option(name: .long, help: ArgumentHelp("The job's name; it also names the script file.", valueName: "NAME"))
    var jobName: String?

    @Option(name: .long, help: ArgumentHelp("The script's file name, when it should not be the job name plus .sh.", valueName: "FILE"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("The time limit, e.g. 1:00:00 or 2-00:00:00.", valueName: "TIME"))
    var time: String?

    @Option(name: .long, help: ArgumentHelp("The number of nodes.", valueName: "N"))
    var nodes: String?

    @Option(name: .long, help: ArgumentHelp("The number of tasks (processes).", valueName: "N"))
    var ntasks: String?

    @Option(name: .long, help: ArgumentHelp("The number of tasks on each node.", valueName: "N"))
    var ntasksPerNode: String?

    @Option(name: .long, help: ArgumentHelp("The CPU cores for each task.", valueName: "N"))
    var cpusPerTask: String?

    @Option(name: .long, help: ArgumentHelp("Memory per node, e.g. 64G.", valueName: "SIZE"))
    var mem: String?

    @Option(name: .long, help: ArgumentHelp("Memory per CPU core, e.g. 4G.", valueName: "SIZE"))
    var memPerCpu: String?

    @Option(name: .long, help: ArgumentHelp("Memory per GPU, e.g. 32G.", valueName: "SIZE"))
    var memPerGpu: String?

    @Option(name: .long, help: ArgumentHelp("GPUs for the whole job: a count, or type:count such as a100:2.", valueName: "N"))
    var gpus: String?

    @Option(name: .long, help: ArgumentHelp("GPUs on each node: a count, or type:count.", valueName: "N"))
    var gpusPerNode: String?

    @Option(name: .long, help: ArgumentHelp("A job array, e.g. 1-10 or 1-100%10 (at most 10 running at once).", valueName: "SPEC"))
    var array: String?

    @Option(name: .long, help: ArgumentHelp("The log file pattern (default %x-%j.out, %x-%A_%a.out for arrays).", valueName: "PATTERN"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("A separate pattern for standard error.", valueName: "PATTERN"))
    var error: String?

    @Option(name: .customLong("module"), help: ArgumentHelp("A module to load, with its version (repeat for more).", valueName: "NAME/VERSION"))
    var modules: [String] = []

    @Option(name: .long, help: ArgumentHelp("Run the command in this container image (.sif or docker://...).", valueName: "IMAGE"))
    var container: String?

    @Option(name: .long, help: ArgumentHelp("The container runtime: apptainer (default) or singularity.", valueName: "NAME"))
    var containerRuntime: String?

    @Flag(name: .long, help: "Work in the job's $SCRATCH folder and copy the results back.")
    var scratch = false

    @Option(name: .long, help: ArgumentHelp("A file or folder to copy to $SCRATCH first (repeat for more; implies --scratch).", valueName: "PATH"))
    var scratchInput: [String] = []

    @Option(name: .long, help: ArgumentHelp("A file or folder to copy back from $SCRATCH (repeat; default: everything).", valueName: "PATH"))
    var scratchResult: [String] = []

    @Flag(inversion: .prefixedNo, help: "Start the command once per task with srun (default: with more than one task or node).")
    var mpi: Bool?

    @Argument(parsing: .postTerminator, help: ArgumentHelp("The command the job runs, after '--'.", valueName: "COMMAND"))
    var command: [String] = []

    /// Whether any option of the spec itself was given.
    private var hasSpecOptions: Bool {
        let values: [String?] = [
            cluster, partition, qos, account, jobName, name, time, nodes, ntasks, ntasksPerNode, cpusPerTask, mem, memPerCpu,
            memPerGpu, gpus, gpusPerNode, array, output, error, container, containerRuntime,
        ]
        return values.contains { $0 != nil } || !modules.isEmpty || scratch || !scratchInput.isEmpty || !scratchResult.isEmpty
            || mpi != nil || !command.isEmpty
    }

    func validate() throws {
        if spec != nil, hasSpecOptions {
            throw ValidationError("give either --spec FILE or the spec as options (--cluster, --account, ... -- COMMAND), not both")
        }
        if spec == nil, !hasSpecOptions {
            throw ValidationError(
                "give the job as options, e.g. 'docgen jobscript --cluster saga --account nn1234k --time 1:00:00 --mem-per-cpu 4G -- python run.py', or --spec FILE")
        }
        if containerRuntime != nil, container == nil {
            throw ValidationError("--container-runtime needs --container IMAGE")
        }
    }

    func run() throws {
        let catalog = try ClusterCatalog.bundled()
        let result: JobSpecCheck.Result
        if let spec {
            result = JobSpecCheck.run(yaml: try read(spec), file: spec, firstLine: 1, catalog: catalog)
        } else {
            let parsed = JobSpecParser.parse(input(), catalog: catalog)
            result = JobSpecCheck.run(parsed, catalog: catalog, scriptFile: parsed.spec.map(JobScriptGenerator.filename(for:)))
        }
        if let script = result.script {
            FileHandle.standardOutput.write(Data(script.utf8))
        }
        report(result.diagnostics)
        if result.hasErrors {
            throw ExitCode(ExitStatus.contentErrors)
        }
    }

    /// The options as a spec input; each value is placed at its option's position on the command line.
    private func input() -> JobSpecInput {
        let arguments = Array(CommandLine.arguments.dropFirst())
        let line = arguments.joined(separator: " ")
        /// The column of the `occurrence`th use of `flag` (1-based, in the arguments joined by spaces), or of its value.
        func location(_ flag: String, value: Bool = false, occurrence: Int = 0) -> SourceLocation {
            var offset = 0
            var seen = 0
            for (index, argument) in arguments.enumerated() {
                if argument == flag || argument.hasPrefix(flag + "=") {
                    if seen == occurrence {
                        let column = !value ? offset : argument == flag ? offset + argument.count + 1 : offset + flag.count + 1
                        return SourceLocation(file: "<command line>", line: 1, column: (value && argument == flag && index + 1 == arguments.count ? offset : column) + 1)
                    }
                    seen += 1
                }
                offset += argument.count + 1
            }
            return SourceLocation(file: "<command line>", line: 1, column: max(1, line.count))
        }
        var entries: [JobSpecInput.Entry] = []
        func scalar(_ text: String, _ flag: String, occurrence: Int = 0) -> JobSpecInput.Value {
            JobSpecInput.Value(.scalar(text), at: location(flag, value: flag != "--", occurrence: occurrence))
        }
        func list(_ items: [String], _ flag: String) -> JobSpecInput.Value {
            JobSpecInput.Value(.list(items.enumerated().map { scalar($0.element, flag, occurrence: $0.offset) }), at: location(flag))
        }
        func add(_ key: String, _ flag: String, _ value: JobSpecInput.Value) {
            entries.append(JobSpecInput.Entry(key: key, label: flag, value: value, at: location(flag)))
        }
        let options: [(String, String, String?)] = [
            ("cluster", "--cluster", cluster), ("partition", "--partition", partition), ("qos", "--qos", qos),
            ("account", "--account", account), ("job_name", "--job-name", jobName), ("name", "--name", name),
            ("time", "--time", time), ("nodes", "--nodes", nodes), ("ntasks", "--ntasks", ntasks),
            ("ntasks_per_node", "--ntasks-per-node", ntasksPerNode), ("cpus_per_task", "--cpus-per-task", cpusPerTask),
            ("mem", "--mem", mem), ("mem_per_cpu", "--mem-per-cpu", memPerCpu), ("mem_per_gpu", "--mem-per-gpu", memPerGpu),
            ("gpus", "--gpus", gpus), ("gpus_per_node", "--gpus-per-node", gpusPerNode), ("array", "--array", array),
            ("output", "--output", output), ("error", "--error", error),
        ]
        for case let (key, flag, value?) in options { add(key, flag, scalar(value, flag)) }
        if !modules.isEmpty { add("modules", "--module", list(modules, "--module")) }
        if let container {
            if let containerRuntime {
                add("container", "--container", JobSpecInput.Value(.mapping([
                    JobSpecInput.Entry(key: "image", label: "--container", value: scalar(container, "--container"), at: location("--container")),
                    JobSpecInput.Entry(
                        key: "runtime", label: "--container-runtime", value: scalar(containerRuntime, "--container-runtime"),
                        at: location("--container-runtime")),
                ]), at: location("--container")))
            } else {
                add("container", "--container", scalar(container, "--container"))
            }
        }
        if !scratchInput.isEmpty || !scratchResult.isEmpty {
            let flag = scratch ? "--scratch" : !scratchInput.isEmpty ? "--scratch-input" : "--scratch-result"
            add("scratch", flag, JobSpecInput.Value(.mapping([
                JobSpecInput.Entry(key: "inputs", label: "--scratch-input", value: list(scratchInput, "--scratch-input"), at: location("--scratch-input")),
                JobSpecInput.Entry(key: "results", label: "--scratch-result", value: list(scratchResult, "--scratch-result"), at: location("--scratch-result")),
            ]), at: location(flag)))
        } else if scratch {
            add("scratch", "--scratch", scalar("true", "--scratch"))
        }
        if let mpi { add("mpi", mpi ? "--mpi" : "--no-mpi", scalar(mpi ? "true" : "false", mpi ? "--mpi" : "--no-mpi")) }
        if !command.isEmpty {
            let text = command.count == 1 ? command[0] : command.map(Self.shellQuoted).joined(separator: " ")
            add("command", "--", scalar(text, "--"))
        }
        return JobSpecInput(entries: entries, at: SourceLocation(file: "<command line>", line: 1, column: 1))
    }

    /// A word quoted for the shell when it needs it: `it's` becomes `'it'\''s'`.
    static func shellQuoted(_ word: String) -> String {
        let safe = !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "@%+=:,./_-$".contains($0)) }
        return safe ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The spec file's text; unreadable or non-UTF-8 files are environment errors (exit status 2).
    private func read(_ file: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
            throw DocgenError(exists && isDirectory.boolValue ? "'\(file)' is a folder; give a YAML job spec file" : "cannot read '\(file)': no such file or no permission")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw DocgenError("'\(file)' is not UTF-8 text")
        }
        return text
    }

    private func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        func count(_ severity: Diagnostic.Severity, _ word: String) -> String {
            let number = diagnostics.filter { $0.severity == severity }.count
            return "\(number) \(word)\(number == 1 ? "" : "s")"
        }
        let lines = diagnostics.map(\.formatted) + ["docgen jobscript: \(count(.error, "error")), \(count(.warning, "warning")), \(count(.note, "note"))"]
        FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
