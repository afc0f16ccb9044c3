import DocgenCore
import Foundation

/// MAIL001, ARR001-ARR002, QOS001, BILL001: notifications, arrays, optimist and cost.
enum JobRules {
    static let all = [mail, arraySpec, arrayOutput, optimist, cost]

    /// MAIL001: email options where they may not work.
    static let mail = SlurmLintRule("MAIL001", .warning, .cluster, "--mail-type / --mail-user on NRIS (not supported on all machines)") { context in
        guard let profile = context.profile, let support = profile.emailNotifications, support != "supported" else { return [] }
        return context.script.directives.filter { ["mail-type", "mail-user"].contains($0.option) }.map { directive in
            SlurmFinding(
                directive,
                "'\(directive.text)': email notification from Slurm is \(support == "unsupported" ? "not supported" : "not supported on all machines") "
                    + "on \(profile.title); watch the job with squeue or sacct instead")
        }
    }

    /// ARR001: invalid arrays and arrays over the limits.
    static let arraySpec = SlurmLintRule(
        "ARR001", .error, .both, "--array with more than 1000 tasks, an index above 100000, or spaces/decimals/negatives"
    ) { context in
        guard let directive = context.arrayDirective, let value = directive.value else { return [] }
        if !directive.trailing.isEmpty {
            let joined = ([value] + directive.trailing).joined()
            return [SlurmFinding(
                directive, "'\(directive.text) \(directive.trailing.joined(separator: " "))' has spaces in the --array value; Slurm reads only '\(value)'",
                fixIt: .init("write '--array=\(joined)'", replacement: "--array=\(joined)"))]
        }
        let spec: SlurmArraySpec
        do throws(SlurmValueError) {
            spec = try SlurmArraySpec.parse(value)
        } catch {
            return [SlurmFinding(
                directive, "--array=\(value): \(error.message)",
                fixIt: error.suggestion.map { replace(directive, with: "--array=\($0)") })]
        }
        guard let limits = context.profile?.arrays else { return [] }
        var findings: [SlurmFinding] = []
        if let maxTasks = limits.maxTasks, spec.taskCount > maxTasks {
            findings.append(SlurmFinding(
                directive, "--array=\(value) has \(spec.taskCount) tasks; \(context.clusterTitle) allows at most \(maxTasks) per array (split it into several arrays)"))
        }
        if let maxIndex = limits.maxIndex, spec.maxIndex > maxIndex {
            findings.append(SlurmFinding(
                directive, "--array=\(value) uses index \(spec.maxIndex); the highest task index on \(context.clusterTitle) is \(maxIndex)"))
        }
        return findings
    }

    /// ARR002: array task logs that overwrite each other.
    static let arrayOutput = SlurmLintRule(
        "ARR002", .warning, .any, "Array job whose --output/--error has no %a (or %A_%a, or %j): task logs overwrite each other"
    ) { context in
        guard context.arrayDirective != nil else { return [] }
        return ["output", "error"].compactMap { context.script.last($0) }.compactMap { directive in
            guard let value = directive.value, !value.contains("%a"), !value.contains("%j") else { return nil }
            let fixed = value.contains("%A") ? value.replacingOccurrences(of: "%A", with: "%A_%a") : insertTaskID(value)
            return SlurmFinding(
                directive, "'\(directive.text)' names the same file for every array task, so their logs overwrite each other; add %a (the task index)",
                fixIt: replace(directive, with: "--\(directive.option)=\(fixed)"))
        }
    }

    /// `name.out` becomes `name-%A_%a.out`.
    private static func insertTaskID(_ value: String) -> String {
        guard let dot = value.lastIndex(of: "."), !value[dot...].contains("/") else { return value + "-%A_%a" }
        return value[..<dot] + "-%A_%a" + value[dot...]
    }

    /// QOS001: optimist without a way to survive being stopped.
    static let optimist = SlurmLintRule(
        "QOS001", .warning, .any, "--qos=optimist with no SIGTERM trap or checkpoint logic; optimist also needs access granted by support"
    ) { context in
        guard let directive = context.qosDirective, let value = directive.value else { return [] }
        let preemptible = context.qos?.preemptible ?? (value.lowercased() == "optimist")
        guard preemptible else { return [] }
        let commands = context.script.commands
        let traps = commands.contains { command in
            command.name == "trap" && command.arguments.contains { ["TERM", "SIGTERM", "15", "USR1", "SIGUSR1"].contains($0.text) }
        }
        let checkpoints = commands.flatMap(\.words).contains { $0.text.lowercased().contains("checkpoint") || $0.text.lowercased().contains("resume") }
        guard !traps, !checkpoints else { return [] }
        let access = context.qos?.requiresAccess == true || context.profile == nil ? "; optimist also needs access granted by support" : ""
        return [SlurmFinding(
            directive,
            "an optimist job can be stopped at any time (SIGTERM, then SIGKILL 30 s later) and requeued, but the script neither traps SIGTERM "
                + "nor resumes from a checkpoint, so the work done so far is lost each time\(access)",
            fixIt: .init("add 'trap save_checkpoint TERM' and make the program resume from its last checkpoint"))]
    }

    /// BILL001: the estimated cost, and jobs above the billing-unit limit.
    static let cost = SlurmLintRule(
        "BILL001", .note, .cluster, "Estimated cost (billing units x time); jobs above a per-job billing limit are a warning"
    ) { context in
        guard let partition = context.partition, let billing = partition.billing, let requested = context.time else { return [] }
        let time = requested.isUnlimited ? context.maxTime?.time : requested
        guard let time, !time.isUnlimited else { return [] }
        let tasks = context.array?.taskCount ?? 1
        let each = tasks > 1 ? " per array task (\(tasks) tasks)" : ""
        let at = context.timeDirective.map { ($0.line, $0.column) } ?? context.headerLocation
        if let quota = billing.quota {
            guard let gpus = context.totalGPUs else { return [] }
            let hours = Double(gpus) * time.hours
            return [SlurmFinding(
                line: at.0, column: at.1,
                "estimated cost: \(gpus) GPU\(gpus == 1 ? "" : "s") for \(time) = \(formatNumber(hours)) \(hours == 1 && quota.hasSuffix("s") ? String(quota.dropLast()) : quota)\(each), "
                    + "charged to \(context.clusterTitle)'s separate quota for \(quota)")]
        }
        var units = Double(context.totalCPUs)
        var why = "\(context.totalCPUs) CPU\(context.totalCPUs == 1 ? "" : "s")"
        if let perNode = billing.unitsPerNode {
            units = perNode * Double(context.nodeCount)
            why = "\(context.nodeCount) whole node\(context.nodeCount == 1 ? "" : "s") x \(formatNumber(perNode))"
        }
        if let factor = billing.memoryFactor, let memory = context.totalMemoryGiB, memory * factor > units {
            units = memory * factor
            why = "\(formatNumber(memory)) GiB x \(formatNumber(factor))"
        }
        if let factor = billing.gpuFactor, let gpus = context.totalGPUs, Double(gpus) * factor > units {
            units = Double(gpus) * factor
            why = "\(gpus) GPU\(gpus == 1 ? "" : "s") x \(formatNumber(factor))"
        }
        let total = units * time.hours
        var message = "estimated cost: \(formatNumber(units)) billing unit\(units == 1 ? "" : "s") (\(why)) x \(formatNumber(time.hours)) h = \(formatNumber(total)) billing-unit hour\(total == 1 ? "" : "s")\(each), "
            + "reserved from the project's quota when the job starts" + (context.profile?.account?.quotaCommand.map { " (see '\($0)')" } ?? "")
        let limits = [(context.qos?.maxBillingUnits, "QoS \(context.qos?.name ?? "")"), (partition.maxBillingUnits, context.jobTypeName)]
        for case let (limit?, owner) in limits where units > limit {
            message += "; this is more than the \(formatNumber(limit)) billing units per job allowed for \(owner), so the job will not start"
            return [SlurmFinding(line: at.0, column: at.1, message, severity: .warning)]
        }
        return [SlurmFinding(line: at.0, column: at.1, message)]
    }
}
