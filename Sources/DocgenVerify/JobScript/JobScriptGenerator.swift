import Foundation

/// Turns a `JobSpec` into a Slurm job script in the layout NRIS recommends, and reads such a script back.
///
/// The layout: `#!/bin/bash`, a header comment naming the file and the cluster, every `#SBATCH` line (long
/// options, `--opt=value`, a `#` comment on its own line above the non-obvious ones), then `set -o errexit`,
/// `set -o nounset`, the module block (`module --quiet reset`, the cluster's software stack, explicit loads,
/// `module list`), the scratch block, the commands (wrapped with `srun` and the container runtime as asked),
/// and the copy-back. The same spec always gives the same text.
public struct JobScriptGenerator: Sendable {
    /// One line of a generated script and the spec key it comes from (nil for the fixed layout).
    public struct Line: Hashable, Sendable {
        /// The line's text.
        public var text: String
        /// The spec key the line was made from, e.g. `time`, `modules.2`, `command.0`; nil for fixed lines.
        public var key: String?
    }

    /// The profiles that decide directives, comments, modules and flags.
    public let catalog: ClusterCatalog

    /// A generator that looks clusters up in `catalog`.
    public init(catalog: ClusterCatalog) {
        self.catalog = catalog
    }

    /// The script for `spec`, ending in a newline.
    public func generate(_ spec: JobSpec) -> String {
        lines(for: spec).map(\.text).joined(separator: "\n") + "\n"
    }

    /// The spec a generated script was made from, or nil when the text is not a script this generator writes.
    public func spec(fromScript script: String) -> JobSpec? {
        JobScriptReader(catalog: catalog).read(script)
    }

    /// The file name for the script: the spec's `name`, else the job name plus `.sh` (`job.sh` without one).
    public static func filename(for spec: JobSpec) -> String {
        spec.name ?? derivedFilename(for: spec)
    }

    /// The file name derived from the job name.
    static func derivedFilename(for spec: JobSpec) -> String {
        (spec.jobName ?? "job") + ".sh"
    }

    // MARK: - Cluster facts the layout depends on

    /// The job type a spec runs in: its partition, the partition its QoS selects, or the cluster's default.
    static func jobType(of spec: JobSpec, profile: ClusterProfile) -> ClusterProfile.Partition? {
        if let name = spec.partition { return profile.partition(named: name) }
        if let selected = spec.qos.flatMap({ profile.qos(named: $0)?.selectsPartition }) { return profile.partition(named: selected) }
        return profile.defaultPartition
    }

    /// The software stack module loaded before the spec's own (Olivia: `NRIS/GPU` on GPU nodes, `NRIS/CPU` otherwise).
    static func stackModule(for spec: JobSpec, profile: ClusterProfile) -> String? {
        let onGPUs = jobType(of: spec, profile: profile)?.hasGPUs ?? (spec.gpus != nil)
        return onGPUs ? profile.modules?.gpuStack : profile.modules?.cpuStack
    }

    /// Whether the container gets `--nv`: a GPU job on a cluster with NVIDIA GPUs (never on AMD clusters such as LUMI).
    static func usesNV(_ spec: JobSpec, profile: ClusterProfile?) -> Bool {
        spec.container != nil && spec.gpus != nil && profile?.gpuVendor == .nvidia
    }

    /// Whether results are registered with `savefile` (clusters whose `$SCRATCH` is deleted at job end) rather than
    /// copied back with `cp` after the commands.
    static func usesSavefile(_ spec: JobSpec, profile: ClusterProfile?) -> Bool {
        guard let scratch = spec.scratch, !scratch.results.isEmpty else { return false }
        return profile?.storage?.scratchDeletedAtJobEnd == true
    }

    /// The MPI launcher: the profile's, else `srun`.
    static func launcher(_ profile: ClusterProfile?) -> String {
        profile?.mpi?.launcher ?? "srun"
    }

    /// The first line of the header comment after `# FILE: `.
    static let headerMiddle = ": a job script for "
    /// The end of the header comment.
    static let headerEnd = ", made by docgen jobscript"
    /// The start of the comment above the commands.
    static let commandMarker = "# The job's commands"
    /// Added to the marker when the commands are started by the launcher.
    static let launcherMarker = ", started once per task by "
    /// Added to the marker when the commands run in a container.
    static let containerMarker = ", run in the container"

    /// The prefix put before each command line: `srun `, `apptainer exec --nv IMAGE `, or both.
    static func commandPrefix(_ spec: JobSpec, profile: ClusterProfile?) -> String {
        var prefix = spec.mpi ? launcher(profile) + " " : ""
        if let container = spec.container {
            prefix += "\(container.runtime.rawValue) exec " + (usesNV(spec, profile: profile) ? "--nv " : "") + container.image + " "
        }
        return prefix
    }

    // MARK: - The lines

    /// The script's lines, each with the spec key it comes from.
    public func lines(for spec: JobSpec) -> [Line] {
        let profile = catalog.profile(named: spec.cluster)
        let jobType = profile.flatMap { Self.jobType(of: spec, profile: $0) }
        var out: [Line] = []
        func add(_ text: String, _ key: String? = nil) { out.append(Line(text: text, key: key)) }
        func directive(_ option: String, _ value: String, _ key: String, comment: String? = nil) {
            if let comment { add("# " + comment, key) }
            add("#SBATCH --\(option)=\(value)", key)
        }

        add("#!/bin/bash")
        add("# " + Self.filename(for: spec) + Self.headerMiddle + (profile?.title ?? spec.cluster) + Self.headerEnd, "name")

        if let jobName = spec.jobName { directive("job-name", jobName, "job_name") }
        let listCommand = profile?.account?.listCommand.map { "; '\($0)' lists yours" } ?? ""
        directive("account", spec.account, "account", comment: "The project the job is charged to" + listCommand)
        if let partition = spec.partition {
            directive("partition", partition, "partition", comment: Self.partitionComment(partition, profile?.partition(named: partition)))
        }
        if let qos = spec.qos {
            directive("qos", qos, "qos", comment: Self.qosComment(qos, profile?.qos(named: qos)))
        }
        directive("time", spec.time.formatted, "time", comment: "Time limit, [D-]HH:MM:SS; ask for about 1.5 times the expected run time")
        if let nodes = spec.nodes {
            directive("nodes", "\(nodes)", "nodes", comment: jobType.flatMap(Self.wholeNodeComment))
        }
        if let ntasks = spec.ntasks { directive("ntasks", "\(ntasks)", "ntasks") }
        if let perNode = spec.ntasksPerNode { directive("ntasks-per-node", "\(perNode)", "ntasks_per_node") }
        if let cpus = spec.cpusPerTask { directive("cpus-per-task", "\(cpus)", "cpus_per_task") }
        if let memory = spec.memory {
            let what = switch memory {
            case .perCPU: "Memory per CPU core"
            case .perGPU: "Memory per GPU"
            case .perNode: "Memory per node"
            }
            let billed = jobType?.billing?.memoryFactor != nil ? "; the job is billed for the memory it asks for" : ""
            directive(memory.option, memory.size.description, memory.key, comment: what + billed)
        }
        if let gpus = spec.gpus {
            directive(gpus.option, gpus.value, gpus.key, comment: Self.gpuComment(gpus, jobType))
        }
        if let array = spec.array {
            let limit = array.maxConcurrent.map { ", at most \($0) running at once" } ?? ""
            let list = array.description.split(separator: "%").first.map(String.init) ?? array.description
            directive("array", array.description, "array", comment: "Array tasks \(list)\(limit); $SLURM_ARRAY_TASK_ID is the task's index")
        }
        directive("output", spec.effectiveOutput, "output", comment: Self.patternComment("Log file", spec.effectiveOutput))
        if let error = spec.error {
            directive("error", error, "error", comment: Self.patternComment("Error log", error))
        }

        add("")
        add("# Stop at the first failing command and at unset variables")
        add("set -o errexit")
        add("set -o nounset")

        let reset = profile?.modules?.reset
        let stack = profile.flatMap { Self.stackModule(for: spec, profile: $0) }
        let loads = [stack].compactMap { $0 }.map { ($0, nil as String?) }
            + spec.modules.enumerated().map { ($0.element, "modules.\($0.offset)" as String?) }
        if reset != nil || !loads.isEmpty {
            add("")
            if let reset {
                add(loads.isEmpty ? "# Start from the default modules" : "# Start from the default modules, then load exact versions")
                add(reset)
            } else {
                add("# Load exact versions of the software")
            }
            for (module, key) in loads { add("module load \(module)", key ?? "modules") }
            add("module list")
        }

        let savefile = Self.usesSavefile(spec, profile: profile)
        if let scratch = spec.scratch {
            add("")
            add("# Work in the job's scratch folder, which is deleted when the job ends", "scratch")
            if !scratch.inputs.isEmpty { add("cp -r \(scratch.inputs.joined(separator: " ")) \"$SCRATCH\"/", "scratch.inputs") }
            add("cd \"$SCRATCH\"", "scratch")
            if savefile {
                add("# Copy the results back to the submit folder when the job ends, even if it fails", "scratch.results")
                add("savefile \(scratch.results.joined(separator: " "))", "scratch.results")
            }
        }

        add("")
        var marker = Self.commandMarker
        if spec.mpi { marker += Self.launcherMarker + Self.launcher(profile) }
        if spec.container != nil { marker += Self.containerMarker }
        if Self.usesNV(spec, profile: profile) { marker += " (--nv gives it the GPUs)" }
        add(marker, "command")
        let prefix = Self.commandPrefix(spec, profile: profile)
        var continued = false
        for (index, line) in spec.command.enumerated() {
            add(Self.wraps(line, continued: continued) ? prefix + line : line, "command.\(index)")
            continued = line.hasSuffix("\\")
        }

        if let scratch = spec.scratch, !savefile {
            add("")
            if scratch.results.isEmpty {
                add("# Copy everything in the scratch folder back to the folder the job was submitted from", "scratch")
                add("cp -r \"$SCRATCH\"/. \"$SLURM_SUBMIT_DIR\"/", "scratch")
            } else {
                add("# Copy the results back to the folder the job was submitted from", "scratch.results")
                add("cp -r \(scratch.results.joined(separator: " ")) \"$SLURM_SUBMIT_DIR\"/", "scratch.results")
            }
        }
        return out
    }

    /// Whether a command line gets the launcher and container prefix: not a comment, not a continuation line.
    static func wraps(_ line: String, continued: Bool) -> Bool {
        !continued && !line.drop(while: \.isWhitespace).hasPrefix("#")
    }

    // MARK: - Comments

    /// `Job type accel: 4 P100 GPUs per node, at most 14 days`.
    static func partitionComment(_ name: String, _ partition: ClusterProfile.Partition?) -> String {
        guard let partition else { return "Job type \(name)" }
        var facts: [String] = []
        if partition.wholeNode { facts.append("whole nodes") }
        if partition.hasGPUs {
            let model = partition.nodeTypes.compactMap(\.gpuModel).first.map { " \($0)" } ?? ""
            facts.append("\(partition.maxGPUsPerNode)\(model) GPUs per node")
        }
        if let time = partition.maxTime, !time.isUnlimited { facts.append("at most \(time)") }
        return "Job type \(partition.name)" + (facts.isEmpty ? "" : ": " + facts.joined(separator: ", "))
    }

    /// `QoS devel: at most 2 hours`.
    static func qosComment(_ name: String, _ qos: ClusterProfile.QoS?) -> String {
        guard let qos else { return "QoS \(name)" }
        var facts: [String] = []
        if let time = qos.maxTime, !time.isUnlimited { facts.append("at most \(time)") }
        if qos.preemptible { facts.append("the job can be stopped and requeued at any time") }
        return "QoS \(qos.name)" + (facts.isEmpty ? "" : ": " + facts.joined(separator: ", "))
    }

    /// `Whole nodes of 128 cores; the memory options are turned off`, for whole-node job types only.
    static func wholeNodeComment(_ partition: ClusterProfile.Partition) -> String? {
        guard partition.wholeNode else { return nil }
        let cores = partition.maxCores.map { " of \($0) cores" } ?? ""
        let memory = switch partition.memoryFlag {
        case .forbidden: "; the memory options are turned off"
        case .discouraged: ", with all their memory"
        default: ""
        }
        return "Whole nodes\(cores)\(memory)"
    }

    /// `GPUs for the whole job (P100, 16 GiB each)`.
    static func gpuComment(_ gpus: JobSpec.GPUs, _ partition: ClusterProfile.Partition?) -> String {
        let what = gpus.perNode ? "GPUs on each node" : "GPUs for the whole job"
        guard let node = partition?.nodeTypes.first(where: { $0.gpuModel != nil }), let model = node.gpuModel else { return what }
        return what + " (\(model)" + (node.gpuMemoryGiB.map { ", \(formatNumber($0)) GiB each" } ?? "") + ")"
    }

    /// `Log file: %x = job name, %j = job ID`, or just `Log file` when the pattern has no placeholders.
    static func patternComment(_ what: String, _ pattern: String) -> String {
        let names = [("%x", "job name"), ("%j", "job ID"), ("%A", "array job ID"), ("%a", "array task index")]
        let present = names.filter { pattern.contains($0.0) }.map { "\($0.0) = \($0.1)" }
        return what + (present.isEmpty ? "" : ": " + present.joined(separator: ", "))
    }
}
