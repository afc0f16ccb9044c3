import DocgenCore
import Foundation

/// CL001-CL003: the cluster, the partition and the QoS.
enum ClusterRules {
    static let all = [decommissioned, partition, unknownCluster]

    /// Where to report a cluster problem: the `--clusters` directive, else line 1.
    private static func location(_ context: SlurmLintContext) -> (line: Int, column: Int) {
        context.script.last("clusters").map { ($0.line, $0.column) } ?? (1, 1)
    }

    /// CL001: a decommissioned cluster such as Fram.
    static let decommissioned = SlurmLintRule("CL001", .error, .cluster, "Cluster is decommissioned (Fram, shut down 2025-12-04)") { context in
        guard let profile = context.request.profile, profile.status == .decommissioned else { return [] }
        let at = location(context)
        let date = profile.decommissioned.map { " on \($0)" } ?? ""
        let successor = profile.replacedBy.map { "; its projects moved to \($0.prefix(1).uppercased() + $0.dropFirst())" } ?? ""
        return [SlurmFinding(
            line: at.line, column: at.column,
            "\(profile.title) was shut down\(date)\(successor), so this job can no longer run there",
            fixIt: profile.replacedBy.map { .init("write the job for \($0)", replacement: $0) })]
    }

    /// CL003: a cluster name the catalog does not know.
    static let unknownCluster = SlurmLintRule("CL003", .error, .any, "Unknown cluster name (with did-you-mean)") { context in
        guard let name = context.request.name, context.request.profile == nil else { return [] }
        let at = location(context)
        let suggestion = Suggestion.closest(to: name, in: context.request.known)
        return [SlurmFinding(
            line: at.line, column: at.column,
            "unknown cluster '\(name)'\(suggestion.map { " (did you mean '\($0)'?)" } ?? ""); docgen knows "
                + context.request.known.joined(separator: ", ") + "; only the cluster-independent rules were run",
            fixIt: suggestion.map { .init("use '\($0)'", replacement: $0) })]
    }

    /// CL002: a partition (or QoS) the cluster does not have; `--partition=devel` where NRIS wants `--qos=devel`.
    static let partition = SlurmLintRule(
        "CL002", .error, .cluster,
        "Partition not valid for the cluster; --partition=devel/optimist on NRIS should be --qos= (unknown QoS and odd combinations are warnings)"
    ) { context in
        guard let profile = context.profile, !profile.partitions.isEmpty else { return [] }
        var findings: [SlurmFinding] = []
        let partitionNames = profile.partitions.map(\.name)
        if let directive = context.partitionDirective, let value = directive.value {
            let names = value.split(separator: ",").map(String.init)
            for name in names where profile.partition(named: name) == nil {
                if let qos = profile.qos(named: name) {
                    findings.append(SlurmFinding(
                        directive,
                        "on \(profile.title), \(qos.name) is a QoS, not a partition: ask for it with --qos=\(qos.name)",
                        fixIt: names.count == 1 ? replace(directive, with: "--qos=\(qos.name)") : nil))
                } else {
                    let suggestion = Suggestion.closest(to: name, in: partitionNames)
                    findings.append(SlurmFinding(
                        directive,
                        "\(profile.title) has no partition '\(name)'\(suggestion.map { " (did you mean '\($0)'?)" } ?? ""); "
                            + "its partitions are \(partitionNames.joined(separator: ", "))",
                        fixIt: suggestion.flatMap { names.count == 1 ? replace(directive, with: "--partition=\($0)") : nil }))
                }
            }
            if let partition = context.partition, partition.byRequestOnly {
                findings.append(SlurmFinding(
                    directive, "\(profile.title)'s \(partition.name) partition is available by request only", severity: .note))
            }
        } else if context.partition == nil, context.qos?.selectsPartition == nil {
            let at = context.headerLocation
            findings.append(SlurmFinding(
                line: at.line, column: at.column,
                "no --partition, and \(profile.title)'s default partition is not known to docgen; name one of "
                    + partitionNames.joined(separator: ", "),
                severity: .note))
        }
        if let directive = context.qosDirective, let value = directive.value {
            if let qos = context.qos {
                if let allowed = qos.partitions, let partition = context.partition,
                    !allowed.contains(where: { $0.lowercased() == partition.name.lowercased() })
                {
                    findings.append(SlurmFinding(
                        directive,
                        "QoS \(qos.name) on \(profile.title) combines with \(allowed.joined(separator: ", ")), not with the \(partition.name) partition",
                        severity: .warning))
                }
            } else if !profile.qos.isEmpty {
                let names = profile.qos.map(\.name)
                let suggestion = Suggestion.closest(to: value, in: names)
                findings.append(SlurmFinding(
                    directive,
                    "\(profile.title) has no QoS '\(value)'\(suggestion.map { " (did you mean '\($0)'?)" } ?? ""); docgen knows "
                        + names.joined(separator: ", "),
                    fixIt: suggestion.map { replace(directive, with: "--qos=\($0)") }, severity: .warning))
            }
        }
        return findings
    }
}
