import DocgenCore
import Foundation

/// TIM001-TIM004: the time limit.
enum TimeRules {
    static let all = [missing, format, overLimit, advice]

    /// TIM001: no `--time`.
    static let missing = SlurmLintRule("TIM001", .error, .any, "No --time") { context in
        guard context.script.last("time") == nil else { return [] }
        let location = context.headerLocation
        let limit = context.maxTime.map { " (at most \($0.time.formatted) for \($0.owner))" } ?? ""
        return [SlurmFinding(
            line: location.line, column: location.column,
            "no --time: every job must give a time limit, e.g. --time=1:00:00\(limit)",
            fixIt: .init("add '#SBATCH --time=HH:MM:SS'"))]
    }

    /// TIM002: a `--time` Slurm cannot read.
    static let format = SlurmLintRule(
        "TIM002", .error, .any, "--time not in a Slurm format (M, M:S, H:M:S, D-H, D-H:M, D-H:M:S)"
    ) { context in
        guard let directive = context.timeDirective, let value = directive.value, context.time == nil else { return [] }
        do throws(SlurmValueError) {
            _ = try SlurmTime.parse(value)
            return []
        } catch {
            return [SlurmFinding(
                directive, "--time=\(value): \(error.message)",
                fixIt: error.suggestion.map { replace(directive, with: "--time=\($0)") })]
        }
    }

    /// TIM003: above the job type's maximum.
    static let overLimit = SlurmLintRule(
        "TIM003", .error, .cluster, "Time above the job type's maximum (QoS devel: 2 h on Saga/Olivia, 60 min on Betzy)"
    ) { context in
        guard let directive = context.timeDirective, let time = context.time, let limit = context.maxTime,
            !limit.time.isUnlimited, time > limit.time
        else { return [] }
        return [SlurmFinding(
            directive,
            "--time=\(directive.value ?? time.formatted) (\(time)) exceeds the \(limit.time.formatted) maximum of \(limit.owner); sbatch rejects the job",
            fixIt: replace(directive, with: "--time=\(limit.time.formatted)", "ask for at most \(limit.time.formatted)"))]
    }

    /// TIM004: advice on long or open-ended requests.
    static let advice = SlurmLintRule(
        "TIM004", .note, .cluster, "Very long time on devel/optimist, no limit, or the job type's full maximum (quota is reserved up front)"
    ) { context in
        guard let directive = context.timeDirective, let time = context.time else { return [] }
        if time.isUnlimited {
            let limit = context.maxTime.map { " (\($0.time.formatted) for \($0.owner))" } ?? ""
            return [SlurmFinding(
                directive,
                "--time=\(directive.value ?? "") asks for no limit, so Slurm uses the maximum\(limit), and that whole time is reserved from the project's quota when the job starts")]
        }
        if let qos = context.qos, qos.preemptible {
            return [SlurmFinding(
                directive,
                "an optimist job can be stopped and requeued at any time; a --time of \(time) only helps if the job saves checkpoints well within it")]
        }
        if let qos = context.qos, let limit = qos.maxTime, !limit.isUnlimited, time.hours * 2 > limit.hours {
            return [SlurmFinding(
                directive,
                "QoS \(qos.name) is meant for short tests; --time=\(directive.value ?? "") is more than half its \(limit.formatted) maximum")]
        }
        if let limit = context.maxTime, !limit.time.isUnlimited, time == limit.time, context.partition?.billing != nil {
            return [SlurmFinding(
                directive,
                "--time asks for the full \(limit.time.formatted) maximum of \(limit.owner); the whole time is reserved from the project's quota at job start, so ask for about 1.5 times the expected run time")]
        }
        return []
    }
}
