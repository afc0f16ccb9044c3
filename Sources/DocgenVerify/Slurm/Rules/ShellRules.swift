import DocgenCore
import Foundation

/// SH001-SH003: the shell's safety settings and syntax.
enum ShellRules {
    static let all = [safetySettings, invalidSet, syntax]

    /// The single-letter options bash's `set` accepts (from `set: usage`), plus `o` which takes a name.
    private static let setLetters = Set("abefhkmnptuvxBCEHPTo")

    /// The names `set -o` accepts.
    static let setOptionNames = [
        "allexport", "braceexpand", "emacs", "errexit", "errtrace", "functrace", "hashall", "histexpand", "history",
        "ignoreeof", "interactive-comments", "keyword", "monitor", "noclobber", "noexec", "noglob", "nolog", "notify",
        "nounset", "onecmd", "physical", "pipefail", "posix", "privileged", "verbose", "vi", "xtrace",
    ]

    /// What a `set` command turns on, and what is wrong with it.
    struct SetCommand {
        var command: ShellCommand
        var enabled: Set<String> = []
        var problems: [(word: ShellWord, message: String)] = []
    }

    /// Reads the body's `set` commands.
    static func setCommands(_ commands: [ShellCommand]) -> [SetCommand] {
        commands.map { command in
            var result = SetCommand(command: command)
            var expectName = false
            for word in command.arguments {
                let text = word.text
                if expectName {
                    expectName = false
                    if setOptionNames.contains(text) {
                        result.enabled.insert(text)
                    } else {
                        result.problems.append((word, "'set -o \(text)': bash has no option '\(text)'\(Suggestion.didYouMean(text, in: setOptionNames))"))
                    }
                    continue
                }
                guard let sign = text.first, sign == "-" || sign == "+", text.count > 1, text != "--" else { break }
                let letters = String(text.dropFirst())
                if letters.count >= 5, let name = Suggestion.closest(to: letters, in: setOptionNames) {
                    result.problems.append((word, "'set \(text)' is read by bash as single-letter options \(letters.map { "-\($0)" }.joined(separator: " ")), not as '-o \(name)'"))
                    continue
                }
                if let bad = letters.first(where: { !setLetters.contains($0) }) {
                    result.problems.append((word, "'set \(text)': -\(bad) is not an option of set; bash stops with 'set: -\(bad): invalid option'"))
                    continue
                }
                for letter in letters {
                    switch letter {
                    case "e" where sign == "-": result.enabled.insert("errexit")
                    case "u" where sign == "-": result.enabled.insert("nounset")
                    case "o": expectName = sign == "-"
                    default: break
                    }
                }
            }
            return result
        }
    }

    /// SH001: no `set -o errexit` / `set -o nounset`.
    static let safetySettings = SlurmLintRule("SH001", .warning, .any, "Missing set -o errexit / set -o nounset (NRIS recommendation)") { context in
        guard context.isShellScript, !context.script.commands.isEmpty else { return [] }
        let sets = context.setCommands
        guard sets.allSatisfy({ $0.problems.isEmpty }) else { return [] }
        let enabled = sets.reduce(into: Set<String>()) { $0.formUnion($1.enabled) }
        let missing = ["errexit", "nounset"].filter { !enabled.contains($0) }
        guard !missing.isEmpty, let first = context.script.commands.first else { return [] }
        let lines = missing.map { "set -o \($0)" }
        return [SlurmFinding(
            line: first.line, column: 1,
            "the script does not turn on \(lines.map { "'\($0)'" }.joined(separator: " and ")): without them it carries on after a failed command "
                + "or an unset variable, and the job may report success with wrong results",
            fixIt: .init("add '\(lines.joined(separator: "; "))' after the #SBATCH lines"))]
    }

    /// SH002: invalid `set` flags such as `set -errext -nounset`.
    static let invalidSet = SlurmLintRule("SH002", .error, .any, "Invalid set flags, e.g. set -errext -nounset (bash aborts)") { context in
        guard context.isShellScript else { return [] }
        return context.setCommands.flatMap { set in
            set.problems.map { problem in
                SlurmFinding(
                    problem.word, problem.message + "; the script stops there (bash exits with status 1)",
                    fixIt: .init("write 'set -o errexit -o nounset -o pipefail'", replacement: "set -o errexit -o nounset -o pipefail"))
            }
        }
    }

    /// `scriptText(SlurmScript.lines(of: text))`: a text without a carriage return is already that
    /// text, with a line feed added at the end when it has none, so it is not split and joined again.
    static func scriptText(of text: String) -> String {
        guard !text.containsUTF8Byte(ASCIIText.carriageReturn) else { return scriptText(SlurmScript.lines(of: text)) }
        return text.utf8.last == ASCIIText.lineFeed ? text : text + "\n"
    }

    /// The lines, each ending in a line feed (`joined(separator: "\n") + "\n"` without the second copy).
    static func scriptText(_ lines: [String]) -> String {
        var text = ""
        text.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
        for line in lines {
            text += line
            text += "\n"
        }
        return text
    }

    /// SH003: `bash -n` syntax errors.
    static let syntax = SlurmLintRule("SH003", .error, .any, "Shell syntax error reported by bash -n") { context in
        guard ["bash", "sh"].contains(context.interpreter ?? "bash") else { return [] }
        guard let failures = BashSyntaxCheck.check(scriptText(context.script.lines)) else {
            return [SlurmFinding(line: 1, column: 1, "/bin/bash could not be run, so the shell syntax was not checked", severity: .note)]
        }
        let last = max(1, context.script.lines.count)
        return failures.map { failure in
            SlurmFinding(line: min(failure.line ?? last, last), column: 1, "bash -n: \(failure.message)")
        }
    }
}
