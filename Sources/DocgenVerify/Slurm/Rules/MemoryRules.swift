import DocgenCore
import Foundation

/// MEM001-MEM006: memory options.
enum MemoryRules {
    static let all = [missing, exclusive, wholeNode, overNode, unit, billing]

    private static let options = ["mem", "mem-per-cpu", "mem-per-gpu"]

    /// MEM001: no memory option where the job type requires one.
    static let missing = SlurmLintRule(
        "MEM001", .error, .cluster, "No memory option where one is required (Olivia small/accel, Betzy preproc/accel; a warning on Saga, where rejection is not confirmed)"
    ) { context in
        guard let partition = context.partition, [.required, .expected].contains(partition.memoryFlag),
            !context.script.directives.contains(where: { options.contains($0.option) })
        else { return [] }
        let at = context.headerLocation
        let gpuHint = partition.hasGPUs ? " or --mem-per-gpu" : ""
        return [SlurmFinding(
            line: at.line, column: at.column,
            "no memory option: \(context.jobTypeName) requires one, e.g. --mem-per-cpu=4G\(gpuHint) (the limit applies per node)",
            fixIt: .init("add '#SBATCH --mem-per-cpu=SIZE', e.g. 4G"), severity: partition.memoryFlag == .expected ? .warning : nil)]
    }

    /// MEM002: more than one of `--mem`, `--mem-per-cpu`, `--mem-per-gpu`.
    static let exclusive = SlurmLintRule(
        "MEM002", .error, .any, "More than one of --mem, --mem-per-cpu, --mem-per-gpu (mutually exclusive)"
    ) { context in
        let used = context.script.directives.filter { options.contains($0.option) }
        guard let first = used.first, let second = used.first(where: { $0.option != first.option }) else { return [] }
        return [SlurmFinding(
            second,
            "--\(second.option) and --\(first.option) (line \(first.line)) are mutually exclusive: Slurm accepts only one of "
                + "--mem, --mem-per-cpu and --mem-per-gpu per job",
            fixIt: .init("keep one of them and remove '\(second.text)' or '\(first.text)'"))]
    }

    /// MEM003: a memory option on a whole-node job type.
    static let wholeNode = SlurmLintRule(
        "MEM003", .error, .cluster, "Memory option on a whole-node job type (error on Olivia large and Betzy normal, warning on LUMI standard/standard-g)"
    ) { context in
        guard let partition = context.partition, [.forbidden, .discouraged].contains(partition.memoryFlag),
            let directive = context.memoryDirective
        else { return [] }
        if partition.memoryFlag == .discouraged {
            if context.memory?.isZero == true { return [] }
            return [SlurmFinding(
                directive,
                "\(context.jobTypeName) hands out whole nodes with all their memory, so '\(directive.text)' only limits the job",
                fixIt: .init("remove '\(directive.text)' (or use --mem=0 for all of a node's memory)"), severity: .warning)]
        }
        return [SlurmFinding(
            directive,
            "\(context.jobTypeName) hands out whole nodes and has the memory options turned off: '\(directive.text)' must not be given",
            fixIt: .init("remove '\(directive.text)'"))]
    }

    /// MEM004: more memory per node than a node has.
    static let overNode = SlurmLintRule(
        "MEM004", .error, .cluster, "Memory per node larger than the partition's node memory (suggests bigmem above 8 GiB per CPU on Saga)"
    ) { context in
        guard let partition = context.partition, let nodeMemory = partition.maxMemoryGiB, let directive = context.memoryDirective,
            let perNode = context.memoryPerNodeGiB, perNode > nodeMemory, let memory = context.memory
        else { return [] }
        var how = "'\(directive.text)'"
        switch context.memoryScope {
        case .cpu?: how += " for \(context.cpusPerNode ?? context.cpusPerTaskOrOne) CPUs per node"
        case .gpu?: how += " for \(context.gpusPerNode ?? 1) GPUs per node"
        default: break
        }
        var message = "\(how) is \(formatNumber(perNode)) GiB per node, more than the \(formatNumber(nodeMemory)) GiB of the largest node "
            + "in \(context.jobTypeName): the job can never start"
        if let advice = partition.memoryPerCPUAdvice, context.memoryScope == .cpu, memory.gibibytes > advice.aboveGiBPerCPU {
            message += "; use --partition=\(advice.partition) for more than \(formatNumber(advice.aboveGiBPerCPU)) GiB per CPU"
        }
        return [SlurmFinding(directive, message)]
    }

    /// MEM005: no unit (Slurm reads MB) or a unit other than K/M/G/T.
    static let unit = SlurmLintRule("MEM005", .warning, .any, "Memory without a unit (defaults to MB), or a unit other than K/M/G/T") { context in
        context.script.directives.filter { options.contains($0.option) }.compactMap { directive in
            guard let value = directive.value, let memory = try? SlurmMemory.parse(value) else { return nil }
            if !memory.hasUnit, !memory.isZero {
                return SlurmFinding(
                    directive,
                    "'\(directive.text)' has no unit, so Slurm reads \(value) MB; write the unit, e.g. \(value)M",
                    fixIt: replace(directive, with: "--\(directive.option)=\(value)M"))
            }
            if memory.hasNonstandardUnit {
                return SlurmFinding(
                    directive,
                    "'\(directive.text)' uses the unit '\(memory.writtenUnit ?? "")'; Slurm documents only K, M, G and T (powers of 1024), so write \(memory)",
                    fixIt: replace(directive, with: "--\(directive.option)=\(memory)"))
            }
            return nil
        }
    }

    /// MEM006: memory that sets the bill, and cheaper partitions for much memory per CPU.
    static let billing = SlurmLintRule(
        "MEM006", .note, .cluster, "Memory drives billing (memory x factor > CPUs): you are billed for what you ask"
    ) { context in
        guard let partition = context.partition, let directive = context.memoryDirective, let memory = context.memory else { return [] }
        var findings: [SlurmFinding] = []
        if let factor = partition.billing?.memoryFactor, let total = context.totalMemoryGiB {
            let memoryUnits = total * factor
            let cpus = Double(context.totalCPUs)
            let gpuUnits = Double(context.totalGPUs ?? 0) * (partition.billing?.gpuFactor ?? 0)
            if memoryUnits > cpus, memoryUnits > gpuUnits {
                findings.append(SlurmFinding(
                    directive,
                    "memory sets this job's bill: \(formatNumber(total)) GiB x \(formatNumber(factor)) = \(formatNumber(memoryUnits)) billing units, "
                        + "more than its \(context.totalCPUs) CPU\(context.totalCPUs == 1 ? "" : "s"); you are billed for what you ask, so size the request with seff or sacct"))
            }
        }
        if let advice = partition.memoryPerCPUAdvice, context.memoryScope == .cpu, memory.gibibytes > advice.aboveGiBPerCPU,
            (context.memoryPerNodeGiB ?? 0) <= (partition.maxMemoryGiB ?? .infinity)
        {
            findings.append(SlurmFinding(
                directive,
                "more than \(formatNumber(advice.aboveGiBPerCPU)) GiB per CPU: \(context.clusterTitle)'s \(advice.partition) partition is meant for this",
                fixIt: .init("add '#SBATCH --partition=\(advice.partition)'")))
        }
        return findings
    }
}
