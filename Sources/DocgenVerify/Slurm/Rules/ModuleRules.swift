import DocgenCore
import Foundation

/// MOD001-MOD003: environment modules.
enum ModuleRules {
    static let all = [explicitVersion, reset, hugemem]

    /// MOD001: `module load` without a version.
    static let explicitVersion = SlurmLintRule("MOD001", .warning, .any, "module load without an explicit version") { context in
        context.loadedModules.filter { !SlurmText.contains($0.text, "/") && !$0.text.hasPrefix("$") && !$0.text.isEmpty }.map { word in
            SlurmFinding(
                word,
                "'module load \(word.text)' has no version, so the job gets whatever the default is on the day it runs; "
                    + "name the version (see 'module avail \(word.text)')",
                fixIt: .init("write '\(word.text)/VERSION'"))
        }
    }

    /// MOD002: `module --force purge` (error), `module purge` (warning), no reset before loads (note).
    static let reset = SlurmLintRule(
        "MOD002", .warning, .cluster, "No 'module --quiet reset' before loads (note); old 'module purge' (warning); 'module --force purge' (error)"
    ) { context in
        guard let resetCommand = context.profile?.modules?.reset else { return [] }
        var findings: [SlurmFinding] = []
        var resetSeen = false
        for (command, subcommand, options, _) in context.moduleCommands {
            switch subcommand {
            case "purge":
                resetSeen = true
                if options.contains("--force") || options.contains("-f") {
                    findings.append(SlurmFinding(
                        command, "'module --force purge' also removes the sticky StdEnv module that \(context.clusterTitle)'s software needs; use '\(resetCommand)'",
                        fixIt: .init("write '\(resetCommand)'", replacement: resetCommand), severity: .error))
                } else {
                    findings.append(SlurmFinding(
                        command, "'module purge' is the old advice; since 2026-02-05 NRIS recommends '\(resetCommand)', which keeps the default environment",
                        fixIt: .init("write '\(resetCommand)'", replacement: resetCommand)))
                }
            case "reset", "restore":
                resetSeen = true
            case "load", "add":
                if !resetSeen {
                    resetSeen = true
                    findings.append(SlurmFinding(
                        command, "modules are loaded without '\(resetCommand)' first, so the job inherits whatever was loaded when it was submitted",
                        fixIt: .init("add '\(resetCommand)' before the first 'module load'"), severity: .note))
                }
            default:
                break
            }
        }
        return findings
    }

    /// MOD003: a partition's recommended modules (Saga hugemem: EESSI/2023.06).
    static let hugemem = SlurmLintRule("MOD003", .note, .cluster, "Saga hugemem without EESSI/2023.06 (ordinary modules may fail on that CPU)") { context in
        guard let partition = context.partition, !partition.recommendedModules.isEmpty else { return [] }
        let loaded = Set(context.loadedModules.map(\.text))
        let missing = partition.recommendedModules.filter { !loaded.contains($0) }
        guard !missing.isEmpty else { return [] }
        let at = context.partitionDirective.map { ($0.line, $0.column) } ?? context.headerLocation
        return [SlurmFinding(
            line: at.0, column: at.1,
            "\(context.jobTypeName) has a different CPU type; load \(missing.joined(separator: ", ")) (ordinary modules may not run there)",
            fixIt: .init("add 'module load \(missing.joined(separator: " "))'"))]
    }
}
