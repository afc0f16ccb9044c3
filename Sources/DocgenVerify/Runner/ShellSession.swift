import Foundation

/// A shell session inside a `Sandbox`: runs a block's commands one after another in one bash,
/// and splits what they print back into one result per command, with its exit status and the
/// directory it left the shell in (so `cd` carries over, as in a terminal).
public final class ShellSession {
    /// What one command printed and how it ended.
    public struct CommandResult: Sendable, Hashable {
        /// stdout and stderr together.
        public var output: String
        /// The exit status.
        public var status: Int32
        /// The working directory after the command (a path inside the sandbox).
        public var directory: String
    }

    /// What running a block gave.
    public struct BlockResult: Sendable {
        /// One result per command that finished; fewer than the commands when the run was cut short.
        public var commands: [CommandResult]
        /// Output printed after the last finished command started but before the run was cut short.
        public var unfinishedOutput: String
        /// Whether the block hit the timeout.
        public var timedOut: Bool
        /// Whether the block hit the output cap.
        public var truncated: Bool
    }

    /// The sandbox the commands run in.
    public let sandbox: Sandbox
    /// The current directory inside the sandbox; starts at the home.
    public private(set) var directory: String

    /// Starts a session in the sandbox's home.
    public init(sandbox: Sandbox) {
        self.sandbox = sandbox
        self.directory = sandbox.home
    }

    private static let separator = "\u{1E}"

    /// Runs `commands` in order in one shell that starts in the session's directory.
    public func run(_ commands: [String]) -> BlockResult {
        let delimiter = "DOCGEN_\(UUID().uuidString.replacingOccurrences(of: "-", with: ""))"
        var script = "cd -- \(Self.quote(directory)) 2>/dev/null || cd\n"
        for command in commands {
            // Each command is read through a quoted heredoc and eval'd, so a syntax error in one
            // command is that command's failure, and stdin is closed so nothing reads the script.
            script += "printf '\(Self.separator)S\\n'\n"
            script += "__docgen_command=$(cat <<'\(delimiter)'\n\(command)\n\(delimiter)\n)\n"
            script += "{ eval \"$__docgen_command\"; } </dev/null 2>&1\n"
            script += "printf '\(Self.separator)E %d %s\\n' $? \"$PWD\"\n"
        }
        let outcome = sandbox.run(script, in: sandbox.home)
        var results: [CommandResult] = []
        var unfinished = ""
        var current: String?
        for line in outcome.output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "\(Self.separator)S" {
                current = ""
            } else if line.hasPrefix("\(Self.separator)E "), let output = current {
                let fields = line.dropFirst(3).split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false)
                let status = fields.first.flatMap { Int32($0) } ?? -1
                let after = fields.count > 1 ? String(fields[1]) : directory
                results.append(CommandResult(output: output, status: status, directory: after))
                directory = after
                current = nil
            } else if current != nil {
                current? += line + "\n"
            }
        }
        if let current { unfinished = current }
        return BlockResult(commands: results, unfinishedOutput: unfinished, timedOut: outcome.timedOut, truncated: outcome.truncated)
    }

    /// `text` in single quotes for bash.
    static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
