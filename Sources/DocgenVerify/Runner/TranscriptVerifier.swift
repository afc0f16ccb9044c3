public import DocgenCore
import Foundation

/// Verifies a shell transcript: runnable commands run in the page's sandbox session and their
/// output is compared with the page; cluster-only commands have their shown output checked by the
/// bundled parsers; the prompt's directory must agree with the `cd`s before it.
public struct TranscriptVerifier {
    /// What verifying one block found.
    public struct Result: Sendable {
        /// Problems, located in the Markdown file.
        public var diagnostics: [Diagnostic] = []
        /// Fixes `--bless` can apply (output mismatches only).
        public var edits: [SourceEdit] = []
        /// Whether anything ran in the sandbox.
        public var ran = false
    }

    /// The block's text.
    public var code: String
    /// Where the block's first code line is (file and line).
    public var origin: SourceLocation
    /// The `match=` mode.
    public var mode: OutputMatchMode
    /// Whether runnable commands are run; off in static verification, which only parses and checks.
    public var execute = true

    /// Creates a verifier for one block.
    public init(code: String, origin: SourceLocation, mode: OutputMatchMode) {
        self.code = code
        self.origin = origin
        self.mode = mode
    }

    private func location(_ blockLine: Int, column: Int = 1) -> SourceLocation {
        SourceLocation(file: origin.file, line: origin.line + blockLine, column: column)
    }

    /// Parses the block, runs what can run in `session` (nil: nothing runs, e.g. no sandbox), checks the rest.
    public func verify(in session: ShellSession?) -> Result {
        verify(Transcript.parse(code), in: session)
    }

    /// Like ``verify(in:)`` for a transcript already parsed from ``code`` (callers that parsed it
    /// for other reasons save parsing it again).
    public func verify(_ transcript: Transcript, in session: ShellSession?) -> Result {
        var result = Result()
        for problem in transcript.problems {
            result.diagnostics.append(.error(problem.id, problem.message, at: location(problem.line, column: problem.column)))
        }
        var runnable: [TranscriptCommand] = []
        for command in transcript.commands where !command.isNoOp {
            guard let name = command.commandName else { continue }
            switch CommandCatalog.handling(of: name) {
            case .run:
                runnable.append(command)
            case .clusterOnly(let check):
                result.diagnostics += checkClusterOutput(command, name: name, check: check)
            case .unknown:
                result.diagnostics.append(.error(
                    "transcript.unknown-command",
                    "'\(name)' is neither a command docgen can run in its sandbox nor a known cluster command, so this output cannot be verified",
                    at: location(command.lines.lowerBound, column: command.column),
                    fixIt: .init("add skip=\"why it is not verified\" to the block's info string")))
            }
        }
        guard !runnable.isEmpty, execute else { return result }
        guard let session else {
            result.diagnostics.append(.error(
                "transcript.no-sandbox", "this transcript cannot run: no sandbox is available (install bubblewrap)",
                at: location(0)))
            return result
        }
        result.ran = true
        var directory = session.directory
        let run = session.run(runnable.map(\.text))
        for (index, command) in runnable.enumerated() {
            if let shown = command.prompt.directory,
               let expected = TranscriptPrompt.expandDirectory(shown, home: session.sandbox.home, currentDirectory: directory),
               expected != directory {
                result.diagnostics.append(.error(
                    "transcript.prompt-directory",
                    "the prompt shows '\(shown)' but the commands before it left the shell in '\(display(directory, home: session.sandbox.home))'",
                    at: location(command.lines.lowerBound)))
            } else if let shown = command.prompt.directory,
                      TranscriptPrompt.expandDirectory(shown, home: session.sandbox.home, currentDirectory: directory) == nil {
                result.diagnostics.append(.error(
                    "transcript.prompt-directory",
                    "the prompt shows '\(shown)' but the shell is in '\(display(directory, home: session.sandbox.home))'",
                    at: location(command.lines.lowerBound)))
            }
            guard index < run.commands.count else {
                let why = run.timedOut
                    ? "the block ran past its \(session.sandbox.limits.timeout) timeout"
                    : run.truncated ? "the block printed more than \(session.sandbox.limits.outputLimit) bytes" : "the shell stopped before it"
                result.diagnostics.append(.error(
                    run.timedOut ? "transcript.timeout" : run.truncated ? "transcript.output-limit" : "transcript.not-run",
                    "'\(command.commandName ?? command.text)' did not finish: \(why)", at: location(command.lines.lowerBound, column: command.column)))
                break
            }
            let actual = run.commands[index]
            directory = actual.directory
            result.diagnostics += compare(command, actual: actual, edits: &result.edits)
        }
        return result
    }

    /// `ls` lays names out in columns for a terminal and one per line for a pipe, so its output is
    /// compared as a set of names unless a long or one-per-line listing was asked for.
    private func isColumnListing(_ command: TranscriptCommand) -> Bool {
        guard command.commandName == "ls" else { return false }
        return !command.arguments.contains { $0.hasPrefix("-") && ($0.contains("l") || $0.contains("1")) }
    }

    private func compare(_ command: TranscriptCommand, actual: ShellSession.CommandResult, edits: inout [SourceEdit]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let expected = command.output
        let match: OutputMatchResult
        // Error messages go to stderr one per line, so only a successful listing is read as names.
        let columns = isColumnListing(command) && actual.status == 0
        if columns {
            let names = expected.flatMap { line in
                line.text.split(whereSeparator: \.isWhitespace).map { TranscriptLine(text: String($0), line: line.line) }
            }
            let actualNames = actual.output.split(whereSeparator: \.isWhitespace).joined(separator: "\n")
            match = OutputMatcher(mode: .unordered).match(expected: names, actual: actualNames)
        } else {
            match = OutputMatcher(mode: mode).match(expected: expected, actual: actual.output)
        }
        for problem in match.problems {
            diagnostics.append(.error("transcript.bad-pattern", problem.message, at: location(problem.expectedIndex)))
        }
        if !match.isMatch {
            let first = expected.first?.line ?? command.lines.upperBound + 1
            let diff = match.diffText(lineNumber: { origin.line + $0 })
            diagnostics.append(.error(
                "transcript.output-mismatch",
                "the output shown for '\(command.text.split(separator: "\n").first ?? "")' is not what the command prints:\n\(diff)",
                at: location(first),
                fixIt: .init("run docgen check --bless to update the shown output")))
            let blessed = OutputMatcher.bless(expected: expected.map(\.text), actual: actual.output, mode: columns ? .exact : mode)
            if let firstLine = expected.first?.line, let lastLine = expected.last?.line {
                edits.append(SourceEdit(file: origin.file, start: origin.line + firstLine, end: origin.line + lastLine, replacement: blessed))
            } else {
                let after = origin.line + command.lines.upperBound + 1
                edits.append(SourceEdit(file: origin.file, start: after, end: after - 1, replacement: blessed))
            }
        }
        if Int32(command.exitStatus) != actual.status {
            diagnostics.append(.error(
                "transcript.exit-status",
                "'\(command.commandName ?? command.text)' exits with status \(actual.status), but the page shows \(command.exitStatus)"
                    + (command.exitStatusLine == nil ? " (no [N] line means 0)" : ""),
                at: location(command.exitStatusLine ?? command.lines.lowerBound),
                fixIt: .init(actual.status == 0 ? "remove the [\(command.exitStatus)] line" : "add a line '[\(actual.status)]' after the output")))
        }
        return diagnostics
    }

    private func checkClusterOutput(_ command: TranscriptCommand, name: String, check: CommandCatalog.ClusterOutputCheck) -> [Diagnostic] {
        let output = command.output
        switch check {
        case .accepted:
            return []
        case .submission:
            for line in output where !line.text.isEmpty {
                let text = line.text
                let isSubmission = text.hasPrefix("Submitted batch job ") && Int(text.dropFirst("Submitted batch job ".count)) != nil
                if !isSubmission && !text.hasPrefix("sbatch: ") {
                    return [.error(
                        "transcript.sbatch-output", "sbatch prints 'Submitted batch job N' or 'sbatch: ...' messages, not '\(text)'",
                        at: location(line.line))]
                }
            }
            return []
        case .parser(let tool):
            guard let first = output.first else { return [] }
            let text = output.map(\.text).joined(separator: "\n")
            let problems = ToolOutputCatalog.check(tool: tool, output: text) ?? []
            return problems.map {
                .error($0.id, $0.message, at: location(first.line + $0.line, column: $0.column))
            }
        }
    }

    private func display(_ path: String, home: String) -> String {
        if path == home { return "~" }
        if path.hasPrefix(home + "/") { return "~" + path.dropFirst(home.count) }
        return path
    }
}
