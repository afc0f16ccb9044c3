import DocgenCore
import Foundation

/// GPU001-GPU006 and MPI001: GPUs, containers on GPUs, and MPI launchers.
enum GPURules {
    static let all = [gpuOnCPUPartition, missingGPU, tooManyGPUs, containerFlags, armNodes, smallGPUs, mpiLauncher]

    /// GPU001: GPUs asked for on a partition without GPUs.
    static let gpuOnCPUPartition = SlurmLintRule("GPU001", .error, .cluster, "GPU request (--gpus*, --gres=gpu) on a non-GPU partition") { context in
        guard let partition = context.partition, !partition.hasGPUs, partition.gpusPerJob == nil, context.asksForGPUs,
            let directive = context.gpuDirective
        else { return [] }
        let gpuPartitions = context.profile?.partitions.filter(\.hasGPUs).map(\.name) ?? []
        return [SlurmFinding(
            directive,
            "'\(directive.text)' asks for GPUs, but \(context.jobTypeName) has none"
                + (gpuPartitions.isEmpty ? "" : "; GPU partitions: \(gpuPartitions.joined(separator: ", "))"),
            fixIt: gpuPartitions.first.map { .init("add '#SBATCH --partition=\($0)'") })]
    }

    /// GPU002: a GPU partition with no GPU request.
    static let missingGPU = SlurmLintRule("GPU002", .error, .cluster, "GPU partition with no GPU request") { context in
        guard let partition = context.partition, partition.hasGPUs, !context.asksForGPUs else { return [] }
        let at = context.partitionDirective.map { ($0.line, $0.column) } ?? context.headerLocation
        return [SlurmFinding(
            line: at.0, column: at.1,
            "\(context.jobTypeName) is for GPU jobs, but the script asks for no GPU; add --gpus=N or --gpus-per-node=N "
                + "(at most \(partition.maxGPUsPerNode) per node)",
            fixIt: .init("add '#SBATCH --gpus=1'"))]
    }

    /// GPU003: more GPUs per node than a node has, or per job than allowed.
    static let tooManyGPUs = SlurmLintRule("GPU003", .error, .cluster, "More GPUs per node than exist (4 NRIS, 8 LUMI-G), or per job than allowed (Olivia accel 32)") { context in
        guard let partition = context.partition, let directive = context.gpuDirective else { return [] }
        if partition.hasGPUs, let perNode = context.gpusPerNode, perNode > partition.maxGPUsPerNode {
            return [SlurmFinding(
                directive,
                "'\(directive.text)' is \(perNode) GPUs per node, but a node in \(context.jobTypeName) has \(partition.maxGPUsPerNode)",
                fixIt: .init("ask for at most \(partition.maxGPUsPerNode) GPUs per node, and more nodes if needed"))]
        }
        let limits = [(context.qos?.gpusPerJob, "QoS \(context.qos?.name ?? "") on \(context.clusterTitle)"), (partition.gpusPerJob, context.jobTypeName)]
        for case let (bounds?, owner) in limits {
            if let total = context.totalGPUs, let maximum = bounds.max, total > maximum {
                return [SlurmFinding(directive, "the job asks for \(total) GPUs, but \(owner) allows at most \(maximum) per job")]
            }
        }
        return []
    }

    /// Whether a command is `singularity`/`apptainer` `exec`/`run`/`shell`/`instance`.
    static func containerRuns(_ context: SlurmLintContext) -> [ShellCommand] {
        context.commands(named: ["singularity", "apptainer"]).filter { command in
            ["exec", "run", "shell", "test"].contains(command.arguments.first { !$0.text.hasPrefix("-") }?.text ?? "")
        }
    }

    /// GPU004: containers on NVIDIA GPUs without `--nv`; `--nv`/CUDA on AMD GPUs.
    static let containerFlags = SlurmLintRule(
        "GPU004", .warning, .cluster, "GPU job runs singularity/apptainer without --nv (NVIDIA), or uses --nv/CUDA on LUMI (AMD)"
    ) { context in
        guard let profile = context.profile, context.asksForGPUs else { return [] }
        switch profile.gpuVendor {
        case .nvidia:
            return containerRuns(context).filter { !$0.has("--nv") && !$0.has("--nvccli") }.map { command in
                SlurmFinding(
                    command,
                    "'\(command.name ?? "") \(command.arguments.first?.text ?? "")' in a GPU job without --nv: the container cannot see \(profile.title)'s NVIDIA GPUs",
                    fixIt: .init("add --nv after '\(command.name ?? "") \(command.arguments.first?.text ?? "")'"))
            }
        case .amd:
            var findings = containerRuns(context).compactMap { command in
                command.words.first { $0.text == "--nv" }.map {
                    SlurmFinding($0, "--nv is for NVIDIA GPUs; \(profile.title) has AMD GPUs (ROCm), use --rocm", fixIt: .init("write --rocm", replacement: "--rocm"))
                }
            }
            findings += context.loadedModules.filter { $0.text.lowercased().hasPrefix("cuda") }.map {
                SlurmFinding($0, "'\($0.text)' is NVIDIA's CUDA; \(profile.title)'s GPUs are AMD and need ROCm software")
            }
            return findings
        case .none:
            return []
        }
    }

    /// GPU005: Olivia's ARM GPU nodes with x86 containers or the CPU software stack.
    static let armNodes = SlurmLintRule(
        "GPU005", .warning, .cluster, "Olivia accel (aarch64) with an x86 container/venv or without NRIS/GPU; advise --arch arm64"
    ) { context in
        guard let partition = context.partition, let arch = partition.nodeTypes.compactMap(\.architecture).first,
            ["aarch64", "arm64"].contains(arch)
        else { return [] }
        var findings: [SlurmFinding] = []
        for command in context.commands(named: ["singularity", "apptainer"]) where command.arguments.first?.text == "pull" {
            if !command.arguments.contains(where: { $0.text.hasPrefix("--arch") }) {
                findings.append(SlurmFinding(
                    command, "'\(command.name ?? "") pull' on \(context.jobTypeName) fetches the x86_64 image by default, but these nodes are \(arch)",
                    fixIt: .init("add '--arch arm64'")))
            }
        }
        for word in context.script.commands.flatMap({ $0.words + $0.outputs }) {
            let lowered = word.text.lowercased()
            if ["x86_64", "amd64"].contains(where: lowered.contains), lowered.contains("/") || lowered.hasSuffix(".sif") {
                findings.append(SlurmFinding(word, "'\(word.text)' looks built for x86_64, but \(context.jobTypeName) runs on \(arch) nodes"))
            }
        }
        if let modules = context.profile?.modules, let gpuStack = modules.gpuStack {
            let loaded = context.loadedModules
            if let cpu = modules.cpuStack, let word = loaded.first(where: { $0.text == cpu }) {
                findings.append(SlurmFinding(
                    word, "\(cpu) is the x86_64 software stack; on \(context.jobTypeName) load \(gpuStack)",
                    fixIt: .init("write \(gpuStack)", replacement: gpuStack)))
            } else if !loaded.isEmpty, !loaded.contains(where: { $0.text == gpuStack }), let first = loaded.first {
                findings.append(SlurmFinding(
                    first, "modules are loaded without '\(gpuStack)' first; on \(context.jobTypeName) (\(arch)) load \(gpuStack) before the others",
                    fixIt: .init("add 'module load \(gpuStack)' before the other loads")))
            }
        }
        return findings
    }

    /// Words that suggest a large model.
    private static let largeModelWords = ["llama", "llm", "mistral", "mixtral", "gpt", "vllm", "transformers", "huggingface", "deepspeed", "falcon", "gemma"]

    /// GPU006: Saga's 16 GiB P100s for large models.
    static let smallGPUs = SlurmLintRule(
        "GPU006", .note, .cluster, "Saga accel (P100, 16 GiB) chosen for large models; suggest a100"
    ) { context in
        guard let partition = context.partition, let larger = partition.largerGPUPartition else { return [] }
        let words = context.script.commands.flatMap(\.words) + context.script.directives.compactMap { directive in
            directive.value.map { ShellWord(text: $0, line: directive.line, column: directive.column) }
        }
        guard let word = words.first(where: { word in largeModelWords.contains { word.text.lowercased().contains($0) } }) else { return [] }
        let memory = partition.nodeTypes.compactMap(\.gpuMemoryGiB).max().map { " (\(formatNumber($0)) GiB each)" } ?? ""
        let model = partition.nodeTypes.compactMap(\.gpuModel).first ?? "GPUs"
        return [SlurmFinding(
            word,
            "'\(word.text)' suggests a large model; \(context.jobTypeName) has \(model)\(memory), too small for most; consider --partition=\(larger)",
            fixIt: context.partitionDirective.map { replace($0, with: "--partition=\(larger)") })]
    }

    /// MPI001: `mpirun` where `srun` is the launcher, and `srun mpirun`.
    static let mpiLauncher = SlurmLintRule(
        "MPI001", .warning, .both, "mpirun/mpiexec on Saga without the Intel toolchain ('use srun'); srun mpirun double launch"
    ) { context in
        var findings: [SlurmFinding] = []
        for command in context.commands(named: "srun") {
            if let inner = command.arguments.first(where: { ["mpirun", "mpiexec"].contains($0.text) }) {
                findings.append(SlurmFinding(
                    command, "'srun \(inner.text)' starts the MPI program twice over (every srun task runs its own \(inner.text)); use one launcher",
                    fixIt: .init("remove '\(inner.text)'")))
            }
        }
        guard let profile = context.profile, let allowed = profile.mpi?.mpirunOnlyWith, !allowed.isEmpty else { return findings }
        let modules = context.loadedModules.map { $0.text.lowercased() }
        let intel = modules.contains { module in allowed.contains { module.hasPrefix($0.lowercased()) } }
        guard !intel else { return findings }
        for command in context.commands(named: ["mpirun", "mpiexec"]) {
            findings.append(SlurmFinding(
                command,
                "'\(command.name ?? "")' on \(profile.title) without the Intel toolchain: \(profile.mpi?.advice ?? "use srun")",
                fixIt: .init("write 'srun' instead of '\(command.name ?? "")'", replacement: "srun")))
        }
        return findings
    }
}
