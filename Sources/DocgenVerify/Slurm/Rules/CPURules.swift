import DocgenCore
import Foundation

/// CPU001-CPU003 and NOD001: CPUs, threads and nodes.
enum CPURules {
    static let all = [coresPerNode, ompThreads, idleNodes, nodeCount]

    /// CPU001: more CPUs per node than a node has; contradicting CPU counts.
    static let coresPerNode = SlurmLintRule(
        "CPU001", .error, .cluster,
        "CPUs per node (ntasks-per-node x cpus-per-task) above the node's cores (contradicting CPU requests are a warning)"
    ) { context in
        guard let partition = context.partition, let cores = partition.maxCores else { return [] }
        var findings: [SlurmFinding] = []
        let where_ = "the \(cores) cores of the largest node in \(context.jobTypeName)"
        if let cpt = context.cpusPerTask, cpt > cores, let directive = context.script.last("cpus-per-task") {
            findings.append(SlurmFinding(directive, "--cpus-per-task=\(cpt) is more than \(where_): a task cannot span nodes, so the job can never start"))
        } else if let tasks = context.tasksPerNode, tasks * context.cpusPerTaskOrOne > cores,
            let directive = context.script.last("ntasks-per-node") ?? context.script.last("ntasks")
        {
            findings.append(SlurmFinding(
                directive,
                "\(tasks) tasks x \(context.cpusPerTaskOrOne) CPUs = \(tasks * context.cpusPerTaskOrOne) CPUs per node, more than \(where_)"))
        } else if let cpg = context.cpusPerGPU, let gpus = context.gpusPerNode, cpg * gpus > cores, let directive = context.script.last("cpus-per-gpu") {
            findings.append(SlurmFinding(
                directive, "--cpus-per-gpu=\(cpg) x \(gpus) GPUs = \(cpg * gpus) CPUs per node, more than \(where_)"))
        }
        if findings.isEmpty, let cpg = context.cpusPerGPU, let gpus = context.gpusPerNode, let tasks = context.ntasksPerNode,
            tasks * context.cpusPerTaskOrOne != cpg * gpus, let directive = context.script.last("cpus-per-gpu")
        {
            findings.append(SlurmFinding(
                directive,
                "--ntasks-per-node=\(tasks) asks for \(tasks * context.cpusPerTaskOrOne) CPUs per node, but --cpus-per-gpu=\(cpg) with \(gpus) GPU\(gpus == 1 ? "" : "s") gives \(cpg * gpus): "
                    + "the requests contradict each other; keep one way of asking for CPUs",
                severity: .warning))
        }
        return findings
    }

    /// CPU002: `OMP_NUM_THREADS` set to a number other than `--cpus-per-task`.
    static let ompThreads = SlurmLintRule("CPU002", .warning, .any, "OMP_NUM_THREADS hard-coded to a value other than --cpus-per-task") { context in
        context.script.commands.flatMap { command in command.words.compactMap { word -> SlurmFinding? in
            guard word.text.hasPrefix("OMP_NUM_THREADS=") else { return nil }
            let value = String(word.text.dropFirst("OMP_NUM_THREADS=".count))
            guard value.isDigits, Int(value) != context.cpusPerTaskOrOne else { return nil }
            let asked = context.cpusPerTask.map { "--cpus-per-task=\($0)" } ?? "no --cpus-per-task (1 CPU per task)"
            return SlurmFinding(
                word, "OMP_NUM_THREADS=\(value) but the job asks for \(asked): threads and cores disagree",
                fixIt: .init("write 'OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK}'", replacement: "OMP_NUM_THREADS=${SLURM_CPUS_PER_TASK}"))
        } }
    }

    /// CPU003: several nodes but nothing that starts work on them.
    static let idleNodes = SlurmLintRule("CPU003", .warning, .any, "--nodes>1 with no srun/mpirun in the body (serial code on several nodes)") { context in
        guard let nodes = context.nodes, nodes.min > 1, let directive = context.nodesDirective,
            context.commands(named: ["srun", "mpirun", "mpiexec"]).isEmpty
        else { return [] }
        return [SlurmFinding(
            directive,
            "--nodes=\(directive.value ?? "") but the script starts nothing with srun or mpirun: the commands run on the first node only, "
                + "while the other nodes sit idle and are still charged")]
    }

    /// NOD001: node count outside the job type's limits.
    static let nodeCount = SlurmLintRule(
        "NOD001", .error, .cluster,
        "Node count outside limits (Betzy normal 4-512, Betzy devel 1-4, Olivia large <=9, Olivia small =1, LUMI small/small-g/debug <=4)"
    ) { context in
        guard let limit = context.nodeBounds else { return [] }
        let bounds = limit.bounds
        let low = context.nodes?.min ?? context.nodeCount
        let high = context.nodes?.max ?? context.nodeCount
        let asked = context.nodes == nil
            ? "the job needs \(low) node\(low == 1 ? "" : "s")" + (context.nodesDirective == nil && context.script.last("ntasks") == nil ? " (no --nodes given)" : "")
            : "--nodes=\(context.nodesDirective?.value ?? "")"
        let tooMany = bounds.max.map { low > $0 } ?? false
        let tooFew = bounds.min.map { high < $0 } ?? false
        guard tooMany || tooFew else { return [] }
        let at = context.nodesDirective.map { ($0.line, $0.column) } ?? context.headerLocation
        let allowed = bounds.min == 1 && bounds.max == 1 ? "exactly 1 node" : "\(bounds) nodes"
        return [SlurmFinding(
            line: at.0, column: at.1, "\(asked), but \(limit.owner) allows \(allowed)",
            fixIt: context.nodesDirective.flatMap { directive in
                (tooMany ? bounds.max : bounds.min).map { replace(directive, with: "--nodes=\($0)") }
            } ?? bounds.min.map { .init("add '#SBATCH --nodes=\($0)'") })]
    }
}
