import DocgenCore
import Foundation

/// HDR001-HDR003: where the directives are, how they are spelt, and the shebang.
enum HeaderRules {
    static let all = [lateDirective, malformedDirective, shebang]

    /// HDR001: `#SBATCH` after the first command, which Slurm silently ignores.
    static let lateDirective = SlurmLintRule(
        "HDR001", .error, .any, "#SBATCH line after the first command (Slurm silently ignores it)"
    ) { context in
        guard let first = context.script.firstCommand else { return [] }
        let command = SlurmText.trimmingWhitespaces(first.text)
        let shown = command.count > 40 ? String(command.prefix(37)) + "..." : command
        var lines: [Int: [String]] = [:]
        for directive in context.script.ignoredDirectives { lines[directive.line, default: []].append(directive.canonical) }
        for problem in context.script.problems where problem.isAfterFirstCommand && ![.notADirective, .disabled].contains(problem.kind) {
            lines[problem.line, default: []].append(problem.text)
        }
        return lines.keys.sorted().map { line in
            let options = lines[line, default: []].joined(separator: " ")
            return SlurmFinding(
                line: line, column: 1,
                "#SBATCH line after the first command (line \(first.number): '\(shown)'): Slurm stops reading directives "
                    + "at the first command, so '\(options)' is silently ignored",
                fixIt: .init("move it above line \(first.number), with the other #SBATCH lines"))
        }
    }

    /// Options whose value must be a whole number.
    private static let integerOptions: Set<String> = [
        "ntasks", "ntasks-per-node", "cpus-per-task", "cpus-per-gpu", "ntasks-per-gpu", "ntasks-per-core",
        "ntasks-per-socket", "mincpus", "cores-per-socket", "sockets-per-node", "threads-per-core",
    ]

    /// HDR002: unknown options, underscores, one dash on a long option, `# SBATCH`/`#sbatch`, bad values;
    /// `##SBATCH` (disabled) as a note.
    static let malformedDirective = SlurmLintRule(
        "HDR002", .error, .any,
        "Malformed directive: unknown option, underscores, single dash on a long option, '# SBATCH'/'#sbatch', invalid value ('##SBATCH' is a note)"
    ) { context in
        var findings = context.script.problems.filter { !$0.isAfterFirstCommand }.map { problem in
            SlurmFinding(
                line: problem.line, column: problem.column, problem.message,
                fixIt: problem.replacement.map { .init("write '\($0)'", replacement: $0) },
                severity: problem.kind == .disabled ? .note : nil)
        }
        for directive in context.script.directives {
            guard let value = directive.value else { continue }
            if value.isEmpty, SlurmOptions.all[directive.option]?.argument == .required {
                findings.append(SlurmFinding(directive, "'\(directive.text)' gives --\(directive.option) an empty value"))
                continue
            }
            if let message = valueProblem(directive, value) {
                findings.append(SlurmFinding(directive, message.text, fixIt: message.fix.map { replace(directive, with: $0) }))
            }
        }
        return findings
    }

    /// What is wrong with a directive's value, for the options whose values docgen reads (time and array have their own rules).
    private static func valueProblem(_ directive: SlurmDirective, _ value: String) -> (text: String, fix: String?)? {
        let option = directive.option
        if integerOptions.contains(option), !value.isDigits {
            return ("'\(directive.text)': --\(option) takes a whole number, not '\(value)'", nil)
        }
        if option == "nodes", SlurmLintContext.nodeRange(value) == nil {
            return ("'\(directive.text)': --nodes takes a number or a range such as 2-4, not '\(value)'", nil)
        }
        do throws(SlurmValueError) {
            if ["mem", "mem-per-cpu", "mem-per-gpu"].contains(option) {
                _ = try SlurmMemory.parse(value)
            } else if ["gpus", "gpus-per-node", "gpus-per-task", "gpus-per-socket", "gres"].contains(option) {
                _ = try SlurmGPURequest.parse(option: option, value: value)
            }
        } catch {
            return ("'\(directive.text)': \(error.message)", error.suggestion.map { "--\(option)=\($0)" })
        }
        return nil
    }

    /// Interpreters whose comments start with `#`, so `#SBATCH` lines are comments to them.
    private static let hashCommentInterpreters: Set<String> = [
        "sh", "bash", "dash", "ksh", "zsh", "csh", "tcsh", "fish", "python", "python2", "python3", "perl", "ruby",
        "Rscript", "julia", "tclsh", "awk",
    ]

    /// HDR003: missing shebang, or one for a language whose comments do not start with `#`.
    static let shebang = SlurmLintRule(
        "HDR003", .warning, .any, "Missing shebang, or one that is not a #-comment language"
    ) { context in
        guard context.script.shebang != nil else {
            return [SlurmFinding(
                line: 1, column: 1,
                "the script has no '#!' line; sbatch refuses a script whose first line is not '#!' and an interpreter",
                fixIt: .init("add '#!/bin/bash' as the first line", replacement: "#!/bin/bash"))]
        }
        guard let interpreter = context.interpreter else {
            return [SlurmFinding(line: 1, column: 1, "the '#!' line names no interpreter", fixIt: .init("write '#!/bin/bash'", replacement: "#!/bin/bash"))]
        }
        // python3.11 and perl5 count as python and perl.
        let base = String(interpreter.prefix { !$0.isNumber && $0 != "." })
        if hashCommentInterpreters.contains(interpreter) || hashCommentInterpreters.contains(base) { return [] }
        return [SlurmFinding(
            line: 1, column: 1,
            "'\(interpreter)' does not read lines that start with '#' as comments, so the #SBATCH lines would break the script; "
                + "use a shell (#!/bin/bash) and start the program from it",
            fixIt: .init("write '#!/bin/bash'", replacement: "#!/bin/bash"))]
    }
}
